package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"ferry/ftpcore/queue"
)

func TestJobBytesAndTimes(t *testing.T) {
	now := time.Date(2026, 5, 6, 10, 0, 0, 0, time.Local)
	started := now.Add(-75 * time.Second)
	tests := []struct {
		name        string
		job         queue.Job
		bytes, time string
	}{
		{"queued", queue.Job{State: queue.JobQueued, Size: 2048}, "2.0 KiB", ""},
		{"running", queue.Job{State: queue.JobActive, Size: 4 << 20, Done: 1 << 20, Started: started, ETA: 3 * time.Minute},
			"1.0 MiB / 4.0 MiB", "1:15 spent, 3:00 left"},
		{"running, no estimate", queue.Job{State: queue.JobActive, Size: 4 << 20, Started: started},
			"0 B / 4.0 MiB", "1:15 spent"},
		{"paused half way", queue.Job{State: queue.JobPaused, Size: 4 << 20, Done: 2 << 20}, "2.0 MiB / 4.0 MiB", ""},
		{"done today", queue.Job{State: queue.JobDone, Size: 4 << 20, Done: 4 << 20, Started: started, Finished: now.Add(-5 * time.Second)},
			"4.0 MiB", "at 09:59:55, took 1:10"},
		{"failed yesterday", queue.Job{State: queue.JobFailed, Size: 10, Done: 3, Started: started.Add(-24 * time.Hour), Finished: now.Add(-24*time.Hour + time.Hour)},
			"3 B / 10 B", "at 2026-05-05 11:00, took 1:01:15"},
		{"skipped", queue.Job{State: queue.JobSkipped, Size: 6, Started: started, Finished: now.Add(-5 * time.Second)}, "6 B", "at 09:59:55"},
		{"failed before it ran", queue.Job{State: queue.JobFailed, IsDir: true, Size: -1, Finished: now}, humanSize(-1), "at 10:00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jobBytes(tt.job); got != tt.bytes {
				t.Errorf("bytes %q, want %q", got, tt.bytes)
			}
			if got := jobTimes(tt.job, now); got != tt.time {
				t.Errorf("times %q, want %q", got, tt.time)
			}
		})
	}
}

// TestQueueTabsKeepWhenAndWhy restores a queue with a finished and a
// failed transfer from an earlier run: their rows in the Successful and
// Failed tabs say when each ended, how long it took and, for the
// failure, why.
func TestQueueTabsKeepWhenAndWhy(t *testing.T) {
	cfgDir, localDir := t.TempDir(), t.TempDir()
	start := time.Now().Add(-time.Hour).Truncate(time.Second)
	end := start.Add(42 * time.Second)
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	saved := fmt.Sprintf(`{"version": 1, "next_id": 3, "jobs": [
		{"id": 1, "kind": "download", "src_site": "s", "src": "/a.bin", "dst": %q, "root": %q, "size": 100, "done": 100,
		 "type": "auto", "overwrite": "default", "state": "done", "added": %q, "started": %q, "finished": %q},
		{"id": 2, "kind": "download", "src_site": "s", "src": "/b.bin", "dst": %q, "root": %q, "size": 100, "done": 40,
		 "type": "auto", "overwrite": "default", "state": "failed", "error": "550 b.bin: Permission denied",
		 "added": %q, "started": %q, "finished": %q}]}`,
		filepath.Join(localDir, "a.bin"), localDir, stamp(start), stamp(start), stamp(end),
		filepath.Join(localDir, "b.bin"), localDir, stamp(start), stamp(start), stamp(end))
	if err := os.WriteFile(filepath.Join(cfgDir, "queue.json"), []byte(saved), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWithConfig(t, localDir, cfgDir)
	qp := h.mw.qpanel
	h.waitFor("the restored jobs in their tabs", func() bool {
		qp.tick()
		return len(qp.tabs[tabDone]) == 1 && len(qp.tabs[tabFailed]) == 1
	})
	when := end.Local().Format("15:04:05")
	if end.Local().YearDay() != time.Now().YearDay() {
		when = end.Local().Format("2006-01-02 15:04")
	}
	for _, c := range []struct {
		tab          int
		id           int64
		bytes, times string
		rate         string
	}{
		{tabDone, 1, "100 B", "at " + when + ", took 0:42", "done"},
		{tabFailed, 2, "40 B / 100 B", "at " + when + ", took 0:42", "40% · 550 b.bin: Permission denied"},
	} {
		qp.tabc.SelectIndex(c.tab)
		qp.lists[c.tab].Refresh()
		var row *queueRow
		walk(qp.lists[c.tab], func(o fyne.CanvasObject) {
			if r, ok := o.(*queueRow); ok && r.job.ID == c.id {
				row = r
			}
		})
		if row == nil {
			t.Fatalf("job %d has no row in tab %d", c.id, c.tab)
		}
		if row.size.Text != c.bytes || row.times.Text != c.times || row.rate.Text != c.rate {
			t.Errorf("job %d row: %q | %q | %q; want %q | %q | %q", c.id,
				row.size.Text, row.times.Text, row.rate.Text, c.bytes, c.times, c.rate)
		}
	}
}
