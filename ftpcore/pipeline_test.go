package ftpcore

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// copyRoundTrip downloads n distinct files and uploads them back under
// other names, checking every byte: replies attributed to the wrong file
// would show as a wrong size or wrong content. Every other upload gives
// its size, which lets it go ahead of the 150 where the server pipelines.
func copyRoundTrip(t *testing.T, srv *ftptest.Server, s *Session, n int) {
	t.Helper()
	ctx := t.Context()
	for i := 0; i < n; i++ {
		want := testkit.RandomBytes(t, 1000+i*517)
		srv.FS().WriteFile(fmt.Sprintf("/d/f%d.bin", i), want, time.Now())
	}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("/d/f%d.bin", i)
		want, _ := srv.FS().ReadFile(name)
		var buf bytes.Buffer
		if _, err := s.Retrieve(ctx, name, &buf, TransferOptions{Type: TypeBinary}); err != nil {
			t.Fatalf("retrieve %s: %v", name, err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("%s: got %d bytes, want %d", name, buf.Len(), len(want))
		}
		up := fmt.Sprintf("/d/u%d.bin", i)
		opt := TransferOptions{Type: TypeBinary}
		if i%2 == 0 {
			opt.Size = int64(len(want))
		}
		if _, err := s.Store(ctx, up, bytes.NewReader(want), opt); err != nil {
			t.Fatalf("store %s: %v", up, err)
		}
		got, err := srv.FS().ReadFile(up)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s on the server: %d bytes, %v", up, len(got), err)
		}
	}
}

// oneAtATime fails when the transcript shows a command sent before the
// previous one's final reply, after the line that starts the check.
func oneAtATime(t *testing.T, log *testLog, after string) {
	t.Helper()
	log.mu.Lock()
	defer log.mu.Unlock()
	started, waiting := false, ""
	for _, l := range log.lines {
		if !started {
			started = strings.Contains(l.Text, after)
			continue
		}
		switch l.Dir {
		case DirCommand:
			if waiting != "" {
				t.Fatalf("%q sent before the reply to %q", l.Text, waiting)
			}
			waiting = l.Text
		case DirReply:
			if len(l.Text) > 3 && l.Text[3] == ' ' && l.Text[0] != '1' {
				waiting = ""
			}
		}
	}
	if !started {
		t.Fatalf("no line %q in the transcript", after)
	}
}

// TestPipeliningInOrder: a server that reads commands in turn, even one
// that answers slowly, gets a transfer's commands together and every file
// comes and goes whole.
func TestPipeliningInOrder(t *testing.T) {
	for _, delay := range []time.Duration{0, 2 * time.Millisecond} {
		t.Run(delay.String(), func(t *testing.T) {
			srv := newServer(t, ftptest.WithFault(ftptest.Fault{ReplyDelay: delay}))
			log := &testLog{}
			s := dialT(t, testConfig(srv, log))
			if !s.Pipelining() {
				t.Fatal("a server that answers in turn is not pipelined")
			}
			copyRoundTrip(t, srv, s, 6)
			if !sentTogether(log, "SIZE|EPSV") {
				t.Error("never sent an upload's SIZE and the next EPSV together")
			}
			if !sentBefore(log, "EPSV", "226") {
				t.Error("never sent the next EPSV before the 226")
			}
		})
	}
}

// sentBefore reports whether the transcript has the command verb sent
// after a 150 and before the reply code that ends that transfer.
func sentBefore(log *testLog, verb, code string) bool {
	log.mu.Lock()
	defer log.mu.Unlock()
	for i := 2; i < len(log.lines); i++ {
		a, b, c := log.lines[i-2], log.lines[i-1], log.lines[i]
		if a.Dir == DirReply && strings.HasPrefix(a.Text, "150") && b.Dir == DirCommand &&
			strings.HasPrefix(b.Text, verb) && c.Dir == DirReply && strings.HasPrefix(c.Text, code) {
			return true
		}
	}
	return false
}

// sentTogether reports whether the transcript has the two commands of
// pair ("A|B") one after the other with no reply between.
func sentTogether(log *testLog, pair string) bool {
	first, second, _ := strings.Cut(pair, "|")
	log.mu.Lock()
	defer log.mu.Unlock()
	for i := 1; i < len(log.lines); i++ {
		a, b := log.lines[i-1], log.lines[i]
		if a.Dir == DirCommand && b.Dir == DirCommand &&
			strings.HasPrefix(a.Text, first) && strings.HasPrefix(b.Text, second) {
			return true
		}
	}
	return false
}

// TestPipeliningRefusedAtLogin: a server that drops commands sent
// together, answers them out of turn or hangs up is detected after login
// and served one command at a time on a new connection.
func TestPipeliningRefusedAtLogin(t *testing.T) {
	for _, tc := range []struct {
		name  string
		style ftptest.PipelineStyle
	}{
		{"discards", ftptest.PipelineDiscard},
		{"out of turn", ftptest.PipelineOutOfTurn},
		{"closes", ftptest.PipelineClose},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, ftptest.WithFault(ftptest.Fault{Pipelined: tc.style}))
			log := &testLog{}
			s := dialT(t, testConfig(srv, log))
			if s.Pipelining() {
				t.Fatal("pipelining stayed on")
			}
			copyRoundTrip(t, srv, s, 4)
			oneAtATime(t, log, "reconnecting to send one at a time")
		})
	}
}

// TestPipeliningNeverMixesReplies: a server that passed the test after
// login and then answers commands sent together out of turn, or hangs up
// between them, fails the transfer; no data is taken for the file and the
// session is not used again.
func TestPipeliningNeverMixesReplies(t *testing.T) {
	for _, tc := range []struct {
		name  string
		style ftptest.PipelineStyle
		want  func(error) bool
	}{
		{"out of turn", ftptest.PipelineOutOfTurn, func(err error) bool {
			var pe *ProtocolError
			return errors.As(err, &pe)
		}},
		{"closes", ftptest.PipelineClose, func(err error) bool { return err != nil }},
	} {
		for _, mode := range []string{"download", "upload", "upload ahead"} {
			t.Run(fmt.Sprintf("%s/%s", tc.name, mode), func(t *testing.T) {
				srv := newServer(t)
				data := testkit.RandomBytes(t, 5000)
				srv.FS().WriteFile("/f.bin", data, time.Now())
				log := &testLog{}
				s := dialT(t, testConfig(srv, log))
				ctx := t.Context()
				// A listing shows EPSV works and leaves no EPSV sent ahead:
				// the next transfer sends EPSV and its command together.
				if _, err := s.List(ctx, "/", ListDirOptions{}); err != nil {
					t.Fatal(err)
				}
				srv.SetFault(ftptest.Fault{Pipelined: tc.style})
				var err error
				switch mode {
				case "download":
					var buf bytes.Buffer
					_, err = s.Retrieve(ctx, "/f.bin", &buf, TransferOptions{Type: TypeBinary})
					if buf.Len() != 0 {
						t.Errorf("%d bytes taken for the file", buf.Len())
					}
				default:
					opt := TransferOptions{Type: TypeBinary}
					if mode == "upload ahead" {
						opt.Size = int64(len(data))
					}
					_, err = s.Store(ctx, "/u.bin", bytes.NewReader(data), opt)
					if got, _ := srv.FS().ReadFile("/u.bin"); len(got) != 0 {
						t.Errorf("%d bytes stored for the file", len(got))
					}
				}
				if !tc.want(err) {
					t.Fatalf("got %v", err)
				}
				if s.Alive() {
					t.Fatal("the session stays in use after replies out of turn")
				}
				if !sentTogether(log, "EPSV|RETR") && !sentTogether(log, "EPSV|STOR") {
					t.Fatal("EPSV and the transfer command were not sent together")
				}
			})
		}
	}
}
