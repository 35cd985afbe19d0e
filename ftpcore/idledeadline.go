package ftpcore

import (
	"context"
	"errors"
	"os"
	"time"
)

// A protected download reads the socket once or twice per TLS record (16
// KiB at most): setting the idle deadline on every read costs two timer
// updates per record, tens of thousands a second. The deadline is pushed
// forward at most once per refresh instead, and set that much further
// away, so that it still never falls before idle of silence: a timeout
// fires after between idle and idle+refresh without a byte.
const (
	idleRefreshShare = 16                     // refresh is at most idle/16 ...
	idleRefreshMax   = 100 * time.Millisecond // ... and at most this
)

// idleRefresh returns how long a pushed deadline stays good enough.
func idleRefresh(idle time.Duration) time.Duration {
	return min(idle/idleRefreshShare, idleRefreshMax)
}

// armRead sets the read deadline for the next read when the last one set
// is more than a refresh old, and reports whether the transfer was
// cancelled (see arm for the order of the two).
func (c *idleConn) armRead() error {
	if now := c.clock(); c.readSetBy.Swap(false) || now.Sub(c.readArmed) >= c.refresh {
		_ = c.Conn.SetReadDeadline(now.Add(c.idle + c.refresh))
		c.readArmed = now
	}
	return c.stopped()
}

// armWrite is armRead for writes.
func (c *idleConn) armWrite() error {
	if now := c.clock(); c.writeSetBy.Swap(false) || now.Sub(c.writeArmed) >= c.refresh {
		_ = c.Conn.SetWriteDeadline(now.Add(c.idle + c.refresh))
		c.writeArmed = now
	}
	return c.stopped()
}

// stopped reports a cancel of the transfer: the canceller's flag, or the
// context itself when the cancel came from the transfer's own goroutine
// (a progress callback), which stops the very next operation.
func (c *idleConn) stopped() error {
	if c.cancelled.Load() {
		return context.Canceled
	}
	return c.ctx.Err()
}

// arm sets both deadlines idle from now, for an operation that moves a
// large chunk at once (splice), and reports whether the transfer
// was cancelled; the order (deadline, then flag) matches the canceller's
// (flag, then past deadline), so a cancel is never missed.
func (c *idleConn) arm() error {
	_ = c.Conn.SetDeadline(time.Now().Add(c.idle))
	c.readArmed, c.writeArmed = time.Time{}, time.Time{}
	return c.stopped()
}

// deadlineHit reports whether err is a deadline reached: the next
// operation then sets a fresh one, however recent the last.
func deadlineHit(err error) bool {
	return err != nil && errors.Is(err, os.ErrDeadlineExceeded)
}

// SetDeadline, SetReadDeadline and SetWriteDeadline are the TLS layer's:
// it bounds its close_notify by 5 seconds, for one. The next operation
// sets the idle deadline again, as it did before the throttling, so that
// the timeout keeps measuring silence alone.
func (c *idleConn) SetDeadline(t time.Time) error {
	c.readSetBy.Store(true)
	c.writeSetBy.Store(true)
	return c.Conn.SetDeadline(t)
}

// SetReadDeadline: see SetDeadline.
func (c *idleConn) SetReadDeadline(t time.Time) error {
	c.readSetBy.Store(true)
	return c.Conn.SetReadDeadline(t)
}

// SetWriteDeadline: see SetDeadline.
func (c *idleConn) SetWriteDeadline(t time.Time) error {
	c.writeSetBy.Store(true)
	return c.Conn.SetWriteDeadline(t)
}
