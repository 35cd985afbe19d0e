package ftpcore

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// testLog records a session's transcript.
type testLog struct {
	mu    sync.Mutex
	lines []TranscriptLine
}

func (l *testLog) add(tl TranscriptLine) {
	l.mu.Lock()
	l.lines = append(l.lines, tl)
	l.mu.Unlock()
}

func (l *testLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	for _, x := range l.lines {
		fmt.Fprintf(&b, "%s %s\n", x.Dir, x.Text)
	}
	return b.String()
}

func newServer(t *testing.T, opts ...ftptest.Option) *ftptest.Server {
	t.Helper()
	srv := testkit.NewServer(t, append([]ftptest.Option{ftptest.WithAnonymous()}, opts...)...)
	testkit.PutFile(t, srv, "/readme.txt", []byte("hello\nworld\n"), time.Now())
	return srv
}

func testConfig(srv *ftptest.Server, log *testLog) Config {
	cfg := Config{
		Addr:     srv.Addr(),
		User:     testkit.User,
		Password: testkit.Password,
		// Silence bounds that only end a hung test: under -race on a
		// loaded 2-core machine the in-process server was once silent for
		// more than 5 s. Tests of the timeouts set their own.
		ConnectTimeout: 30 * time.Second,
		ReplyTimeout:   30 * time.Second,
		Name:           "test",
	}
	if log != nil {
		cfg.Transcript = log.add
	}
	return cfg
}

func dialT(t *testing.T, cfg Config) *Session {
	t.Helper()
	s, err := Dial(t.Context(), cfg)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// verbs returns the verbs of the commands the server received.
func verbs(srv *ftptest.Server) []string {
	var out []string
	for _, c := range srv.Commands() {
		v, _, _ := strings.Cut(c, " ")
		out = append(out, strings.ToUpper(v))
	}
	return out
}

func TestDialogueReadsLikeTheSeed(t *testing.T) {
	dialogueReadsLikeTheSeed(t, false, "USER PASS FEAT OPTS SYST TYPE STAT PWD SIZE EPSV RETR EPSV QUIT")
}

// TestDialogueOneCommandAtATime: with NoPipelining the session tests
// nothing and sends no EPSV ahead.
func TestDialogueOneCommandAtATime(t *testing.T) {
	dialogueReadsLikeTheSeed(t, true, "USER PASS FEAT OPTS SYST PWD TYPE SIZE EPSV RETR QUIT")
}

func dialogueReadsLikeTheSeed(t *testing.T, noPipelining bool, want string) {
	srv := newServer(t)
	if err := srv.FS().WriteFile("/pub/file.bin", bytes.Repeat([]byte{7}, 146641), time.Now()); err != nil {
		t.Fatal(err)
	}
	log := &testLog{}
	cfg := testConfig(srv, log)
	cfg.NoPipelining = noPipelining
	s := dialT(t, cfg)
	ctx := t.Context()
	if _, err := s.Pwd(ctx); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := s.Retrieve(ctx, "/pub/file.bin", &buf, TransferOptions{})
	if err != nil || n != 146641 {
		t.Fatalf("retrieve: %d %v", n, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(verbs(srv), " ")
	if got != want {
		t.Errorf("commands:\n got %s\nwant %s", got, want)
	}
	tr := log.String()
	for _, w := range []string{"reply 220", "command USER alice", "command PASS ****", "reply 230", "command PWD", "reply 257",
		"command TYPE I", "command RETR /pub/file.bin", "reply 150", "reply 226", "command QUIT", "reply 221"} {
		if !strings.Contains(tr, w) {
			t.Errorf("transcript lacks %q:\n%s", w, tr)
		}
	}
	if strings.Contains(tr, "s3cret-pw") {
		t.Error("password in the transcript")
	}
	for _, l := range log.lines {
		if l.Session != "test" || l.Time.IsZero() {
			t.Fatalf("line without session or time: %+v", l)
		}
	}
}

func TestLogin(t *testing.T) {
	t.Run("anonymous", func(t *testing.T) {
		srv := newServer(t)
		cfg := testConfig(srv, nil)
		cfg.User, cfg.Password = "", ""
		dialT(t, cfg)
		cmds := srv.Commands()
		if cmds[0] != "USER anonymous" || cmds[1] != "PASS "+DefaultAnonymousPass {
			t.Fatalf("anonymous login sent %q", cmds[:2])
		}
	})
	t.Run("account", func(t *testing.T) {
		srv := newServer(t, ftptest.WithAccount("acct-1"))
		cfg := testConfig(srv, nil)
		cfg.Account = "acct-1"
		dialT(t, cfg)
		if got := srv.Commands()[2]; got != "ACCT acct-1" {
			t.Fatalf("third command %q, want ACCT", got)
		}
		cfg.Account = ""
		_, err := Dial(t.Context(), cfg)
		if ReplyCode(err) != 332 {
			t.Fatalf("without an account: %v", err)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		srv := newServer(t)
		cfg := testConfig(srv, nil)
		cfg.Password = "not-the-pw"
		_, err := Dial(t.Context(), cfg)
		var re *ReplyError
		if !errors.As(err, &re) || re.Code != 530 {
			t.Fatalf("got %v, want a 530", err)
		}
		if strings.Contains(err.Error(), "not-the-pw") {
			t.Fatal("password in the error")
		}
	})
	t.Run("multi-line greeting and banner", func(t *testing.T) {
		srv := newServer(t, ftptest.WithGreeting("Welcome", "  to the test", "server"), ftptest.WithLoginBanner("Hello", " indented", "bye"))
		s := dialT(t, testConfig(srv, nil))
		if err := s.Noop(t.Context()); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("CR LF in the password", func(t *testing.T) {
		srv := newServer(t)
		cfg := testConfig(srv, nil)
		cfg.Password = "pw\r\nDELE /readme.txt"
		if _, err := Dial(t.Context(), cfg); !errors.Is(err, ErrUnsafeArgument) {
			t.Fatalf("got %v", err)
		}
		if len(srv.Commands()) != 0 {
			t.Fatalf("something reached the wire: %q", srv.Commands())
		}
	})
	t.Run("421 too many connections", func(t *testing.T) {
		srv := newServer(t, ftptest.WithFault(ftptest.Fault{MaxConns: 1}))
		dialT(t, testConfig(srv, nil))
		_, err := Dial(t.Context(), testConfig(srv, nil))
		if ReplyCode(err) != 421 || !IsTemporary(err) {
			t.Fatalf("got %v, want a temporary 421", err)
		}
	})
}

func TestFeatures(t *testing.T) {
	srv := newServer(t)
	s := dialT(t, testConfig(srv, nil))
	if !s.HasFeature("mlst") || !s.HasFeature("SIZE") || s.HasFeature("XYZ") {
		t.Fatalf("features: %v", s.Features())
	}
	if s.Features()["REST"] != "STREAM" {
		t.Fatalf("REST parameter: %q", s.Features()["REST"])
	}
	if !s.UTF8() || s.System() == "" {
		t.Fatalf("utf8 %v, syst %q", s.UTF8(), s.System())
	}
}

// TestOneLineFEAT: a server without features may answer FEAT with one
// line (RFC 2389 §3.2); the session lists none and goes on.
func TestOneLineFEAT(t *testing.T) {
	srv := newServer(t, ftptest.WithFeatures())
	s := dialT(t, testConfig(srv, nil))
	if len(s.Features()) != 0 {
		t.Fatalf("features: %v", s.Features())
	}
	if _, err := s.Pwd(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestUnsafeArgumentsNeverReachTheWire(t *testing.T) {
	srv := newServer(t)
	s := dialT(t, testConfig(srv, nil))
	ctx := t.Context()
	before := len(srv.Commands())
	for _, bad := range []string{"x\r\nDELE /readme.txt", "x\nDELE /readme.txt", "x\x00"} {
		if err := s.Delete(ctx, bad); !errors.Is(err, ErrUnsafeArgument) {
			t.Errorf("Delete(%q): %v", bad, err)
		}
		if _, err := s.Retrieve(ctx, bad, io.Discard, TransferOptions{}); !errors.Is(err, ErrUnsafeArgument) {
			t.Errorf("Retrieve(%q): %v", bad, err)
		}
	}
	for _, c := range srv.Commands()[before:] {
		if strings.HasPrefix(c, "DELE") || strings.HasPrefix(c, "RETR") {
			t.Fatalf("%q reached the server", c)
		}
	}
	if _, err := srv.FS().ReadFile("/readme.txt"); err != nil {
		t.Fatal("readme.txt was deleted")
	}
	if err := s.Noop(ctx); err != nil {
		t.Fatalf("session unusable: %v", err)
	}
}

func TestCommands(t *testing.T) {
	srv := newServer(t)
	s := dialT(t, testConfig(srv, nil))
	ctx := t.Context()
	if err := s.MkdirAll(ctx, "/a/b/c"); err != nil {
		t.Fatal(err)
	}
	if err := s.MkdirAll(ctx, "/a/b"); err != nil {
		t.Fatalf("MkdirAll on an existing folder: %v", err)
	}
	if err := s.Cwd(ctx, "/a/b"); err != nil {
		t.Fatal(err)
	}
	if p, err := s.Pwd(ctx); err != nil || p != "/a/b" {
		t.Fatalf("pwd %q %v", p, err)
	}
	if err := s.Cdup(ctx); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Pwd(ctx); p != "/a" {
		t.Fatalf("pwd after cdup %q", p)
	}
	if _, err := s.Store(ctx, "/a/f.txt", strings.NewReader("12345"), TransferOptions{Type: TypeBinary}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Size(ctx, "/a/f.txt"); err != nil || n != 5 {
		t.Fatalf("size %d %v", n, err)
	}
	when := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := s.SetModTime(ctx, "/a/f.txt", when); err != nil {
		t.Fatal(err)
	}
	if got, err := s.ModTime(ctx, "/a/f.txt"); err != nil || !got.Equal(when) {
		t.Fatalf("mdtm %v %v", got, err)
	}
	if err := s.Chmod(ctx, "/a/f.txt", 0o640); err != nil {
		t.Fatal(err)
	}
	if st, err := srv.FS().Stat("/a/f.txt"); err != nil || st.Mode().Perm() != 0o640 {
		t.Fatalf("chmod: %v %v", st, err)
	}
	if err := s.Rename(ctx, "/a/f.txt", "/a/g.txt"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "/a/g.txt"); err != nil {
		t.Fatal(err)
	}
	if err := s.Rmdir(ctx, "/a/b/c"); err != nil {
		t.Fatal(err)
	}
	err := s.Delete(ctx, "/a/missing")
	var re *ReplyError
	var oe *OpError
	if !errors.As(err, &re) || re.Code != 550 || !errors.As(err, &oe) || oe.Path != "/a/missing" {
		t.Fatalf("delete missing: %v", err)
	}
	if IsTemporary(err) {
		t.Fatal("550 judged temporary")
	}
	r, err := s.Raw(ctx, "syst")
	if err != nil || r.Code != 215 {
		t.Fatalf("raw: %v %v", r, err)
	}
	if _, err := s.Raw(ctx, "LIST"); err == nil {
		t.Fatal("raw LIST accepted")
	}
}

// TestLegacyCharset: a server whose names are ISO-8859-1 bytes shows them
// as UTF-8, and paths go back in its encoding.
func TestLegacyCharset(t *testing.T) {
	srv := newServer(t, ftptest.WithoutFeatures("MLST"))
	latin1 := "/r\xe9sum\xe9.txt" // "résumé.txt" in ISO-8859-1
	if err := srv.FS().WriteFile(latin1, []byte("contenu"), time.Now()); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(srv, nil)
	cfg.Charset = charmap.ISO8859_1
	s := dialT(t, cfg)
	l, err := s.List(t.Context(), "/", ListDirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range l.Entries {
		found = found || e.Name == "résumé.txt"
	}
	if !found {
		t.Fatalf("entries %+v", l.Entries)
	}
	var buf bytes.Buffer
	if _, err := s.Retrieve(t.Context(), "/résumé.txt", &buf, TransferOptions{Type: TypeBinary}); err != nil || buf.String() != "contenu" {
		t.Fatalf("retrieve: %q %v", buf.String(), err)
	}
	if err := s.Mkdir(t.Context(), "/日本"); err == nil {
		t.Fatal("a name the charset cannot hold was sent")
	}
	for _, c := range srv.Commands() {
		if strings.HasPrefix(c, "OPTS UTF8") {
			t.Fatal("OPTS UTF8 ON sent to a legacy-charset site")
		}
	}
	if !strings.Contains(strings.Join(srv.Commands(), "\n"), "RETR "+latin1) {
		t.Fatalf("path not sent in ISO-8859-1: %q", srv.Commands())
	}
}

// TestReply421EndsSession: 421 closes the control connection (RFC 959,
// 4.2), whatever command it answers; an idle timeout's parting 421 is read
// as the reply to the next command. The session no longer counts as alive
// (so that a pane reconnects instead of failing every later action), and
// the next command fails at once with ErrClosed, without being sent.
func TestReply421EndsSession(t *testing.T) {
	t.Run("in reply to a command", func(t *testing.T) {
		srv := newServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"MKD": "421 Shutting down."}}))
		s := dialT(t, testConfig(srv, nil))
		err := s.Mkdir(t.Context(), "/new")
		var re *ReplyError
		if !errors.As(err, &re) || re.Code != 421 {
			t.Fatalf("MKD answered 421 returned %v", err)
		}
		if s.Alive() {
			t.Fatal("the session is alive after a 421")
		}
		before := len(srv.Commands())
		if _, err := s.Pwd(t.Context()); !errors.Is(err, ErrClosed) {
			t.Fatalf("PWD after a 421 returned %v, want ErrClosed", err)
		}
		if got := srv.Commands()[before:]; len(got) != 0 {
			t.Fatalf("the server received %q after its 421", got)
		}
	})
	t.Run("an idle timeout's", func(t *testing.T) {
		srv := newServer(t)
		s := dialT(t, testConfig(srv, nil))
		if srv.TimeOutSessions() != 1 {
			t.Fatal("no session timed out")
		}
		_, err := s.Pwd(t.Context())
		var re *ReplyError
		if !errors.As(err, &re) || re.Code != 421 {
			t.Fatalf("PWD after the timeout returned %v, want the 421", err)
		}
		if s.Alive() {
			t.Fatal("the session is alive after the server's 421")
		}
	})
}
