package ftpcore

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// holdReply returns a BeforeReply hook that, at the first reply with the
// given code to verb, cancels the client and holds the reply until
// release is called: the client gives up while the reply is owed, which
// no timer can arrange reliably. A client that gave up in the middle of
// the data sends ABOR and waits for the server: the OnCommand hook
// releases the reply then.
func holdReply(cancel context.CancelFunc, verb, code string) (f ftptest.Fault, release func()) {
	var once, released sync.Once
	gate := make(chan struct{})
	release = func() { released.Do(func() { close(gate) }) }
	hook := func(v string, reply []byte) {
		if v != verb || !bytes.HasPrefix(reply, []byte(code)) {
			return
		}
		once.Do(func() {
			cancel()
			<-gate
		})
	}
	onCommand := func(v, _ string) {
		if v == "ABOR" {
			release()
		}
	}
	return ftptest.Fault{BeforeReply: hook, OnCommand: onCommand}, release
}

// TestCancelWhileAReplyIsPending: a call cancelled while any reply of its
// dialogue is owed (TYPE, SIZE, EPSV, the 150, the 226) returns the
// cancel, and the session stays usable: the next calls get their own
// replies and the right data.
func TestCancelWhileAReplyIsPending(t *testing.T) {
	data := testkit.RandomBytes(t, 200<<10)
	retr := func(ctx context.Context, s *Session) error {
		var buf bytes.Buffer
		_, err := s.Retrieve(ctx, "/f.bin", &buf, TransferOptions{Type: TypeBinary})
		return err
	}
	retrASCII := func(ctx context.Context, s *Session) error {
		// Binary is the type a session starts with (see probePipelining).
		_, err := s.Retrieve(ctx, "/f.bin", io.Discard, TransferOptions{Type: TypeASCII})
		return err
	}
	stor := func(ctx context.Context, s *Session) error {
		_, err := s.Store(ctx, "/u.bin", bytes.NewReader(data), TransferOptions{Type: TypeBinary})
		return err
	}
	list := func(ctx context.Context, s *Session) error {
		_, err := s.List(ctx, "/", ListDirOptions{})
		return err
	}
	for _, tc := range []struct {
		verb, code string
		op         func(context.Context, *Session) error
	}{
		{"TYPE", "200", retrASCII},
		{"SIZE", "213", retr},
		{"EPSV", "229", retr},
		{"RETR", "150", retr},
		{"RETR", "226", retr},
		{"STOR", "150", stor},
		{"STOR", "226", stor},
		{"MLSD", "150", list},
		{"MLSD", "226", list},
		{"PWD", "257", func(ctx context.Context, s *Session) error { _, err := s.Pwd(ctx); return err }},
	} {
		t.Run(tc.code+" of "+tc.verb, func(t *testing.T) {
			srv := newServer(t)
			srv.FS().WriteFile("/f.bin", data, time.Now())
			s := dialT(t, testConfig(srv, nil))
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			fault, release := holdReply(cancel, tc.verb, tc.code)
			t.Cleanup(release)
			srv.SetFault(fault)
			if err := tc.op(ctx, s); !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled call: %v", err)
			}
			release()
			if !s.Alive() {
				t.Fatal("the session is marked broken")
			}
			var buf bytes.Buffer
			if _, err := s.Retrieve(t.Context(), "/f.bin", &buf, TransferOptions{Type: TypeBinary}); err != nil {
				t.Fatalf("retrieve after the cancel: %v", err)
			}
			if !bytes.Equal(buf.Bytes(), data) {
				t.Fatal("retrieve after the cancel: data differs")
			}
			dir, err := s.Pwd(t.Context())
			if err != nil || dir != "/" {
				t.Fatalf("pwd after the cancel: %q, %v", dir, err)
			}
			if err := s.Noop(t.Context()); err != nil {
				t.Fatalf("noop after the cancel: %v", err)
			}
		})
	}
}

// cutReader returns its chunks one per Read: data, or an error such as a
// deadline's.
type cutReader struct{ chunks []any }

func (c *cutReader) Read(p []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	next := c.chunks[0]
	c.chunks = c.chunks[1:]
	if err, ok := next.(error); ok {
		return 0, err
	}
	return copy(p, next.(string)), nil
}

// TestReplyReadCutByADeadline: a read cut by a deadline mid-line or
// between the lines of a multi-line reply keeps what it read; the next
// read returns the whole reply.
func TestReplyReadCutByADeadline(t *testing.T) {
	cut := os.ErrDeadlineExceeded
	rr := newReplyReader(&cutReader{chunks: []any{"211-Sta", cut, "tus\r\n line one\r\n211", cut, " End\r\n200 next\r\n"}})
	for i := 0; i < 2; i++ {
		if _, err := rr.ReadReply(); !errors.Is(err, cut) {
			t.Fatalf("read %d: %v", i, err)
		}
	}
	r, err := rr.ReadReply()
	if err != nil || r.Code != 211 || strings.Join(r.Lines, "|") != "Status| line one|End" {
		t.Fatalf("after the cuts: %+v, %v", r, err)
	}
	if r, err := rr.ReadReply(); err != nil || r.Code != 200 {
		t.Fatalf("the next reply: %+v, %v", r, err)
	}
}

// TestCancelJustAfterACommand: a cancel made as a command goes out (from
// the transcript, on the calling goroutine) races the server's reply; in
// every order the call returns the cancel and the session stays usable,
// over many rounds, so that a cancel from an earlier call can never cut
// a later one short.
func TestCancelJustAfterACommand(t *testing.T) {
	t.Run("plain", func(t *testing.T) { cancelJustAfterACommand(t, false) })
	t.Run("TLS", func(t *testing.T) { cancelJustAfterACommand(t, true) })
}

func cancelJustAfterACommand(t *testing.T, useTLS bool) {
	var opts []ftptest.Option
	var clientTLS *tls.Config
	if useTLS {
		serverConf, pool := ftptest.NewTLSConfig(t)
		opts = append(opts, ftptest.WithTLS(serverConf), ftptest.WithRequireTLSReuse())
		clientTLS = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	}
	srv := newServer(t, opts...)
	data := testkit.RandomBytes(t, 64<<10)
	srv.FS().WriteFile("/f.bin", data, time.Now())
	var mu sync.Mutex
	var armed string
	var cancelCur context.CancelFunc
	cfg := testConfig(srv, nil)
	if useTLS {
		cfg.TLS, cfg.TLSConfig = TLSExplicit, clientTLS
	}
	cfg.Transcript = func(l TranscriptLine) {
		mu.Lock()
		defer mu.Unlock()
		if verb, _, _ := strings.Cut(l.Text, " "); l.Dir == DirCommand && verb == armed && cancelCur != nil {
			cancelCur()
			cancelCur = nil
		}
	}
	s := dialT(t, cfg)
	retr := func(ctx context.Context, typ TransferType) error {
		var buf bytes.Buffer
		_, err := s.Retrieve(ctx, "/f.bin", &buf, TransferOptions{Type: typ})
		if err == nil && typ == TypeBinary && !bytes.Equal(buf.Bytes(), data) {
			return errors.New("data differs")
		}
		return err
	}
	for round := 0; round < 20; round++ {
		for _, verb := range []string{"TYPE", "SIZE", "EPSV", "RETR", "STOR"} {
			ctx, cancel := context.WithCancel(t.Context())
			mu.Lock()
			armed, cancelCur = verb, cancel
			mu.Unlock()
			var err error
			switch verb {
			case "TYPE":
				err = retr(ctx, TypeASCII)
			case "STOR":
				_, err = s.Store(ctx, "/u.bin", bytes.NewReader(data), TransferOptions{Type: TypeBinary})
			default:
				err = retr(ctx, TypeBinary)
			}
			cancel()
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("round %d, cancel at %s: %v", round, verb, err)
			}
			if err := retr(t.Context(), TypeBinary); err != nil {
				t.Fatalf("round %d, download after a cancel at %s: %v", round, verb, err)
			}
		}
	}
}

// TestCancelBeforeAProtectedTransfer: a transfer cancelled before its 150
// still gets its TLS data connection completed before it is aborted: a
// server like vsftpd ends the whole session when the data handshake it
// starts after the 150 fails.
func TestCancelBeforeAProtectedTransfer(t *testing.T) {
	serverConf, pool := ftptest.NewTLSConfig(t)
	data := testkit.RandomBytes(t, 200<<10)
	for _, verb := range []string{"RETR", "STOR"} {
		t.Run(verb, func(t *testing.T) {
			srv := newServer(t, ftptest.WithTLS(serverConf), ftptest.WithRequireTLSReuse())
			srv.FS().WriteFile("/f.bin", data, time.Now())
			cfg := testConfig(srv, nil)
			cfg.TLS, cfg.TLSConfig = TLSExplicit, &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
			s := dialT(t, cfg)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			fault, release := holdReply(cancel, verb, "150")
			t.Cleanup(release)
			srv.SetFault(fault)
			var err error
			if verb == "RETR" {
				_, err = s.Retrieve(ctx, "/f.bin", io.Discard, TransferOptions{Type: TypeBinary})
			} else {
				_, err = s.Store(ctx, "/u.bin", bytes.NewReader(data), TransferOptions{Type: TypeBinary})
			}
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled call: %v", err)
			}
			release()
			var buf bytes.Buffer
			if _, err := s.Retrieve(t.Context(), "/f.bin", &buf, TransferOptions{Type: TypeBinary}); err != nil || !bytes.Equal(buf.Bytes(), data) {
				t.Fatalf("retrieve after the cancel: %v", err)
			}
		})
	}
}
