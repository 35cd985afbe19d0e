package queue

import (
	"time"

	"ferry/ftpcore"
)

// Settings that change while the queue runs take effect for what happens
// next: the next failure, the next existing file, the next FXP. Jobs
// running keep the session they have.

// SetRetries changes how many times a temporary failure is retried and
// the first delay, as Options.Retries and Options.RetryDelay (0 and a
// non-positive delay mean the defaults, a negative count none).
func (q *Queue) SetRetries(n int, delay time.Duration) {
	if n == 0 {
		n = DefaultRetries
	}
	if delay <= 0 {
		delay = DefaultRetryDelay
	}
	q.mu.Lock()
	q.opt.Retries, q.opt.RetryDelay = max(n, 0), delay
	q.mu.Unlock()
}

// SetDefaultOverwrite replaces the actions for existing destinations of
// jobs that leave it to the default, as Options.DefaultOverwrite; it also
// forgets the "apply to all" answers given so far.
func (q *Queue) SetDefaultOverwrite(actions map[JobKind]OverwriteAction) {
	q.mu.Lock()
	q.defaults = map[JobKind]OverwriteAction{}
	clear(q.answered)
	for k, a := range actions {
		q.defaults[k] = a
	}
	q.mu.Unlock()
}

// RenewSessions makes the transfers that start from now on use sessions
// dialled from now on, whose configuration Options.Resolve gives anew
// (settings saved since the others were opened): idle sessions are
// closed, busy ones once their job ends. It waits for the idle ones'
// QUIT, so it is best called off the UI's goroutine.
func (q *Queue) RenewSessions() { q.pool.renew() }

// SetFXPRelay changes Options.FXPRelay for the FXP attempts that start
// from now on; it also forgets the answers given for all of a site pair's
// jobs.
func (q *Queue) SetFXPRelay(m ftpcore.RelayMode) {
	q.mu.Lock()
	q.opt.FXPRelay = m
	q.fxpAll = map[sitePair]FXPChoice{}
	q.mu.Unlock()
}
