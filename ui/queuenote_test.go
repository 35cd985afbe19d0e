package ui

import (
	"strings"
	"testing"

	"ferry/ftpcore/queue"
)

// A queue row shows what the queue did on its own with the job: a name
// mapped for Windows, a stale .part restarted.
func TestQueueRowShowsNote(t *testing.T) {
	note := `saved as "a：b": Windows cannot store the name "a:b"`
	for _, st := range []queue.JobState{queue.JobDone, queue.JobActive, queue.JobQueued} {
		if got := jobRate(queue.Job{State: st, Note: note}); !strings.Contains(got, note) {
			t.Errorf("state %v: row text %q lacks the note", st, got)
		}
	}
	if got := jobRate(queue.Job{State: queue.JobFailed, Err: "550 no", Note: note}); got != "550 no" {
		t.Errorf("failed row %q: the error comes alone", got)
	}
}
