package queue

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"strings"
	"syscall"
	"time"

	"ferry/ftpcore"
)

// schedule starts runnable jobs whenever something changes, until the
// queue closes. It never blocks on the network: a job whose site is full
// is passed over for the next one.
func (q *Queue) schedule() {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		q.mu.Lock()
		next := q.launchReady()
		q.mu.Unlock()
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		if !next.IsZero() {
			timer.Reset(max(time.Until(next), time.Millisecond))
		}
		select {
		case <-q.ctx.Done():
			return
		case <-q.wake:
		case <-timer.C:
		}
	}
}

// launchReady starts as many queued jobs as workers and site limits
// allow, in queue order, and returns when the earliest job held back by
// its retry delay becomes due (zero if none); q.mu must be held.
func (q *Queue) launchReady() time.Time {
	var next time.Time
	if !q.started || q.paused || q.closed {
		return next
	}
	now := time.Now()
	// Files being written: a second job to the same destination waits
	// for the first to end, then finds its file there and asks (or
	// follows the rule) instead of writing the same file at the same time.
	var writing map[Endpoint]bool
	for _, e := range q.jobs {
		if e.State == JobActive && !e.IsDir {
			if writing == nil {
				writing = make(map[Endpoint]bool)
			}
			writing[e.Dst] = true
		}
	}
	for _, e := range q.jobs {
		if q.running >= q.workers {
			break
		}
		if e.State != JobQueued {
			continue
		}
		if e.notBefore.After(now) {
			if next.IsZero() || e.notBefore.Before(next) {
				next = e.notBefore
			}
			continue
		}
		if !e.IsDir && writing[e.Dst] {
			continue
		}
		if !q.pool.reserve(e.sites()...) {
			continue
		}
		q.launch(e)
		if !e.IsDir {
			if writing == nil {
				writing = make(map[Endpoint]bool)
			}
			writing[e.Dst] = true
		}
	}
	return next
}

// sites lists the sites a job needs a session on.
func (e *jobEntry) sites() []string {
	switch e.Kind {
	case JobDownload:
		return []string{e.Src.Site}
	case JobUpload:
		return []string{e.Dst.Site}
	}
	return []string{e.Src.Site, e.Dst.Site}
}

// launch marks a job active and runs it on its own goroutine; q.mu must
// be held and the job's sessions reserved.
func (q *Queue) launch(e *jobEntry) {
	ctx, cancel := context.WithCancel(q.ctx)
	e.cancel, e.stop = cancel, nil
	e.State, e.Err = JobActive, ""
	e.Attempts++
	e.Started = time.Now()
	e.meter = speedMeter{}
	e.Speed, e.ETA = 0, 0
	e.wakeSeen = q.wakes
	q.running++
	q.changed(e)
	q.jobsWG.Add(1)
	go func() {
		defer q.jobsWG.Done()
		defer cancel()
		err := q.execute(ctx, e)
		q.finish(e, err)
	}()
}

// finish records a job's outcome: done, skipped, retried later, paused,
// requeued, waiting for its server or failed.
func (q *Queue) finish(e *jobEntry, err error) {
	q.mu.Lock()
	defer q.kick()
	defer q.mu.Unlock()
	q.running--
	e.cancel = nil
	if q.byID[e.ID] != e {
		return // removed while running
	}
	defer func() {
		// Runs after q.changed(e), still under q.mu.
		if q.running == 0 && !q.hasWorkLocked() {
			q.events.settle()
		}
	}()
	defer q.changed(e)
	var skip *skipError
	var again *fxpAgainError
	var stale *staleSessionError
	switch {
	case err == nil:
		e.State, e.Err = JobDone, ""
		if e.Size >= 0 && !e.IsDir {
			e.Done = e.Size
		}
	case errors.As(err, &skip):
		e.State, e.Err = JobSkipped, skip.reason
	case e.stop == errPaused:
		e.State = JobPaused
		e.Attempts--
	case e.stop == errClosing:
		e.State = JobQueued // resumed at the next start
		e.Attempts--
	case e.stop == ErrJobCancelled:
		e.State, e.Err = JobFailed, ErrJobCancelled.Error()
	case errors.Is(err, ErrSiteUnavailable):
		q.park(e, err)
	case errors.As(err, &again):
		// The user chose how to get round a refused FXP: run again now.
		e.State, e.Err = JobQueued, ""
		e.Attempts--
	case errors.As(err, &stale):
		// An idle session the server had ended: run again now, on a
		// new one.
		e.State, e.Err = JobQueued, ""
		e.Attempts--
	case tooManyConnections(err) && q.pool.lower(siteOf(err)):
		// The server said how many sessions it takes: run with fewer,
		// and try again at once without counting this attempt.
		e.State, e.Err = JobQueued, ""
		e.Attempts--
	case tooManyConnections(err) && e.busyTries < maxBusyTries:
		// Already down to one session: the server may still count the
		// one just closed (its goroutine or process has not ended yet),
		// or other users fill it. Wait and try again, a few times,
		// without spending the job's retries.
		e.busyTries++
		e.State, e.Err = JobQueued, jobMessage(err)
		e.notBefore = time.Now().Add(max(q.opt.RetryDelay, time.Second) * time.Duration(e.busyTries))
		e.Attempts--
	case retryable(err) && e.Attempts <= q.opt.Retries:
		e.State, e.Err = JobQueued, jobMessage(err)
		e.notBefore = time.Now().Add(q.opt.RetryDelay << (e.Attempts - 1))
	default:
		e.State, e.Err = JobFailed, jobMessage(err)
	}
}

// maxBusyTries bounds how often a job waits for a full server (421 at
// connect) before that counts as an ordinary failed attempt.
const maxBusyTries = 5

// skipError ends a job as skipped, with the reason shown to the user.
type skipError struct{ reason string }

func (e *skipError) Error() string { return "skipped: " + e.reason }

// tooManyConnections reports a 421 from opening a pooled session.
func tooManyConnections(err error) bool {
	var de *dialError
	return errors.As(err, &de) && ftpcore.ReplyCode(err) == 421
}

func siteOf(err error) string {
	var de *dialError
	if errors.As(err, &de) {
		return de.site
	}
	return ""
}

// retryable tells temporary failures (4xx, timeouts, dropped or reset
// connections, a short transfer) from permanent ones (5xx, local file
// problems, hostile names).
func retryable(err error) bool {
	if impossible, _ := ftpcore.FXPImpossible(err); impossible || errors.Is(err, errFXPDeclined) {
		return false // the same servers will refuse the same way
	}
	var re *ftpcore.ReplyError
	if errors.As(err, &re) {
		return re.Temporary()
	}
	switch {
	case errors.Is(err, ErrUnsafePath), errors.Is(err, ErrDiskFull),
		ftpcore.IsDiskFull(err), errors.Is(err, ftpcore.ErrASCIIResume),
		errors.Is(err, context.Canceled):
		return false
	case ftpcore.IsTemporary(err), errors.Is(err, ftpcore.ErrSizeMismatch),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, net.ErrClosed), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, context.DeadlineExceeded):
		return true
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return false // a local file problem: retrying will not help
	}
	var ne net.Error
	var oe *net.OpError
	var pre *ftpcore.ProtocolError
	return errors.As(err, &ne) || errors.As(err, &oe) || errors.As(err, &pre)
}

// jobMessage is the text shown for a failure: the server's own words for
// a reply, a plain sentence for a full disk (a download goes to a .part
// first, so no file was overwritten, whether one was there or not).
func jobMessage(err error) string {
	if ftpcore.IsDiskFull(err) || errors.Is(err, ErrDiskFull) {
		cause := strings.TrimPrefix(err.Error(), ErrDiskFull.Error()+": ")
		return ErrDiskFull.Error() + "; nothing was overwritten: " + cause
	}
	return err.Error()
}

// progress records a running job's bytes; called from the transfer.
func (q *Queue) progress(e *jobEntry, done, total int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	e.Done = done
	if total > 0 && e.Size <= 0 {
		e.Size = total
	}
	e.Speed = e.meter.add(time.Now(), done)
	e.ETA = 0
	if e.Speed > 0 && e.Size > done {
		e.ETA = time.Duration(float64(e.Size-done) / e.Speed * float64(time.Second))
	}
	q.events.touch(e.ID)
}

// speedMeter smooths a transfer's speed over samples a quarter second
// apart or more.
type speedMeter struct {
	at    time.Time
	bytes int64
	speed float64
}

func (m *speedMeter) add(now time.Time, done int64) float64 {
	if m.at.IsZero() || done < m.bytes {
		m.at, m.bytes = now, done
		return m.speed
	}
	dt := now.Sub(m.at).Seconds()
	if dt < 0.25 {
		return m.speed
	}
	inst := float64(done-m.bytes) / dt
	if m.speed == 0 {
		m.speed = inst
	} else {
		m.speed = 0.6*m.speed + 0.4*inst
	}
	m.at, m.bytes = now, done
	return m.speed
}
