package ftpcore

import (
	"bytes"
	"context"
	"net"
	"testing"
	"time"
)

// scriptedConn is one connection of a scripted server: reads return its
// bytes, then io.EOF; writes are accepted and dropped. Nothing blocks, so
// no script can make a session wait.
type scriptedConn struct {
	r *bytes.Reader
}

func (c *scriptedConn) Read(p []byte) (int, error)  { return c.r.Read(p) }
func (c *scriptedConn) Write(p []byte) (int, error) { return len(p), nil }
func (c *scriptedConn) Close() error                { return nil }
func (c *scriptedConn) LocalAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 50000}
}
func (c *scriptedConn) RemoteAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 21}
}
func (c *scriptedConn) SetDeadline(time.Time) error      { return nil }
func (c *scriptedConn) SetReadDeadline(time.Time) error  { return nil }
func (c *scriptedConn) SetWriteDeadline(time.Time) error { return nil }

// scriptedDialer plays a server from fixed bytes: the first connection is
// the control connection, which holds the server's side of the whole
// dialogue; every later one (a passive data connection, whatever address
// the replies named) holds data.
type scriptedDialer struct {
	control, data []byte
	dials         int
}

func (d *scriptedDialer) DialContext(context.Context, string, string) (net.Conn, error) {
	d.dials++
	if d.dials == 1 {
		return &scriptedConn{r: bytes.NewReader(d.control)}, nil
	}
	return &scriptedConn{r: bytes.NewReader(d.data)}, nil
}

// FuzzSession fuzzes the session's reading of replies, not only the reply
// parser: Dial (greeting, login, FEAT, SYST), a listing and a small
// download run against a server whose every byte comes from the fuzzer.
// Whatever the bytes, the session must neither panic nor hang.
func FuzzSession(f *testing.F) {
	login := "220 ftptest\r\n331 Password.\r\n230 Logged in.\r\n"
	feat := "211-Features:\r\n EPSV\r\n MLST type*;size*;modify*;\r\n SIZE\r\n UTF8\r\n211 End\r\n200 UTF8 on.\r\n215 UNIX Type: L8\r\n"
	list := "229 Entering Extended Passive Mode (|||40001|)\r\n150 Here it comes.\r\n226 Done.\r\n"
	retr := "200 Binary.\r\n213 5\r\n229 Entering Extended Passive Mode (|||40002|)\r\n150 Opening (5 bytes).\r\n226 Done.\r\n"
	mlsd := "type=file;size=5;modify=20240101000000; f.bin\r\ntype=dir; sub\r\n"
	for _, seed := range []struct{ control, data string }{
		{login + feat + list + retr, mlsd},
		{login + "211 no-features\r\n200 UTF8 on.\r\n215 UNIX\r\n" + "227 Entering Passive Mode (127,0,0,1,156,65)\r\n150 ok\r\n226 ok\r\n", "-rw-r--r-- 1 a b 5 Jan 1 2024 f.bin\r\n"},
		{"120 wait\r\n220-multi\r\n more\r\n220 end\r\n230 no password needed\r\n500 no FEAT\r\n500 no SYST\r\n425 no data\r\n", ""},
		{login + "211-\r\n211\r\n200\r\n215\r\n229 (|||0|)\r\n150\r\n226\r\n", "\x00\xff"},
		{login + feat + "229 (|||1|)\r\n150-a\r\n150 b\r\n226-x\r\n\r\n226 y\r\n" + retr, mlsd},
	} {
		f.Add([]byte(seed.control), []byte(seed.data))
	}
	f.Fuzz(func(t *testing.T, control, data []byte) {
		d := &scriptedDialer{control: control, data: data}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		s, err := Dial(ctx, Config{
			Addr: "fuzz.invalid:21", User: "u", Password: "p", Dialer: d,
			ConnectTimeout: time.Second, ReplyTimeout: time.Second,
		})
		if err != nil {
			return
		}
		defer s.Close()
		s.List(ctx, "/", ListDirOptions{})
		var buf bytes.Buffer
		s.Retrieve(ctx, "/f.bin", &buf, TransferOptions{Type: TypeBinary})
		s.Pwd(ctx)
	})
}
