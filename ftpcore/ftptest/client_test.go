package ftptest_test

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

// TestMain fails the run if any goroutine of the server outlives the
// tests: every NewServer is closed by t.Cleanup, and Close must wait for
// all of them.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if stacks := serverGoroutines(2 * time.Second); stacks != "" {
			fmt.Fprintf(os.Stderr, "leaked ftptest goroutines:\n%s\n", stacks)
			code = 1
		}
	}
	os.Exit(code)
}

// serverGoroutines waits up to d for goroutines running ftptest code to
// end and returns the stacks of those that remain.
func serverGoroutines(d time.Duration) string {
	deadline := time.Now().Add(d)
	for {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		var leaked []string
		for g := range bytes.SplitSeq(buf, []byte("\n\n")) {
			if bytes.Contains(g, []byte("ferry/ftpcore/ftptest.")) {
				leaked = append(leaked, string(g))
			}
		}
		if len(leaked) == 0 || time.Now().After(deadline) {
			return strings.Join(leaked, "\n\n")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ioTimeout bounds every read and write of the test client so that a
// server bug fails the test instead of hanging it.
const ioTimeout = 10 * time.Second

// reply is one server reply as the test client parsed it.
type reply struct {
	code  int
	lines []string // every line, codes included
}

func (r reply) last() string { return r.lines[len(r.lines)-1] }
func (r reply) String() string {
	return strings.Join(r.lines, "\n")
}

// client is a deliberately small FTP client written for these tests: it
// sends exact lines and parses replies by RFC 959 4.2.
type client struct {
	t        testing.TB
	conn     net.Conn
	r        *bufio.Reader
	tlsConf  *tls.Config // set after AUTH TLS, reused for data connections
	protP    bool
	greeting reply
}

func dial(t testing.TB, addr string) *client {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	return newClient(t, conn, 220)
}

func newClient(t testing.TB, conn net.Conn, wantGreeting int) *client {
	t.Helper()
	c := &client{t: t, conn: conn, r: bufio.NewReader(conn)}
	t.Cleanup(func() { c.conn.Close() })
	c.greeting = c.read()
	if c.greeting.code != wantGreeting {
		t.Fatalf("greeting %q, want %d", c.greeting, wantGreeting)
	}
	return c
}

func (c *client) sendRaw(b []byte) {
	c.t.Helper()
	c.conn.SetWriteDeadline(time.Now().Add(ioTimeout))
	if _, err := c.conn.Write(b); err != nil {
		c.t.Fatalf("write %q: %v", b, err)
	}
}

func (c *client) send(line string) { c.t.Helper(); c.sendRaw([]byte(line + "\r\n")) }

func (c *client) readLine() (string, error) {
	c.conn.SetReadDeadline(time.Now().Add(ioTimeout))
	line, err := c.r.ReadString('\n')
	return strings.TrimRight(line, "\r\n"), err
}

// tryRead reads one reply, returning an error instead of failing.
func (c *client) tryRead() (reply, error) {
	first, err := c.readLine()
	if err != nil {
		return reply{}, err
	}
	if len(first) < 4 {
		return reply{}, fmt.Errorf("short reply line %q", first)
	}
	code, err := strconv.Atoi(first[:3])
	if err != nil {
		return reply{}, fmt.Errorf("bad reply line %q", first)
	}
	r := reply{code: code, lines: []string{first}}
	if first[3] != '-' {
		return r, nil
	}
	for {
		line, err := c.readLine()
		if err != nil {
			return r, err
		}
		r.lines = append(r.lines, line)
		if strings.HasPrefix(line, first[:3]+" ") {
			return r, nil
		}
	}
}

func (c *client) read() reply {
	c.t.Helper()
	r, err := c.tryRead()
	if err != nil {
		c.t.Fatalf("read reply: %v", err)
	}
	return r
}

func (c *client) cmd(line string) reply {
	c.t.Helper()
	c.send(line)
	return c.read()
}

// expect sends line and fails unless the reply has code.
func (c *client) expect(line string, code int) reply {
	c.t.Helper()
	r := c.cmd(line)
	if r.code != code {
		c.t.Fatalf("%s: got %q, want %d", line, r, code)
	}
	return r
}

func (c *client) login(user, pass string) {
	c.t.Helper()
	c.expect("USER "+user, 331)
	c.expect("PASS "+pass, 230)
}

// assertClosed fails unless the server closed the control connection.
func (c *client) assertClosed() {
	c.t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(ioTimeout))
	if b, err := io.ReadAll(c.r); err == nil && len(b) > 0 {
		c.t.Fatalf("control connection still sends %q", b)
	}
}

var (
	pasvRE = regexp.MustCompile(`\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)`)
	epsvRE = regexp.MustCompile(`\(\|\|\|(\d+)\|\)`)
)

// pasv sends PASV and returns the address of the 227 reply.
func (c *client) pasv() string {
	c.t.Helper()
	r := c.expect("PASV", 227)
	m := pasvRE.FindStringSubmatch(r.last())
	if m == nil {
		c.t.Fatalf("unparsable 227 %q", r)
	}
	n := make([]int, 6)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	return fmt.Sprintf("%d.%d.%d.%d:%d", n[0], n[1], n[2], n[3], n[4]*256+n[5])
}

// epsv sends EPSV and returns the address to connect to.
func (c *client) epsv() string {
	c.t.Helper()
	r := c.expect("EPSV", 229)
	m := epsvRE.FindStringSubmatch(r.last())
	if m == nil {
		c.t.Fatalf("unparsable 229 %q", r)
	}
	return net.JoinHostPort("127.0.0.1", m[1])
}

// dialData connects to a passive address, with TLS after PROT P.
func (c *client) dialData(addr string) net.Conn {
	c.t.Helper()
	conn, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		c.t.Fatalf("dial data %s: %v", addr, err)
	}
	c.t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(ioTimeout))
	if c.protP {
		tc := tls.Client(conn, c.tlsConf)
		return tc
	}
	return conn
}

// passiveData opens a data connection with EPSV and sends cmd; it returns
// the connection and the 150 reply.
func (c *client) passiveData(cmd string) (net.Conn, reply) {
	c.t.Helper()
	addr := c.epsv()
	conn := c.dialData(addr)
	r := c.expect(cmd, 150)
	return conn, r
}

// retr downloads path in passive mode and checks the final 226.
func (c *client) retr(path string) []byte {
	c.t.Helper()
	conn, _ := c.passiveData("RETR " + path)
	data, err := io.ReadAll(conn)
	if err != nil {
		c.t.Fatalf("RETR %s: read data: %v", path, err)
	}
	conn.Close()
	if r := c.read(); r.code != 226 {
		c.t.Fatalf("RETR %s: final %q", path, r)
	}
	return data
}

// stor uploads data to path with cmd (STOR, APPE) in passive mode.
func (c *client) stor(cmd, path string, data []byte) reply {
	c.t.Helper()
	conn, _ := c.passiveData(cmd + " " + path)
	if _, err := conn.Write(data); err != nil {
		c.t.Fatalf("%s %s: write data: %v", cmd, path, err)
	}
	conn.Close()
	r := c.read()
	if r.code != 226 {
		c.t.Fatalf("%s %s: final %q", cmd, path, r)
	}
	return r
}

// listing runs a listing command and returns the data.
func (c *client) listing(cmd string) string {
	c.t.Helper()
	conn, _ := c.passiveData(cmd)
	data, err := io.ReadAll(conn)
	if err != nil {
		c.t.Fatalf("%s: read data: %v", cmd, err)
	}
	if r := c.read(); r.code != 226 {
		c.t.Fatalf("%s: final %q", cmd, r)
	}
	return string(data)
}

// activeListener listens for an active-mode data connection and returns
// the PORT and EPRT arguments naming it.
func activeListener(t testing.TB) (net.Listener, string, string) {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	port := ln.Addr().(*net.TCPAddr).Port
	return ln, fmt.Sprintf("127,0,0,1,%d,%d", port>>8, port&0xFF), fmt.Sprintf("|1|127.0.0.1|%d|", port)
}

// accept waits for the server's active-mode connection.
func accept(t testing.TB, ln net.Listener) net.Conn {
	t.Helper()
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(ioTimeout))
	conn, err := ln.Accept()
	if err != nil {
		t.Fatalf("accept data: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(ioTimeout))
	return conn
}

// newServer is NewServer with the account most tests use.
func newServer(t testing.TB, opts ...ftptest.Option) *ftptest.Server {
	t.Helper()
	return ftptest.NewServer(t, append([]ftptest.Option{ftptest.WithUser("ferry", "s3cret")}, opts...)...)
}

// loggedIn dials srv and logs in as the account of newServer.
func loggedIn(t testing.TB, srv *ftptest.Server) *client {
	t.Helper()
	c := dial(t, srv.Addr())
	c.login("ferry", "s3cret")
	return c
}

// downloadOnce logs in, downloads path and checks its size, returning
// errors rather than failing, for use from several goroutines. It drives
// the server with net/textproto, a second independent client.
func downloadOnce(addr, path string, size int) error {
	tc, err := textproto.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer tc.Close()
	steps := []struct {
		cmd  string
		code int
	}{{"", 220}, {"USER ferry", 331}, {"PASS s3cret", 230}, {"TYPE I", 200}, {"EPSV", 229}}
	var msg string
	for _, s := range steps {
		if s.cmd != "" {
			if err := tc.PrintfLine("%s", s.cmd); err != nil {
				return err
			}
		}
		if _, msg, err = tc.ReadResponse(s.code); err != nil {
			return fmt.Errorf("%s: %w", s.cmd, err)
		}
	}
	m := epsvRE.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("unparsable EPSV reply %q", msg)
	}
	data, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", m[1]), ioTimeout)
	if err != nil {
		return err
	}
	defer data.Close()
	if err := tc.PrintfLine("RETR %s", path); err != nil {
		return err
	}
	if _, _, err := tc.ReadResponse(150); err != nil {
		return fmt.Errorf("RETR: %w", err)
	}
	data.SetDeadline(time.Now().Add(ioTimeout))
	b, err := io.ReadAll(data)
	if err != nil {
		return err
	}
	if len(b) != size {
		return fmt.Errorf("%s: got %d bytes, want %d", path, len(b), size)
	}
	if _, _, err := tc.ReadResponse(226); err != nil {
		return fmt.Errorf("RETR end: %w", err)
	}
	if err := tc.PrintfLine("QUIT"); err != nil {
		return err
	}
	_, _, err = tc.ReadResponse(221)
	return err
}
