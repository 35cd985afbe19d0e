package ftptest_test

import (
	"bytes"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

func TestReplyDelay(t *testing.T) {
	srv := newServer(t)
	c := loggedIn(t, srv)
	const delay = 300 * time.Millisecond
	srv.SetFault(ftptest.Fault{ReplyDelay: delay})
	start := time.Now()
	c.expect("NOOP", 200)
	if d := time.Since(start); d < delay {
		t.Errorf("NOOP answered after %v despite a %v delay", d, delay)
	}
	srv.SetFault(ftptest.Fault{})
	start = time.Now()
	c.expect("NOOP", 200)
	if d := time.Since(start); d >= delay {
		t.Errorf("NOOP took %v after the delay was removed", d)
	}
}

func TestDataRate(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{DataRate: 100_000}))
	must(t, srv.FS().WriteFile("/f", make([]byte, 30_000), time.Time{}))
	c := loggedIn(t, srv)
	start := time.Now()
	if got := c.retr("f"); len(got) != 30_000 {
		t.Fatalf("got %d bytes", len(got))
	}
	if d := time.Since(start); d < 250*time.Millisecond {
		t.Errorf("30 kB at 100 kB/s took only %v", d)
	}
}

func TestDropData(t *testing.T) {
	payload := binaryPayload(100_000)
	t.Run("download with 426", func(t *testing.T) {
		srv := newServer(t, ftptest.WithFault(ftptest.Fault{DropData: &ftptest.DataDrop{After: 1000, Times: 1}}))
		must(t, srv.FS().WriteFile("/f", payload, time.Time{}))
		c := loggedIn(t, srv)
		conn, _ := c.passiveData("RETR f")
		got, _ := io.ReadAll(conn)
		if r := c.read(); r.String() != "426 Failure writing network stream." {
			t.Errorf("after the cut: %q", r)
		}
		if !bytes.Equal(got, payload[:1000]) {
			t.Fatalf("got %d bytes before the cut, want 1000", len(got))
		}
		// Times: 1, so the resume goes through.
		c.expect("REST 1000", 350)
		if rest := c.retr("f"); !bytes.Equal(rest, payload[1000:]) {
			t.Errorf("resumed download: %d bytes", len(rest))
		}
	})
	t.Run("upload with 426", func(t *testing.T) {
		srv := newServer(t, ftptest.WithFault(ftptest.Fault{DropData: &ftptest.DataDrop{After: 5000}}))
		c := loggedIn(t, srv)
		conn, _ := c.passiveData("STOR up")
		conn.Write(payload) // may fail once the server cuts
		conn.Close()
		if r := c.read(); r.String() != "426 Failure reading network stream." {
			t.Errorf("after the cut: %q", r)
		}
		if got, _ := srv.FS().ReadFile("/up"); !bytes.Equal(got, payload[:5000]) {
			t.Errorf("partial upload kept %d bytes, want 5000", len(got))
		}
		// Times: 0 means every transfer.
		conn, _ = c.passiveData("STOR up2")
		conn.Write(payload)
		conn.Close()
		if r := c.read(); r.code != 426 {
			t.Errorf("second upload: %q", r)
		}
	})
	t.Run("close control", func(t *testing.T) {
		srv := newServer(t, ftptest.WithFault(ftptest.Fault{DropData: &ftptest.DataDrop{After: 0, CloseControl: true}}))
		must(t, srv.FS().WriteFile("/f", payload, time.Time{}))
		c := loggedIn(t, srv)
		conn, _ := c.passiveData("RETR f")
		if got, _ := io.ReadAll(conn); len(got) != 0 {
			t.Errorf("got %d bytes, want none", len(got))
		}
		c.assertClosed()
	})
	t.Run("listings are not cut", func(t *testing.T) {
		srv := newServer(t, ftptest.WithFault(ftptest.Fault{DropData: &ftptest.DataDrop{After: 0}}))
		must(t, srv.FS().WriteFile("/f", payload, time.Time{}))
		c := loggedIn(t, srv)
		if got := c.listing("NLST"); got != "f\r\n" {
			t.Errorf("NLST %q", got)
		}
	})
}

func TestMaxConns(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{MaxConns: 2}))
	c1 := dial(t, srv.Addr())
	dial(t, srv.Addr())
	refused := dial421(t, srv.Addr())
	if refused.greeting.String() != "421 There are too many connected users, please try later." {
		t.Errorf("third connection: %q", refused.greeting)
	}
	refused.assertClosed()
	c1.expect("QUIT", 221)
	waitFor(t, func() bool { return srv.Stats().OpenConns == 1 })
	dial(t, srv.Addr()).login("ferry", "s3cret")
	if st := srv.Stats(); st.ControlConns != 4 {
		t.Errorf("Stats %+v", st)
	}
}

func dial421(t *testing.T, addr string) *client {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		t.Fatal(err)
	}
	return newClient(t, conn, 421)
}

func TestRejectLogins(t *testing.T) {
	srv := newServer(t)
	srv.RejectLogins(1)
	c := dial(t, srv.Addr())
	c.expect("USER ferry", 331)
	if r := c.cmd("PASS s3cret"); r.String() != "421 Too many users logged in, closing control connection." {
		t.Errorf("rejected login: %q", r)
	}
	c.assertClosed()
	loggedIn(t, srv)
	if st := srv.Stats(); st.Logins != 1 {
		t.Errorf("Stats %+v", st)
	}
}

func TestReplaceReplies(t *testing.T) {
	srv := newServer(t)
	must(t, srv.FS().WriteFile("/f", []byte("x"), time.Time{}))
	c := loggedIn(t, srv)
	srv.SetFault(ftptest.Fault{Replies: map[string]string{
		"epsv": "500 'EPSV': command not understood",
		"STOR": "452 Insufficient storage space.",
		"RETR": "450 File busy.",
		"HELP": "214-multi\r\n214 line",
	}})
	c.expect("EPSV", 500)
	// The client falls back to PASV, which still works.
	c.dialData(c.pasv())
	if r := c.cmd("STOR new"); r.String() != "452 Insufficient storage space." {
		t.Errorf("STOR %q", r)
	}
	if _, err := srv.FS().Stat("/new"); err == nil {
		t.Error("a replaced STOR created its file")
	}
	c.expect("RETR f", 450)
	if r := c.expect("HELP", 214); len(r.lines) != 2 {
		t.Errorf("multi-line replacement %q", r)
	}
	srv.SetFault(ftptest.Fault{})
	c.expect("EPSV", 229)
}

func TestRawReplies(t *testing.T) {
	srv := newServer(t)
	c := loggedIn(t, srv)
	many := "150-start\r\n" + strings.Repeat(" continuation\r\n", 5000) + "150 end\r\n"
	srv.SetFault(ftptest.Fault{RawReplies: map[string][]byte{
		"PASV": []byte("227 Entering Passive Mode (10,0,0,1,0,21).\r\n"),
		"SYST": []byte("\x00\x01garbage without code\r\n"),
		"NOOP": []byte("200 " + strings.Repeat("x", 100_000) + "\r\n"),
		"STAT": []byte(many),
		"PWD":  []byte("257 no line end"),
	}})
	if got := c.pasv(); got != "10.0.0.1:21" {
		t.Errorf("hostile PASV address %q", got)
	}
	c.send("SYST")
	if line, _ := c.readLine(); line != "\x00\x01garbage without code" {
		t.Errorf("garbage %q", line)
	}
	if r := c.cmd("NOOP"); len(r.lines[0]) != 100_004 {
		t.Errorf("over-long reply of %d bytes", len(r.lines[0]))
	}
	if r := c.cmd("STAT"); len(r.lines) != 5002 {
		t.Errorf("continuation lines: %d", len(r.lines))
	}
	c.send("PWD")
	c.send("SYST")
	if line, _ := c.readLine(); line != "257 no line end\x00\x01garbage without code" {
		t.Errorf("raw bytes without a line end: %q", line)
	}
}

func TestHookAndGreeting(t *testing.T) {
	srv := newServer(t)
	must(t, srv.FS().WriteFile("/a", []byte("abc"), time.Time{}))
	must(t, srv.FS().WriteFile("/b", []byte("abc"), time.Time{}))
	srv.SetFault(ftptest.Fault{
		Hook: func(verb, arg string) ([]byte, bool) {
			if verb == "SIZE" && arg == "b" {
				return []byte("213 999999999999\r\n"), true
			}
			return nil, false
		},
		Greeting: []byte("220-hostile\r\n\x1b[2Jstill the banner\r\n220 ok\r\n"),
	})
	c := dial(t, srv.Addr())
	if len(c.greeting.lines) != 3 || c.greeting.lines[1] != "\x1b[2Jstill the banner" {
		t.Errorf("greeting %q", c.greeting)
	}
	c.login("ferry", "s3cret")
	if r := c.cmd("SIZE a"); r.String() != "213 3" {
		t.Errorf("SIZE a: %q", r)
	}
	if r := c.cmd("SIZE b"); r.String() != "213 999999999999" {
		t.Errorf("SIZE b: %q", r)
	}
}

func TestHostileListing(t *testing.T) {
	srv := newServer(t)
	must(t, srv.FS().Mkdir("/pub"))
	hostile := "-rw-r--r--    1 0 0 5 Jan 01 00:00 ../evil\r\n-rw-r--r-- 1 0 0 5 Jan 01 00:00 /etc/passwd\n\x00bad"
	srv.SetFault(ftptest.Fault{Listings: map[string][]byte{"pub/": []byte(hostile)}})
	c := loggedIn(t, srv)
	for _, cmd := range []string{"LIST pub", "NLST /pub", "MLSD pub"} {
		if got := c.listing(cmd); got != hostile {
			t.Errorf("%s: %q", cmd, got)
		}
	}
	c.expect("CWD pub", 250)
	if got := c.listing("LIST -a"); got != hostile {
		t.Errorf("LIST -a in /pub: %q", got)
	}
	if got := c.listing("LIST /"); got == hostile {
		t.Error("the root got /pub's scripted listing")
	}
}

func TestRefuseForeignPORT(t *testing.T) {
	tests := []struct {
		name   string
		refuse bool
		line   string
		want   string
	}{
		{"foreign PORT refused", true, "PORT 10,0,0,1,4,1", "500 Illegal PORT command."},
		{"foreign EPRT refused", true, "EPRT |1|10.0.0.1|1025|", "500 Illegal EPRT command."},
		{"own PORT accepted", true, "PORT 127,0,0,1,4,1", "200 PORT command successful. Consider using PASV."},
		{"foreign PORT allowed", false, "PORT 10,0,0,1,4,1", "200 PORT command successful. Consider using PASV."},
		{"foreign EPRT allowed", false, "EPRT |1|10.0.0.1|1025|", "200 EPRT command successful. Consider using EPSV."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, ftptest.WithFault(ftptest.Fault{RefuseForeignPORT: tt.refuse}))
			c := loggedIn(t, srv)
			if r := c.cmd(tt.line); r.String() != tt.want {
				t.Errorf("%s: %q, want %q", tt.line, r, tt.want)
			}
		})
	}
}

func TestFailTransfers(t *testing.T) {
	srv := newServer(t)
	must(t, srv.FS().WriteFile("/f", []byte("content"), time.Time{}))
	c := loggedIn(t, srv)
	srv.FailTransfers(2, "450 File busy.")
	for i := range 2 {
		c.pasv()
		if r := c.cmd("RETR f"); r.String() != "450 File busy." {
			t.Errorf("attempt %d: %q", i+1, r)
		}
	}
	if got := c.retr("f"); string(got) != "content" {
		t.Errorf("third attempt %q", got)
	}
	srv.FailTransfers(1, "")
	c.pasv()
	if r := c.cmd("STOR g"); r.String() != "451 Requested action aborted. Local error in processing." {
		t.Errorf("default failure %q", r)
	}
	if _, err := srv.FS().Stat("/g"); err == nil {
		t.Error("a failed STOR created its file")
	}
	// Listings are not file transfers.
	srv.FailTransfers(1, "")
	if got := c.listing("NLST"); got != "f\r\n" {
		t.Errorf("NLST %q", got)
	}
}

func TestFaultIsCopied(t *testing.T) {
	srv := newServer(t)
	replies := map[string]string{"NOOP": "500 no"}
	srv.SetFault(ftptest.Fault{Replies: replies, DropData: &ftptest.DataDrop{After: 3}})
	replies["NOOP"] = "200 changed behind the server's back"
	f := srv.Fault()
	if f.Replies["NOOP"] != "500 no" || f.DropData.After != 3 {
		t.Errorf("Fault %+v", f)
	}
	f.DropData.After = 99
	if srv.Fault().DropData.After != 3 {
		t.Error("Fault returned shared state")
	}
	c := loggedIn(t, srv)
	c.expect("NOOP", 500)
}

// waitFor polls cond for a few seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met in 5 s")
}
