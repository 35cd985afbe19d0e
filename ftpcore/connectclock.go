package ftpcore

import (
	"context"
	"sync"
	"time"
)

// connectClock is the context of Dial's sequence (dial, greeting, TLS,
// login, features): it ends ConnectTimeout after it starts, like
// context.WithTimeout, except that it stops while the user is asked about
// the server's certificate and starts afresh once they answered. The
// timeout measures the network, never the person reading a fingerprint.
type connectClock struct {
	context.Context
	cancel  context.CancelCauseFunc
	timeout time.Duration

	mu       sync.Mutex
	timer    *time.Timer
	deadline time.Time // zero while paused
}

func newConnectClock(parent context.Context, timeout time.Duration) *connectClock {
	ctx, cancel := context.WithCancelCause(parent)
	c := &connectClock{Context: ctx, cancel: cancel, timeout: timeout}
	c.start()
	return c
}

func (c *connectClock) start() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.Context.Err() != nil {
		return
	}
	c.deadline = time.Now().Add(c.timeout)
	c.timer = time.AfterFunc(c.timeout, func() { c.cancel(context.DeadlineExceeded) })
}

// pause stops the clock; the returned function starts it again with the
// whole timeout.
func (c *connectClock) pause() (resume func()) {
	c.mu.Lock()
	if c.timer != nil {
		c.timer.Stop()
	}
	c.deadline = time.Time{}
	c.mu.Unlock()
	return c.start
}

// stop releases the clock once the sequence is over.
func (c *connectClock) stop() {
	c.mu.Lock()
	if c.timer != nil {
		c.timer.Stop()
	}
	c.mu.Unlock()
	c.cancel(context.Canceled)
}

// Deadline is the running clock's end, or the caller's deadline.
func (c *connectClock) Deadline() (time.Time, bool) {
	pd, ok := c.Context.Deadline()
	c.mu.Lock()
	own := c.deadline
	c.mu.Unlock()
	if own.IsZero() || (ok && pd.Before(own)) {
		return pd, ok
	}
	return own, true
}

// Err reports context.DeadlineExceeded when the clock ran out, as
// context.WithTimeout does.
func (c *connectClock) Err() error {
	err := c.Context.Err()
	if err != nil && context.Cause(c.Context) == context.DeadlineExceeded {
		return context.DeadlineExceeded
	}
	return err
}

// trustPaused wraps a TrustCert so that the clock stops while it runs.
func (c *connectClock) trustPaused(trust func(context.Context, CertInfo) (bool, error)) func(context.Context, CertInfo) (bool, error) {
	if trust == nil {
		return nil
	}
	return func(ctx context.Context, info CertInfo) (bool, error) {
		resume := c.pause()
		defer resume()
		return trust(ctx, info)
	}
}
