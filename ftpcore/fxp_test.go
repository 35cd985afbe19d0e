package ftpcore

import (
	"bytes"
	"context"
	"errors"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// countingDialer records every connection the client opens and the bytes
// each one carries, to prove that FXP moves no file data through it.
type countingDialer struct {
	mu    sync.Mutex
	conns []*countedConn
}

type countedConn struct {
	net.Conn
	addr string
	n    atomic.Int64
}

func (c *countedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (c *countedConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.n.Add(int64(n))
	return n, err
}

func (d *countingDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	c, err := (&net.Dialer{}).DialContext(ctx, network, address)
	if err != nil {
		return nil, err
	}
	cc := &countedConn{Conn: c, addr: address}
	d.mu.Lock()
	d.conns = append(d.conns, cc)
	d.mu.Unlock()
	return cc, nil
}

// dataConns returns the connections to addresses other than the control
// ones, and all bytes the client's sockets carried.
func (d *countingDialer) tally(control ...string) (data []string, total int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, c := range d.conns {
		total += c.n.Load()
		if !slices.Contains(control, c.addr) {
			data = append(data, c.addr)
		}
	}
	return data, total
}

// noListener fails any active-mode listen: FXP must open no socket.
type noListener struct{ t *testing.T }

func (l noListener) Listen(context.Context, string, string) (net.Listener, error) {
	l.t.Error("the client listened for a data connection")
	return nil, errors.New("no listening in this test")
}

type fxpPair struct {
	a, b       *ftptest.Server
	left, righ *Session
	dialer     *countingDialer
}

// newFXPPair starts two servers and logs in to each, as panes "left" and
// "right".
func newFXPPair(t *testing.T, aOpts, bOpts []ftptest.Option) *fxpPair {
	t.Helper()
	p := &fxpPair{dialer: &countingDialer{}}
	base := []ftptest.Option{ftptest.WithUser("ferry", "secret")}
	p.a = ftptest.NewServer(t, append(base, aOpts...)...)
	p.b = ftptest.NewServer(t, append(base, bOpts...)...)
	p.left = p.dial(t, p.a, "left")
	p.righ = p.dial(t, p.b, "right")
	return p
}

func (p *fxpPair) dial(t *testing.T, srv *ftptest.Server, name string) *Session {
	t.Helper()
	s, err := Dial(t.Context(), Config{
		Addr: srv.Addr(), User: "ferry", Password: "secret", Name: name,
		Dialer: p.dialer, Listener: noListener{t}, ReplyTimeout: 5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func indexOf(cmds []string, prefix string) int {
	return slices.IndexFunc(cmds, func(c string) bool { return strings.HasPrefix(c, prefix) })
}

func TestFXPCopiesBetweenServersWithoutTouchingTheClient(t *testing.T) {
	for _, tc := range []struct {
		name      string
		leftToRig bool
	}{{"left to right", true}, {"right to left", false}} {
		t.Run(tc.name, func(t *testing.T) {
			p := newFXPPair(t, nil, nil)
			src, dst, srcSrv, dstSrv := p.left, p.righ, p.a, p.b
			if !tc.leftToRig {
				src, dst, srcSrv, dstSrv = p.righ, p.left, p.b, p.a
			}
			data := testkit.RandomBytes(t, 3<<20+17)
			testkit.PutFile(t, srcSrv, "/pub/big.bin", data, time.Time{})
			var last int64
			res, err := FXP(t.Context(), src, dst, "/pub/big.bin", "/big copy.bin", FXPOptions{
				Progress:  func(done, total int64) { last = done },
				PollEvery: -1,
			})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(testkit.GetFile(t, dstSrv, "/big copy.bin"), data) {
				t.Fatal("target file differs from the source")
			}
			if res.Relayed || res.Bytes != int64(len(data)) || last != int64(len(data)) {
				t.Errorf("result %+v, last progress %d; want %d bytes, not relayed", res, last, len(data))
			}
			if want := "PASV on " + src.Name() + ", PORT on " + dst.Name(); res.Direction != want {
				t.Errorf("direction %q, want %q", res.Direction, want)
			}
			data2, total := p.dialer.tally(p.a.Addr(), p.b.Addr())
			if len(data2) != 0 {
				t.Errorf("the client opened data connections to %v", data2)
			}
			if total > 64<<10 {
				t.Errorf("the client's sockets carried %d bytes for a %d-byte copy", total, len(data))
			}
			if got := srcSrv.Stats().BytesSent; got != int64(len(data)) {
				t.Errorf("source sent %d data bytes, want %d", got, len(data))
			}
			if got := dstSrv.Stats().BytesReceived; got != int64(len(data)) {
				t.Errorf("target received %d data bytes, want %d", got, len(data))
			}
			// Both sessions are fit for more work.
			if err := src.Noop(t.Context()); err != nil {
				t.Error(err)
			}
			if err := dst.Noop(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestFXPPollsTheTargetForProgress(t *testing.T) {
	p := newFXPPair(t, []ftptest.Option{ftptest.WithFault(ftptest.Fault{DataRate: 400 << 10})}, nil)
	data := testkit.RandomBytes(t, 400<<10)
	testkit.PutFile(t, p.a, "/f.bin", data, time.Time{})
	var calls []int64
	_, err := FXP(t.Context(), p.left, p.righ, "/f.bin", "/f.bin", FXPOptions{
		Progress:  func(done, total int64) { calls = append(calls, done) },
		PollEvery: 50 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	partial := slices.IndexFunc(calls, func(n int64) bool { return n > 0 && n < int64(len(data)) })
	if partial < 0 || calls[len(calls)-1] != int64(len(data)) {
		t.Errorf("progress %v: want a partial figure and the full size last", calls)
	}
	if !bytes.Equal(testkit.GetFile(t, p.b, "/f.bin"), data) {
		t.Fatal("target differs")
	}
	// Polling used SIZE on a control connection of its own: still no data socket.
	if d, _ := p.dialer.tally(p.a.Addr(), p.b.Addr()); len(d) != 0 {
		t.Errorf("data connections from the client: %v", d)
	}
}

func TestFXPSendsRETRBeforeWaitingForAPassiveTarget(t *testing.T) {
	// The source refuses PASV: the target listens, and its 150 comes only
	// once the source, told RETR, has connected.
	p := newFXPPair(t, []ftptest.Option{ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"PASV": "500 PASV not allowed here."}})}, nil)
	data := testkit.RandomBytes(t, 100<<10)
	testkit.PutFile(t, p.a, "/s.bin", data, time.Time{})
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Second)
	defer cancel()
	res, err := FXP(ctx, p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Direction != "PASV on right, PORT on left" {
		t.Errorf("direction %q", res.Direction)
	}
	if !bytes.Equal(testkit.GetFile(t, p.b, "/d.bin"), data) {
		t.Fatal("target differs")
	}
}

func TestFXPSwapsRolesWhenPORTIsRefused(t *testing.T) {
	illegal := ftptest.Fault{Replies: map[string]string{"PORT": "500 Illegal PORT command.", "EPRT": "500 Illegal EPRT command."}}
	p := newFXPPair(t, nil, []ftptest.Option{ftptest.WithFault(illegal)})
	data := testkit.RandomBytes(t, 1<<20)
	testkit.PutFile(t, p.a, "/s.bin", data, time.Time{})
	res, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Direction != "PASV on right, PORT on left" {
		t.Errorf("direction %q", res.Direction)
	}
	if !bytes.Equal(testkit.GetFile(t, p.b, "/d.bin"), data) {
		t.Fatal("target differs")
	}
	if d, _ := p.dialer.tally(p.a.Addr(), p.b.Addr()); len(d) != 0 {
		t.Errorf("data connections from the client: %v", d)
	}
}

func TestFXPRefusedBothWaysThenRelay(t *testing.T) {
	illegal := ftptest.Fault{Replies: map[string]string{"PORT": "500 Illegal PORT command."}}
	for _, tc := range []struct {
		name    string
		opt     FXPOptions
		relayed bool
	}{
		{"never", FXPOptions{Relay: RelayNever}, false},
		{"ask, declined", FXPOptions{Relay: RelayAsk, AllowRelay: func(context.Context, error) (bool, error) { return false, nil }}, false},
		{"ask, allowed", FXPOptions{Relay: RelayAsk, AllowRelay: func(_ context.Context, why error) (bool, error) {
			var r *FXPRefusedError
			return errors.As(why, &r), nil
		}}, true},
		{"auto", FXPOptions{Relay: RelayAuto}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newFXPPair(t, []ftptest.Option{ftptest.WithFault(illegal)}, []ftptest.Option{ftptest.WithFault(illegal)})
			data := testkit.RandomBytes(t, 2<<20+5)
			testkit.PutFile(t, p.a, "/s.bin", data, time.Time{})
			res, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", tc.opt)
			if !tc.relayed {
				var r *FXPRefusedError
				if !errors.As(err, &r) {
					t.Fatalf("error %v, want *FXPRefusedError", err)
				}
				if r.Server != "right" || r.Cmd != "PORT" || r.Code != 500 || r.Also == nil || r.Also.Server != "left" {
					t.Errorf("refusal %+v (also %+v)", r, r.Also)
				}
				for _, want := range []string{`server "right" refused PORT (500 Illegal PORT command.)`, "bounce protection", `server "left"`} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("message %q lacks %q", err, want)
					}
				}
				if _, err := p.b.FS().Stat("/d.bin"); err == nil {
					t.Error("a target file was left behind")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !res.Relayed || res.Bytes != int64(len(data)) {
				t.Errorf("result %+v", res)
			}
			if !bytes.Equal(testkit.GetFile(t, p.b, "/d.bin"), data) {
				t.Fatal("relayed file differs")
			}
			// Relaying is the one case where the data crosses the client.
			if d, total := p.dialer.tally(p.a.Addr(), p.b.Addr()); len(d) != 2 || total < 2*int64(len(data)) {
				t.Errorf("relay used data connections %v carrying %d bytes", d, total)
			}
		})
	}
}

func TestFXPRelayAlwaysSkipsFXP(t *testing.T) {
	p := newFXPPair(t, nil, nil)
	data := []byte("line one\nline two\n")
	testkit.PutFile(t, p.a, "/notes.txt", data, time.Time{})
	res, err := FXP(t.Context(), p.left, p.righ, "/notes.txt", "/notes.txt", FXPOptions{Relay: RelayAlways})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Relayed || indexOf(p.a.Commands(), "PORT") >= 0 || indexOf(p.b.Commands(), "PORT") >= 0 {
		t.Errorf("result %+v; commands %q / %q", res, p.a.Commands(), p.b.Commands())
	}
	// ASCII by name, on both sides: the text survives the round trip.
	if got := testkit.GetFile(t, p.b, "/notes.txt"); !bytes.Equal(got, data) {
		t.Errorf("target holds %q", got)
	}
}
