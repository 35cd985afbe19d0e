package ui

import (
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/listing"
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

// TestQueueListKeys: in a queue tab that has the focus, Enter shows the
// details of the job under the cursor and Delete removes it; Down moves
// on to the next.
func TestQueueListKeys(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"RETR": "550 Not today."}}))
	for _, n := range []string{"one.txt", "two.txt", "three.txt"} {
		if err := srv.FS().WriteFile("/pub/"+n, []byte(n), time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, localTree(t))
	right := h.connect(srv, "ferry", "s3cret", 1)
	right.navigate("/pub")
	h.waitFor("/pub listed", func() bool { return right.dir == "/pub" && right.busy.Hidden })
	var files []listing.Entry
	for _, e := range right.model.entries {
		if slices.Contains([]string{"one.txt", "two.txt", "three.txt"}, e.Name) {
			files = append(files, e)
		}
	}
	h.mw.transfer(right, files)
	qp := h.mw.qpanel
	h.waitFor("three failures", func() bool { return len(qp.tabs[tabFailed]) == 3 })
	name := func(row int) string { return path.Base(qp.jobs[qp.tabs[tabFailed][row]].Src.Path) }
	first, second := name(0), name(1)

	test.Tap(qp.tabc.tabs[tabFailed])
	l := qp.lists[tabFailed]
	h.win.Canvas().Focus(l)
	h.typeKey(fyne.KeyReturn)
	h.waitFor("the details", func() bool { return strings.Contains(h.overlayText(), "Not today") })
	if !strings.Contains(h.overlayText(), first) {
		t.Errorf("Enter showed %q, want the first job, %s", h.overlayText(), first)
	}
	h.typeKey(fyne.KeyEscape)
	h.win.Canvas().Focus(l)

	h.typeKey(fyne.KeyDelete)
	h.waitFor("the first job removed", func() bool { qp.tick(); return len(qp.tabs[tabFailed]) == 2 })
	if name(0) != second {
		t.Errorf("Delete removed another job: %s is first now, want %s", name(0), second)
	}
	h.typeKey(fyne.KeyDown)
	h.typeKey(fyne.KeyReturn)
	h.waitFor("the details of the last", func() bool { return strings.Contains(h.overlayText(), "Not today") })
	if last := name(1); !strings.Contains(h.overlayText(), last) {
		t.Errorf("Down then Enter showed %q, want %s", h.overlayText(), last)
	}
}
