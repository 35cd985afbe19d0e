package doctor

import (
	"context"
	"sync/atomic"
	"time"
)

// Clock arms the probes' silence time-outs. Tests inject one that fires
// when a server event says so, instead of waiting on the wall clock.
type Clock interface {
	// AfterFunc calls f once d has passed, unless stop is called first;
	// stop reports whether it prevented the call.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

type realClock struct{}

func (realClock) AfterFunc(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, f).Stop
}

// silence is the time-out of one wait: it measures silence, so every
// wait (a reply line, a read of data, a connect) arms its own.
type silence struct {
	clock Clock
	d     time.Duration
}

// watch arms the time-out for one wait; onExpiry unblocks the wait. The
// returned fired reports whether the time-out ran out; stop disarms it,
// and when it ran out waits for onExpiry to finish, so that a deadline it
// set cannot land on the next wait.
func (s silence) watch(onExpiry func()) (fired func() bool, stop func()) {
	var f atomic.Bool
	done := make(chan struct{})
	disarm := s.clock.AfterFunc(s.d, func() {
		defer close(done)
		f.Store(true)
		onExpiry()
	})
	return f.Load, func() {
		if !disarm() {
			<-done
		}
	}
}

// context returns a context cancelled after the silence time-out, and
// whether that happened.
func (s silence) context(ctx context.Context) (context.Context, func() bool, context.CancelFunc) {
	cctx, cancel := context.WithCancel(ctx)
	fired, stop := s.watch(cancel)
	return cctx, fired, func() { stop(); cancel() }
}
