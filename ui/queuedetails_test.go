package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/ftptest"
)

// TestQueueJobDetails: a failed transfer's row has room for the start of
// its reason only; a double click on the row, or Details… in its menu,
// shows the whole of it, with where from and to, in a dialog that Escape
// closes and whose Copy puts it all on the clipboard.
func TestQueueJobDetails(t *testing.T) {
	const reason = "550 Permission denied: /readme.txt is locked by the nightly backup job until 04:00, ask the administrator"
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"RETR": reason}}))
	h := newHarness(t, localTree(t))
	right := h.connect(srv, "ferry", "s3cret", 1)
	right.model.click(right.model.rowOf("readme.txt"), false, false)
	h.mw.transfer(right, right.model.selection())
	qp := h.mw.qpanel
	h.waitFor("the job failed", func() bool { return len(qp.tabs[tabFailed]) == 1 })
	job := qp.jobs[qp.tabs[tabFailed][0]]
	if !strings.Contains(job.Err, "nightly backup job until 04:00, ask the administrator") {
		t.Fatalf("the job's error %q lacks the server's reason", job.Err)
	}

	row := newQueueRow(qp)
	row.set(job)
	row.DoubleTapped(&fyne.PointEvent{})
	h.waitFor("the details", func() bool { return strings.Contains(h.overlayText(), "ask the administrator") })
	text := h.overlayText()
	for _, want := range []string{"Transfer details", "/readme.txt", h.mw.panes[0].dir, "failed", "Reason"} {
		if !strings.Contains(text, want) {
			t.Errorf("the details lack %q:\n%s", want, text)
		}
	}
	test.Tap(h.overlayButton("Copy"))
	if clip := h.app.Clipboard().Content(); !strings.Contains(clip, "Reason: ") || !strings.Contains(clip, "ask the administrator") {
		t.Errorf("the clipboard holds %q", clip)
	}
	h.typeKey(fyne.KeyEscape)
	if h.overlayText() != "" {
		t.Fatalf("Escape left %q on screen", h.overlayText())
	}

	jobMenuItem(t, qp.menu(job), "Details…").Action()
	h.waitFor("the details again", func() bool { return strings.Contains(h.overlayText(), "ask the administrator") })
}

// jobMenuItem returns the item labelled label of a job's menu.
func jobMenuItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("the job's menu has no %q", label)
	return nil
}
