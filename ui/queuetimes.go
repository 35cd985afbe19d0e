package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore/queue"
)

// jobBytes writes how much of a job has moved, "1.2 MiB / 5.0 MiB", as
// FileZilla's queue does; a finished or untouched job shows its size alone.
func jobBytes(j queue.Job) string {
	if j.IsDir || j.Size < 0 {
		if j.Done > 0 {
			return humanSize(j.Done)
		}
		return humanSize(j.Size)
	}
	if j.State == queue.JobDone || (j.Done == 0 && j.State != queue.JobActive) {
		return humanSize(j.Size)
	}
	return humanSize(j.Done) + " / " + humanSize(j.Size)
}

// jobTimes writes a row's clock: for a running job the time spent and
// the time left; for a finished one when it ended and how long it took,
// which the Successful and Failed tabs keep. now is the caller's clock.
func jobTimes(j queue.Job, now time.Time) string {
	switch {
	case j.State == queue.JobActive && !j.Started.IsZero():
		spent := shortDuration(max(now.Sub(j.Started), 0))
		if j.ETA > 0 {
			return lang.X("queuetimes.running", "{{.E}} spent, {{.T}} left",
				map[string]any{"E": spent, "T": shortDuration(j.ETA)})
		}
		return lang.X("queuetimes.spent", "{{.E}} spent", map[string]any{"E": spent})
	case j.State.Finished() && !j.Finished.IsZero():
		when := clockTime(j.Finished, now)
		if j.State == queue.JobSkipped || j.Started.IsZero() || j.Finished.Before(j.Started) {
			// Failed before it ran (a folder loop, a hostile name), or
			// skipped: nothing was copied, so nothing took any time.
			return lang.X("queuetimes.at", "at {{.W}}", map[string]any{"W": when})
		}
		return lang.X("queuetimes.took", "at {{.W}}, took {{.E}}",
			map[string]any{"W": when, "E": shortDuration(j.Finished.Sub(j.Started))})
	}
	return ""
}

// clockTime writes t as a time of day, with the date when it is not
// today (a restored queue keeps yesterday's failures).
func clockTime(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	if y, m, d := t.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return t.Format("15:04:05")
	}
	return t.Format("2006-01-02 15:04")
}
