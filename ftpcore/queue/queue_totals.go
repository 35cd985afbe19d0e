package queue

import "time"

// Totals sums the queue up.
func (q *Queue) Totals() Totals {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.totals()
}

// totals counts the jobs by state and adds up their sizes; q.mu must be
// held.
func (q *Queue) totals() Totals {
	var t Totals
	for _, e := range q.jobs {
		switch e.State {
		case JobQueued:
			t.Queued++
		case JobActive:
			t.Active++
			t.Speed += e.Speed
		case JobPaused:
			t.Paused++
		case JobWaiting:
			t.Waiting++
		case JobDone:
			t.Done++
		case JobFailed:
			t.Failed++
		case JobSkipped:
			t.Skipped++
		}
		if e.IsDir || e.State == JobFailed || e.State == JobSkipped {
			continue
		}
		if e.Size > 0 {
			t.Bytes += e.Size
		}
		t.BytesDone += e.Done
	}
	if t.Speed > 0 && t.Bytes > t.BytesDone {
		t.ETA = time.Duration(float64(t.Bytes-t.BytesDone) / t.Speed * float64(time.Second))
	}
	return t
}

// hasWorkLocked reports whether a job is queued or running. q.mu is held.
func (q *Queue) hasWorkLocked() bool {
	for _, e := range q.jobs {
		if e.State == JobQueued || e.State == JobActive {
			return true
		}
	}
	return false
}
