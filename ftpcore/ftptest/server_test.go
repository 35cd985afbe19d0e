package ftptest_test

import (
	"errors"
	"io/fs"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

func TestLogin(t *testing.T) {
	tests := []struct {
		name  string
		opts  []ftptest.Option
		steps []step
	}{
		{"user ok", nil, []step{{"USER ferry", 331}, {"PASS s3cret", 230}, {"PWD", 257}}},
		{"wrong password", nil, []step{{"USER ferry", 331}, {"PASS nope", 530}, {"PWD", 530}}},
		{"unknown user", nil, []step{{"USER mallory", 331}, {"PASS s3cret", 530}}},
		{"pass first", nil, []step{{"PASS s3cret", 503}}},
		{"anonymous refused", nil, []step{{"USER anonymous", 331}, {"PASS anon@", 530}}},
		{"anonymous", []ftptest.Option{ftptest.WithAnonymous()}, []step{{"USER anonymous", 331}, {"PASS anon@", 230}}},
		{"ftp user", []ftptest.Option{ftptest.WithAnonymous()}, []step{{"USER ftp", 331}, {"PASS x", 230}}},
		{"account", []ftptest.Option{ftptest.WithAccount("acme")}, []step{
			{"USER ferry", 331}, {"PASS s3cret", 332}, {"PWD", 530}, {"ACCT acme", 230}, {"ACCT acme", 202}}},
		{"wrong account", []ftptest.Option{ftptest.WithAccount("acme")}, []step{
			{"USER ferry", 331}, {"PASS s3cret", 332}, {"ACCT other", 530}, {"PWD", 530}}},
		{"any account", []ftptest.Option{ftptest.WithAccount("")}, []step{
			{"USER ferry", 331}, {"PASS s3cret", 332}, {"ACCT whatever", 230}}},
		{"acct without pass", nil, []step{{"ACCT acme", 503}}},
		{"before login", nil, []step{{"PWD", 530}, {"LIST", 530}, {"BOGUS", 530}, {"FEAT", 211}}},
		{"unknown after login", nil, []step{{"USER ferry", 331}, {"PASS s3cret", 230}, {"BOGUS", 500}, {"XYZZY a b", 500}}},
		{"quit", nil, []step{{"QUIT", 221}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, tt.opts...)
			c := dial(t, srv.Addr())
			runSteps(t, c, tt.steps)
		})
	}
}

// step is one command and the reply code it must get.
type step struct {
	line string
	code int
}

func runSteps(t *testing.T, c *client, steps []step) {
	t.Helper()
	for _, s := range steps {
		c.expect(s.line, s.code)
	}
}

func TestReplyTexts(t *testing.T) {
	srv := newServer(t)
	c := dial(t, srv.Addr())
	want := []struct{ line, reply string }{
		{"USER ferry", "331 Please specify the password."},
		{"PASS s3cret", "230 Login successful."},
		{"SYST", "215 UNIX Type: L8"},
		{"PWD", `257 "/" is the current directory`},
		{"NOOP", "200 NOOP ok."},
		{"TYPE I", "200 Switching to Binary mode."},
		{"TYPE A", "200 Switching to ASCII mode."},
		{"TYPE X", "500 Unrecognised TYPE command."},
		{"MODE S", "200 Mode set to S."},
		{"MODE B", "504 Bad MODE command."},
		{"STRU F", "200 Structure set to F."},
		{"STRU R", "504 Bad STRU command."},
		{"OPTS UTF8 ON", "200 Always in UTF8 mode."},
		{"OPTS MLST type;", "501 Option not understood."},
		{"RETR x", "425 Use PORT or PASV first."},
		{"ABOR", "225 No transfer to ABOR."},
		{"REST 100", "350 Restart position accepted (100)."},
		{"REST -1", "501 REST: invalid parameter."},
		{"SITE EXEC ls", "500 Unknown SITE command."},
		{"AUTH TLS", "500 Unknown command."},
		{"QUIT", "221 Goodbye."},
	}
	for _, w := range want {
		if r := c.cmd(w.line); r.String() != w.reply {
			t.Errorf("%s: got %q, want %q", w.line, r, w.reply)
		}
	}
	c.assertClosed()
}

func TestGreetingAndBanner(t *testing.T) {
	srv := newServer(t,
		ftptest.WithGreeting("Welcome to Ferry tests", "220-second line", "  bare third line", "ready"),
		ftptest.WithLoginBanner("Welcome", "  some text"))
	c := dial(t, srv.Addr())
	g := c.greeting
	wantGreeting := []string{"220-Welcome to Ferry tests", "220-second line", "  bare third line", "220 ready"}
	if !slices.Equal(g.lines, wantGreeting) {
		t.Errorf("greeting %q, want %q", g.lines, wantGreeting)
	}
	c.expect("USER ferry", 331)
	r := c.expect("PASS s3cret", 230)
	wantLogin := []string{"230-Welcome", "  some text", "230 Login successful."}
	if !slices.Equal(r.lines, wantLogin) {
		t.Errorf("login reply %q, want %q", r.lines, wantLogin)
	}
}

func TestFeatures(t *testing.T) {
	tlsConf, _ := ftptest.NewTLSConfig(t)
	tests := []struct {
		name    string
		opts    []ftptest.Option
		want    []string
		missing []string
	}{
		{"default", nil, []string{" EPSV", " MLST modify*;perm*;size*;type*;unique*;UNIX.mode*;", " REST STREAM", " SIZE", " UTF8"}, []string{" AUTH TLS"}},
		{"tls", []ftptest.Option{ftptest.WithTLS(tlsConf)}, []string{" AUTH TLS", " PBSZ", " PROT"}, nil},
		{"without", []ftptest.Option{ftptest.WithoutFeatures("MLST", "EPSV")}, []string{" SIZE"}, []string{" EPSV", " MLST modify*;perm*;size*;type*;unique*;UNIX.mode*;"}},
		{"explicit", []ftptest.Option{ftptest.WithFeatures("SIZE", "MDTM")}, []string{" MDTM", " SIZE"}, []string{" EPSV", " UTF8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dial(t, newServer(t, tt.opts...).Addr())
			r := c.expect("FEAT", 211)
			if r.lines[0] != "211-Features:" || r.last() != "211 End" {
				t.Errorf("FEAT frame %q", r)
			}
			for _, w := range tt.want {
				if !slices.Contains(r.lines, w) {
					t.Errorf("FEAT lacks %q: %q", w, r)
				}
			}
			for _, m := range tt.missing {
				if slices.Contains(r.lines, m) {
					t.Errorf("FEAT has %q: %q", m, r)
				}
			}
		})
	}
}

func TestFeatureGating(t *testing.T) {
	srv := newServer(t, ftptest.WithoutFeatures("MLST", "EPSV", "SIZE", "UTF8"))
	srv.FS().WriteFile("/f", []byte("x"), time.Time{})
	c := loggedIn(t, srv)
	for _, line := range []string{"MLSD", "MLST f", "EPSV", "SIZE f"} {
		if r := c.cmd(line); r.String() != "500 Unknown command." {
			t.Errorf("%s: %q, want 500", line, r)
		}
	}
	c.expect("OPTS UTF8 ON", 501)
	c.expect("MDTM f", 213)
}

func TestNavigationAndFiles(t *testing.T) {
	srv := newServer(t)
	mtime := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	must(t, srv.FS().WriteFile("/pub/readme.txt", []byte("hello\n"), mtime))
	must(t, srv.FS().Symlink("/latest", "pub"))
	c := loggedIn(t, srv)
	runSteps(t, c, []step{
		{"CWD pub", 250}, {"CWD nowhere", 550}, {"CWD readme.txt", 550},
		{"SIZE readme.txt", 213}, {"SIZE missing", 550}, {"SIZE /pub", 550},
		{"MKD new", 257}, {"MKD new", 550}, {"MKD a/b", 550},
		{"RMD new", 250}, {"RMD new", 550},
		{"RNFR readme.txt", 350}, {"RNTO renamed.txt", 250},
		{"RNTO again.txt", 503}, {"RNFR missing", 550},
		{"RNFR renamed.txt", 350}, {"NOOP", 200}, {"RNTO x", 503},
		{"SITE CHMOD 600 renamed.txt", 200}, {"SITE CHMOD 600 missing", 550}, {"SITE CHMOD abc renamed.txt", 500},
		{"MFMT 20200102030405 renamed.txt", 213}, {"MFMT 2020 renamed.txt", 501}, {"MFMT 20200102030405 missing", 550},
		{"XMKD d", 257}, {"XCWD d", 250}, {"XPWD", 257}, {"CDUP", 250}, {"XRMD d", 250},
		{"DELE renamed.txt", 250}, {"DELE renamed.txt", 550}, {"DELE /pub", 550},
		{"CWD /latest", 250},
	})
	if r := c.cmd("PWD"); r.String() != `257 "/pub" is the current directory` {
		t.Errorf("PWD after CWD through a symlink: %q", r)
	}
	c.expect("CDUP", 250)
	if r := c.cmd("PWD"); r.String() != `257 "/" is the current directory` {
		t.Errorf("PWD after CDUP: %q", r)
	}
	if r := c.cmd("MKD /q\"uote"); r.String() != `257 "/q""uote" created` {
		t.Errorf("MKD with a quote: %q", r)
	}
	if _, err := srv.FS().Stat("/pub/readme.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("renamed then deleted file still there: %v", err)
	}
}

func TestSizeMdtmMfmt(t *testing.T) {
	srv := newServer(t)
	mtime := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	must(t, srv.FS().WriteFile("/a.txt", []byte("line\nline\n"), mtime))
	c := loggedIn(t, srv)
	checks := []struct{ line, want string }{
		{"SIZE a.txt", "213 10"},
		{"MDTM a.txt", "213 20010203040506"},
		{"MFMT 20240506070809 a.txt", "213 Modify=20240506070809; a.txt"},
		{"MDTM a.txt", "213 20240506070809"},
		{"TYPE A", "200 Switching to ASCII mode."},
		{"SIZE a.txt", "213 10"},
	}
	for _, ch := range checks {
		if r := c.cmd(ch.line); r.String() != ch.want {
			t.Errorf("%s: %q, want %q", ch.line, r, ch.want)
		}
	}

	strict := newServer(t, ftptest.WithRefuseSizeInASCII())
	must(t, strict.FS().WriteFile("/a.txt", []byte("x\n"), mtime))
	c = loggedIn(t, strict)
	c.expect("SIZE a.txt", 213)
	c.expect("TYPE A", 200)
	if r := c.cmd("SIZE a.txt"); r.String() != "550 SIZE not allowed in ASCII mode" {
		t.Errorf("SIZE in TYPE A: %q", r)
	}
}

func TestHome(t *testing.T) {
	srv := newServer(t, ftptest.WithHome("/home/ferry"))
	c := loggedIn(t, srv)
	if r := c.cmd("PWD"); r.String() != `257 "/home/ferry" is the current directory` {
		t.Errorf("PWD %q", r)
	}
}

func TestStat(t *testing.T) {
	srv := newServer(t)
	must(t, srv.FS().WriteFile("/d/.hidden", []byte("h"), time.Time{}))
	must(t, srv.FS().WriteFile("/d/file", []byte("f"), time.Time{}))
	c := loggedIn(t, srv)
	r := c.expect("STAT", 211)
	if !strings.Contains(r.String(), "Logged in as ferry") {
		t.Errorf("STAT %q", r)
	}
	r = c.expect("STAT /d", 213)
	if r.lines[0] != "213-Status follows:" || r.last() != "213 End of status" || len(r.lines) != 6 {
		t.Fatalf("STAT /d %q", r)
	}
	for i, name := range []string{".", "..", ".hidden", "file"} {
		if !strings.HasSuffix(r.lines[i+1], " "+name) {
			t.Errorf("STAT line %d %q, want name %q", i+1, r.lines[i+1], name)
		}
	}
}

func TestTranscriptAndStats(t *testing.T) {
	srv := newServer(t)
	c1 := loggedIn(t, srv)
	c2 := dial(t, srv.Addr())
	c2.expect("USER nobody", 331)
	c1.expect("NOOP", 200)
	c1.sendRaw([]byte("\xff\xf4\xff\xf2ABOR\r\n"))
	if r := c1.read(); r.code != 225 {
		t.Errorf("ABOR after Telnet IP/Synch: %q", r)
	}
	want := []string{"USER ferry", "PASS s3cret", "USER nobody", "NOOP", "ABOR"}
	if got := srv.Commands(); !slices.Equal(got, want) {
		t.Errorf("Commands %q, want %q", got, want)
	}
	if got := srv.ConnCommands(2); !slices.Equal(got, []string{"USER nobody"}) {
		t.Errorf("ConnCommands(2) %q", got)
	}
	tr := srv.Transcript()
	if len(tr) != 5 || tr[2].Conn != 2 || tr[3].Conn != 1 {
		t.Errorf("Transcript %+v", tr)
	}
	st := srv.Stats()
	if st.ControlConns != 2 || st.OpenConns != 2 || st.Logins != 1 || st.DataConns != 0 {
		t.Errorf("Stats %+v", st)
	}
}

func TestOverlongCommand(t *testing.T) {
	c := loggedIn(t, newServer(t))
	c.send("NOOP " + strings.Repeat("x", 10000))
	if r := c.read(); r.String() != "500 Command line too long." {
		t.Errorf("over-long line: %q", r)
	}
	c.expect("NOOP", 200)
}

func TestConcurrentSessions(t *testing.T) {
	srv := newServer(t)
	const n = 12
	for i := range n {
		must(t, srv.FS().WriteFile("/f"+string(rune('a'+i)), []byte(strings.Repeat("z", 1000*(i+1))), time.Time{}))
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			errs <- downloadOnce(srv.Addr(), "/f"+string(rune('a'+i)), 1000*(i+1))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if st := srv.Stats(); st.ControlConns != n || st.DataConns != n {
		t.Errorf("Stats %+v", st)
	}
}

func TestCloseWithOpenSessions(t *testing.T) {
	srv := newServer(t)
	must(t, srv.FS().WriteFile("/big", make([]byte, 1<<20), time.Time{}))
	srv.SetFault(ftptest.Fault{DataRate: 64 << 10})
	c := loggedIn(t, srv)
	idle := dial(t, srv.Addr())
	c.passiveData("RETR big")
	done := make(chan struct{})
	go func() {
		srv.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return while a transfer ran")
	}
	srv.Close() // idempotent
	idle.assertClosed()
	if _, err := net.DialTimeout("tcp", srv.Addr(), time.Second); err == nil {
		t.Error("server still accepts after Close")
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
