package queue

import (
	"slices"
	"time"
)

// Jobs whose server cannot be reached without the user wait rather than
// fail. The typical case is a quick connection restored from an earlier
// run: its key is saved with the queue but its password never is, so
// Resolve has nothing to log in with until the user connects to that
// server again. Failing such jobs at start-up would bury them among real
// failures and spend their retries on a condition only the user can end.

// Wake queues again every waiting job that needs a session on site, as
// the app does once the user has connected to that server (so that
// Resolve can give its Config now), and returns how many jobs it woke.
// Jobs waiting for other sites stay as they are. A job whose attempt is
// resolving its site while Wake runs tries once more instead of waiting,
// so that a Wake is never lost to that race. Safe for concurrent use; it
// does not block on the network.
func (q *Queue) Wake(site string) int {
	q.mu.Lock()
	q.wakes++
	n := 0
	for _, e := range q.jobs {
		if e.State == JobWaiting && slices.Contains(e.sites(), site) {
			e.State, e.Err, e.notBefore = JobQueued, "", time.Time{}
			q.changed(e)
			n++
		}
	}
	q.mu.Unlock()
	if n > 0 {
		q.kick()
	}
	return n
}

// park sets aside a job whose site Resolve could not give, without
// counting the attempt; q.mu must be held.
func (q *Queue) park(e *jobEntry, err error) {
	e.Attempts--
	if q.wakes != e.wakeSeen {
		// A Wake came during the attempt, perhaps just after Resolve
		// looked: what it announced may be what Resolve lacked.
		e.State, e.Err = JobQueued, ""
		return
	}
	e.State, e.Err = JobWaiting, jobMessage(err)
}
