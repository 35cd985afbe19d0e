package ftptest

import (
	"context"
	"net"
	"time"
)

// SlowPhase makes file transfers fast, then slow, then fast again: the
// first After bytes move at full speed, then Bytes bytes every Every,
// Ticks times, then the rest at full speed. A download is written so, an
// upload read so. Passive data sockets opened while it is set have a small
// receive buffer and segment size, so that the client's writes feel the
// slow reader as they would over a real link. It applies to the socket, under any TLS layer, so that
// a TLS record too arrives a few bytes at a time.
type SlowPhase struct {
	After int64
	Every time.Duration
	Bytes int // per tick; 0 means 1
	Ticks int
}

// slowConn applies a SlowPhase to one direction of a data socket.
type slowConn struct {
	net.Conn
	ctx   context.Context
	phase SlowPhase
	moved int64 // bytes moved so far in the slowed direction
	ticks int
}

func newSlowConn(ctx context.Context, c net.Conn, p SlowPhase) *slowConn {
	if p.Bytes <= 0 {
		p.Bytes = 1
	}
	return &slowConn{Conn: c, ctx: ctx, phase: p}
}

// allow returns how much of n bytes may move now, after waiting for the
// next tick when the slow phase is on.
func (c *slowConn) allow(n int) (int, error) {
	if c.moved < c.phase.After {
		return int(min(int64(n), c.phase.After-c.moved)), nil
	}
	if c.ticks >= c.phase.Ticks {
		return n, nil
	}
	t := time.NewTimer(c.phase.Every)
	defer t.Stop()
	select {
	case <-t.C:
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	}
	c.ticks++
	return min(n, c.phase.Bytes), nil
}

func (c *slowConn) Write(p []byte) (int, error) {
	var n int
	for n < len(p) {
		k, err := c.allow(len(p) - n)
		if err != nil {
			return n, err
		}
		w, err := c.Conn.Write(p[n : n+k])
		n += w
		c.moved += int64(w)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func (c *slowConn) Read(p []byte) (int, error) {
	k, err := c.allow(len(p))
	if err != nil {
		return 0, err
	}
	n, err := c.Conn.Read(p[:k])
	c.moved += int64(n)
	return n, err
}
