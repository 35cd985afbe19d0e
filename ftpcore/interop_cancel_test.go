//go:build interop

package ftpcore

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"ferry/ftpcore/interoptest"
)

// cancelOnCommand cancels a context the moment the session writes a
// command with a given verb: the command goes out, and its reply is owed
// when the call gives up. The transcript runs on the calling goroutine,
// so no timer is involved.
type cancelOnCommand struct {
	mu     sync.Mutex
	verbs  []string
	cancel context.CancelFunc
	rec    *testLog
}

func (c *cancelOnCommand) arm(cancel context.CancelFunc, verbs ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cancel, c.verbs = cancel, verbs
}

func (c *cancelOnCommand) transcript(l TranscriptLine) {
	c.rec.add(l)
	c.mu.Lock()
	defer c.mu.Unlock()
	if l.Dir != DirCommand || c.cancel == nil {
		return
	}
	verb, _, _ := strings.Cut(l.Text, " ")
	for _, v := range c.verbs {
		if verb == v {
			c.cancel()
			c.cancel = nil
			return
		}
	}
}

// TestInteropCancelWhileAReplyIsPending: against each real server, a
// call cancelled just after it sent TYPE, SIZE, EPSV, RETR or STOR leaves
// the session usable, the server's late replies read and a transfer it
// started aborted.
func TestInteropCancelWhileAReplyIsPending(t *testing.T) {
	for _, srv := range interoptest.Servers(t) {
		modes := []TLSMode{TLSNone}
		if srv.TLS {
			modes = append(modes, TLSExplicit)
		}
		for _, mode := range modes {
			t.Run(srv.Name+"/"+mode.String(), func(t *testing.T) {
				t.Parallel()
				cancelWhileAReplyIsPending(t, srv, mode)
			})
		}
	}
}

// cancelWhileAReplyIsPending runs the cancels of
// TestInteropCancelWhileAReplyIsPending on one server in one TLS mode.
func cancelWhileAReplyIsPending(t *testing.T, srv interoptest.Server, mode TLSMode) {
	coc := &cancelOnCommand{rec: &testLog{}}
	cfg := interopConfig(t, srv, Passive, mode, nil)
	cfg.Transcript = coc.transcript
	s, err := Dial(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dir := fmt.Sprintf("/upload/pending-%s-%s-%d", srv.Name, mode, time.Now().UnixNano())
	if err := s.Mkdir(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	data := make([]byte, 4<<20)
	rand.Read(data)
	file := dir + "/f.bin"
	if _, err := s.Store(t.Context(), file, bytes.NewReader(data), TransferOptions{Type: TypeBinary}); err != nil {
		t.Fatal(err)
	}
	retr := func(ctx context.Context, typ TransferType) error {
		var buf bytes.Buffer
		_, err := s.Retrieve(ctx, file, &buf, TransferOptions{Type: typ})
		if err == nil && typ == TypeBinary && !bytes.Equal(buf.Bytes(), data) {
			return errors.New("data differs")
		}
		return err
	}
	for _, tc := range []struct {
		verbs []string
		op    func(context.Context) error
	}{
		{[]string{"TYPE"}, func(ctx context.Context) error { return retr(ctx, TypeASCII) }},
		{[]string{"SIZE"}, func(ctx context.Context) error { return retr(ctx, TypeBinary) }},
		{[]string{"EPSV", "PASV"}, func(ctx context.Context) error { return retr(ctx, TypeBinary) }},
		{[]string{"RETR"}, func(ctx context.Context) error { return retr(ctx, TypeBinary) }},
		{[]string{"STOR"}, func(ctx context.Context) error {
			_, err := s.Store(ctx, dir+"/u.bin", bytes.NewReader(data), TransferOptions{Type: TypeBinary})
			return err
		}},
	} {
		ctx, cancel := context.WithCancel(t.Context())
		coc.arm(cancel, tc.verbs...)
		err := tc.op(ctx)
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled at %s: %v\n%s", tc.verbs[0], err, coc.rec)
		}
		if err := retr(t.Context(), TypeBinary); err != nil {
			t.Fatalf("download after a cancel at %s: %v\n%s", tc.verbs[0], err, coc.rec)
		}
		if err := s.Noop(t.Context()); err != nil {
			t.Fatalf("NOOP after a cancel at %s: %v\n%s", tc.verbs[0], err, coc.rec)
		}
	}
}
