package ftptest_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

// binaryPayload has every byte value, CR and LF included, so that any
// conversion in TYPE I shows.
func binaryPayload(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i * 7)
	}
	return b
}

func TestPassiveTransfers(t *testing.T) {
	payload := binaryPayload(200_000)
	for _, mode := range []string{"PASV", "EPSV"} {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t)
			must(t, srv.FS().WriteFile("/in.bin", payload, time.Time{}))
			c := loggedIn(t, srv)
			c.expect("TYPE I", 200)
			addr := c.pasv()
			if mode == "EPSV" {
				addr = c.epsv()
			}
			conn := c.dialData(addr)
			r := c.expect("RETR in.bin", 150)
			want := fmt.Sprintf("150 Opening BINARY mode data connection for in.bin (%d bytes).", len(payload))
			if r.String() != want {
				t.Errorf("150 %q, want %q", r, want)
			}
			got, err := io.ReadAll(conn)
			must(t, err)
			if r := c.read(); r.String() != "226 Transfer complete." {
				t.Errorf("final %q", r)
			}
			if !bytes.Equal(got, payload) {
				t.Fatalf("RETR: %d bytes differ from the %d stored", len(got), len(payload))
			}

			c.stor("STOR", "out.bin", payload)
			c.stor("APPE", "out.bin", []byte("tail"))
			stored, err := srv.FS().ReadFile("/out.bin")
			must(t, err)
			if !bytes.Equal(stored, append(append([]byte{}, payload...), "tail"...)) {
				t.Errorf("STOR+APPE stored %d bytes", len(stored))
			}
			st := srv.Stats()
			if st.DataConns != 3 || st.BytesSent != int64(len(payload)) || st.BytesReceived != int64(len(payload)+4) {
				t.Errorf("Stats %+v", st)
			}
		})
	}
}

func TestActiveTransfers(t *testing.T) {
	payload := binaryPayload(50_000)
	for _, mode := range []string{"PORT", "EPRT"} {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t)
			must(t, srv.FS().WriteFile("/in.bin", payload, time.Time{}))
			c := loggedIn(t, srv)

			ln, portArg, eprtArg := activeListener(t)
			if mode == "PORT" {
				c.expect("PORT "+portArg, 200)
			} else {
				c.expect("EPRT "+eprtArg, 200)
			}
			c.expect("RETR in.bin", 150)
			got, err := io.ReadAll(accept(t, ln))
			must(t, err)
			if r := c.read(); r.code != 226 {
				t.Fatalf("RETR final %q", r)
			}
			if !bytes.Equal(got, payload) {
				t.Fatalf("RETR got %d bytes", len(got))
			}

			ln, portArg, eprtArg = activeListener(t)
			if mode == "PORT" {
				c.expect("PORT "+portArg, 200)
			} else {
				c.expect("EPRT "+eprtArg, 200)
			}
			c.expect("STOR up.bin", 150)
			conn := accept(t, ln)
			_, err = conn.Write(payload)
			must(t, err)
			conn.Close()
			if r := c.read(); r.code != 226 {
				t.Fatalf("STOR final %q", r)
			}
			stored, err := srv.FS().ReadFile("/up.bin")
			must(t, err)
			if !bytes.Equal(stored, payload) {
				t.Errorf("STOR stored %d bytes", len(stored))
			}
		})
	}
}

func TestDataCommandErrors(t *testing.T) {
	srv := newServer(t, ftptest.WithDataTimeout(200*time.Millisecond))
	must(t, srv.FS().WriteFile("/f", []byte("x"), time.Time{}))
	c := loggedIn(t, srv)
	checks := []struct{ line, want string }{
		{"PORT 1,2,3", "500 Illegal PORT command."},
		{"PORT 127,0,0,1,300,1", "500 Illegal PORT command."},
		{"EPRT |1|::1|2000|", "500 Illegal EPRT command."},
		{"EPRT |3|127.0.0.1|2000|", "522 Bad network protocol."},
		{"EPRT garbage", "500 Illegal EPRT command."},
		{"EPSV 7", "522 Bad network protocol."},
		{"LIST", "425 Use PORT or PASV first."},
		{"STOR x", "425 Use PORT or PASV first."},
	}
	for _, ch := range checks {
		if r := c.cmd(ch.line); r.String() != ch.want {
			t.Errorf("%s: %q, want %q", ch.line, r, ch.want)
		}
	}
	c.pasv()
	if r := c.cmd("RETR missing"); r.String() != "550 Failed to open file." {
		t.Errorf("RETR missing: %q", r)
	}
	// The refused RETR used up the PASV, as on vsftpd.
	c.expect("RETR f", 425)

	// Nobody connects: the server gives up after its data timeout.
	c.pasv()
	c.send("RETR f")
	if r := c.read(); r.String() != "425 Failed to establish connection." {
		t.Errorf("unconnected PASV: %q", r)
	}
	// Active mode towards a closed port.
	ln, portArg, _ := activeListener(t)
	ln.Close()
	c.expect("PORT "+portArg, 200)
	c.send("RETR f")
	if r := c.read(); r.String() != "425 Failed to establish connection." {
		t.Errorf("PORT to a closed port: %q", r)
	}
	c.expect("EPSV ALL", 200)
	c.expect("PASV", 500)
	c.expect("PORT "+portArg, 500)
}

func TestTypeA(t *testing.T) {
	srv := newServer(t)
	must(t, srv.FS().WriteFile("/lf.txt", []byte("one\ntwo\n\nthree"), time.Time{}))
	must(t, srv.FS().WriteFile("/crlf.txt", []byte("one\r\ntwo\r\n"), time.Time{}))
	c := loggedIn(t, srv)
	c.expect("TYPE A", 200)
	conn, r := c.passiveData("RETR lf.txt")
	if r.String() != "150 Opening ASCII mode data connection for lf.txt (14 bytes)." {
		t.Errorf("150 %q", r)
	}
	got, _ := io.ReadAll(conn)
	c.read()
	if string(got) != "one\r\ntwo\r\n\r\nthree" {
		t.Errorf("TYPE A download %q", got)
	}
	if got := c.retr("crlf.txt"); string(got) != "one\r\ntwo\r\n" {
		t.Errorf("TYPE A download of a CRLF file %q", got)
	}
	c.stor("STOR", "up.txt", []byte("a\r\nb\rc\r\n\r\nd\r"))
	if got, _ := srv.FS().ReadFile("/up.txt"); string(got) != "a\nb\rc\n\nd\r" {
		t.Errorf("TYPE A upload stored %q", got)
	}
	c.expect("TYPE I", 200)
	if got := c.retr("lf.txt"); string(got) != "one\ntwo\n\nthree" {
		t.Errorf("TYPE I download %q", got)
	}
	c.stor("STOR", "bin.txt", []byte("a\r\nb"))
	if got, _ := srv.FS().ReadFile("/bin.txt"); string(got) != "a\r\nb" {
		t.Errorf("TYPE I upload stored %q", got)
	}
}

func TestTypeAUploadSplitCRLF(t *testing.T) {
	srv := newServer(t)
	c := loggedIn(t, srv)
	c.expect("TYPE A", 200)
	conn, _ := c.passiveData("STOR split.txt")
	// CR and LF in separate segments must still become one LF.
	for _, part := range []string{"x\r", "\ny\r", "\n"} {
		_, err := conn.Write([]byte(part))
		must(t, err)
		time.Sleep(20 * time.Millisecond)
	}
	conn.Close()
	c.read()
	if got, _ := srv.FS().ReadFile("/split.txt"); string(got) != "x\ny\n" {
		t.Errorf("stored %q", got)
	}
}

func TestRest(t *testing.T) {
	srv := newServer(t)
	must(t, srv.FS().WriteFile("/f", []byte("0123456789"), time.Time{}))
	c := loggedIn(t, srv)
	c.expect("REST 4", 350)
	if got := c.retr("f"); string(got) != "456789" {
		t.Errorf("REST 4 + RETR: %q", got)
	}
	// The offset applies to one transfer only.
	if got := c.retr("f"); string(got) != "0123456789" {
		t.Errorf("RETR after a REST transfer: %q", got)
	}
	c.expect("REST 10", 350)
	if got := c.retr("f"); len(got) != 0 {
		t.Errorf("REST at the end: %q", got)
	}
	c.expect("REST 11", 350)
	c.pasv()
	if r := c.cmd("RETR f"); r.code != 554 {
		t.Errorf("REST past the end: %q", r)
	}

	// Resume an upload: keep 3 bytes, write the rest after them.
	c.expect("REST 3", 350)
	c.stor("STOR", "f", []byte("abc"))
	if got, _ := srv.FS().ReadFile("/f"); string(got) != "012abc" {
		t.Errorf("REST 3 + STOR: %q", got)
	}
	c.expect("REST 8", 350)
	c.stor("STOR", "f", []byte("Z"))
	if got, _ := srv.FS().ReadFile("/f"); string(got) != "012abc\x00\x00Z" {
		t.Errorf("REST past the end + STOR: %q", got)
	}
}

func TestStou(t *testing.T) {
	srv := newServer(t)
	must(t, srv.FS().WriteFile("/up", []byte("old"), time.Time{}))
	c := loggedIn(t, srv)
	conn, r := c.passiveData("STOU up")
	if r.String() != "150 FILE: up.1" {
		t.Errorf("STOU 150 %q", r)
	}
	conn.Write([]byte("new"))
	conn.Close()
	c.read()
	old, _ := srv.FS().ReadFile("/up")
	unique, _ := srv.FS().ReadFile("/up.1")
	if string(old) != "old" || string(unique) != "new" {
		t.Errorf("after STOU: up=%q up.1=%q", old, unique)
	}
}

func TestAbort(t *testing.T) {
	tests := []struct {
		name  string
		style ftptest.AbortStyle
		want  []string
	}{
		{"426 then 226", ftptest.Abort426Then226, []string{"426 Failure writing network stream.", "226 ABOR successful."}},
		{"226 only", ftptest.Abort226Only, []string{"226 Abort successful."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, ftptest.WithAbortStyle(tt.style), ftptest.WithFault(ftptest.Fault{DataRate: 50_000}))
			must(t, srv.FS().WriteFile("/big", make([]byte, 1<<20), time.Time{}))
			c := loggedIn(t, srv)
			conn, _ := c.passiveData("RETR big")
			if _, err := io.ReadFull(conn, make([]byte, 1000)); err != nil {
				t.Fatal(err)
			}
			// RFC 959 4.1.3: Telnet IP and Synch, then ABOR.
			c.sendRaw([]byte("\xff\xf4\xff\xf2ABOR\r\n"))
			for _, w := range tt.want {
				if r := c.read(); r.String() != w {
					t.Errorf("after ABOR: %q, want %q", r, w)
				}
			}
			if _, err := io.Copy(io.Discard, conn); isTimeout(err) {
				t.Error("data connection still open after ABOR")
			}
			c.expect("NOOP", 200)
			if st := srv.Stats(); st.BytesSent >= 1<<20 {
				t.Errorf("the whole file went out despite ABOR: %+v", st)
			}
		})
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func TestAbortWhileWaitingForDataConnection(t *testing.T) {
	srv := newServer(t)
	must(t, srv.FS().WriteFile("/f", []byte("x"), time.Time{}))
	c := loggedIn(t, srv)
	c.pasv()
	c.send("RETR f") // never connect
	c.send("ABOR")
	if r := c.read(); r.code != 426 {
		t.Errorf("ABOR before the data connection: %q", r)
	}
	if r := c.read(); r.code != 226 {
		t.Errorf("ABOR before the data connection: %q", r)
	}
	c.expect("NOOP", 200)
}

func TestCommandsQueuedDuringTransfer(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{DataRate: 100_000}))
	must(t, srv.FS().WriteFile("/f", make([]byte, 30_000), time.Time{}))
	c := loggedIn(t, srv)
	conn, _ := c.passiveData("RETR f")
	c.send("NOOP")
	got, err := io.ReadAll(conn)
	must(t, err)
	if len(got) != 30_000 {
		t.Errorf("got %d bytes", len(got))
	}
	// The 226 comes before the NOOP's reply, which waited.
	if r := c.read(); r.code != 226 {
		t.Errorf("first reply %q, want 226", r)
	}
	if r := c.read(); r.code != 200 {
		t.Errorf("second reply %q, want NOOP's 200", r)
	}
	c.expect("ABOR", 225)
}

func TestQuitDuringTransfer(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{DataRate: 10_000}))
	must(t, srv.FS().WriteFile("/f", make([]byte, 1<<20), time.Time{}))
	c := loggedIn(t, srv)
	c.passiveData("RETR f")
	c.expect("QUIT", 221)
	c.assertClosed()
}

func TestFXP(t *testing.T) {
	payload := binaryPayload(300_000)
	src := newServer(t)
	dst := newServer(t)
	must(t, src.FS().WriteFile("/pub/file.bin", payload, time.Time{}))
	cs, cd := loggedIn(t, src), loggedIn(t, dst)
	cs.expect("TYPE I", 200)
	cd.expect("TYPE I", 200)
	cd.expect("SIZE file.bin", 550)

	r := cs.expect("PASV", 227)
	m := pasvRE.FindStringSubmatch(r.last())
	cd.expect("PORT "+strings.Join(m[1:], ","), 200)
	// RETR goes to the source before waiting for the target's 150.
	cd.send("STOR file.bin")
	cs.expect("RETR pub/file.bin", 150)
	if r := cd.read(); r.code != 150 {
		t.Fatalf("target STOR: %q", r)
	}
	if r := cs.read(); r.code != 226 {
		t.Errorf("source final %q", r)
	}
	if r := cd.read(); r.code != 226 {
		t.Errorf("target final %q", r)
	}
	got, err := dst.FS().ReadFile("/file.bin")
	must(t, err)
	if !bytes.Equal(got, payload) {
		t.Fatalf("FXP copied %d bytes, want %d", len(got), len(payload))
	}
	ss, ds := src.Stats(), dst.Stats()
	if ss.BytesSent != int64(len(payload)) || ds.BytesReceived != int64(len(payload)) || ss.DataConns != 1 || ds.DataConns != 1 {
		t.Errorf("source %+v, target %+v", ss, ds)
	}
}
