package queue

import (
	"context"
	"io"
	"sync"
	"time"
)

// rateLimiter is a token bucket shared by every transfer of one direction,
// so that a limit holds for all workers together. A rate of 0 lets
// everything through. Safe for concurrent use.
type rateLimiter struct {
	mu     sync.Mutex
	rate   int64   // bytes per second; 0 = unlimited
	tokens float64 // may go negative: the debt is paid by waiting
	last   time.Time
	now    func() time.Time
}

func newRateLimiter(rate int64) *rateLimiter {
	return &rateLimiter{rate: max(rate, 0), now: time.Now}
}

// setRate changes the limit; transfers in progress follow at once.
func (l *rateLimiter) setRate(rate int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rate = max(rate, 0)
	l.tokens = 0
	l.last = time.Time{}
}

// burst is the most a bucket holds: a tenth of a second's worth, at least
// 16 KiB, so that a small limit still moves whole network reads.
func (l *rateLimiter) burst() float64 {
	return max(float64(l.rate)/10, 16<<10)
}

// take spends n bytes' worth of tokens and returns how long the caller
// must wait before moving them.
func (l *rateLimiter) take(n int) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rate == 0 {
		return 0
	}
	now := l.now()
	if !l.last.IsZero() {
		l.tokens += now.Sub(l.last).Seconds() * float64(l.rate)
	} else {
		l.tokens = l.burst()
	}
	l.last = now
	l.tokens = min(l.tokens, l.burst())
	l.tokens -= float64(n)
	if l.tokens >= 0 {
		return 0
	}
	return time.Duration(-l.tokens / float64(l.rate) * float64(time.Second))
}

// limited reports whether a limit is set now.
func (l *rateLimiter) limited() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.rate > 0
}

// wait blocks until n bytes may move, or ctx ends.
func (l *rateLimiter) wait(ctx context.Context, n int) error {
	d := l.take(n)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// limitChunk is how many bytes one wait covers, so that a large write
// under a small limit is spread out instead of sent in one burst.
const limitChunk = 32 << 10

// limitedWriter throttles writes through a shared rateLimiter.
type limitedWriter struct {
	ctx context.Context
	w   io.Writer
	l   *rateLimiter
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if !w.l.limited() {
		return w.w.Write(p)
	}
	var done int
	for len(p) > 0 {
		n := min(len(p), limitChunk)
		if err := w.l.wait(w.ctx, n); err != nil {
			return done, err
		}
		m, err := w.w.Write(p[:n])
		done += m
		if err != nil {
			return done, err
		}
		p = p[n:]
	}
	return done, nil
}

// ReadFrom lets an unthrottled download keep the kernel's zero-copy path
// (the file's own ReadFrom); a limit set meanwhile applies from the next
// chunk the session hands over.
func (w *limitedWriter) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := w.w.(io.ReaderFrom); ok && !w.l.limited() {
		return rf.ReadFrom(r)
	}
	// Through Write, which waits for the limiter; the struct hides this
	// method from io.Copy so that it does not call back here.
	return io.Copy(struct{ io.Writer }{w}, r)
}

// limitedReader throttles reads through a shared rateLimiter.
type limitedReader struct {
	ctx context.Context
	r   io.Reader
	l   *rateLimiter
}

func (r *limitedReader) Read(p []byte) (int, error) {
	if !r.l.limited() {
		return r.r.Read(p)
	}
	if len(p) > limitChunk {
		p = p[:limitChunk]
	}
	n, err := r.r.Read(p)
	if n > 0 {
		if werr := r.l.wait(r.ctx, n); werr != nil && err == nil {
			err = werr
		}
	}
	return n, err
}
