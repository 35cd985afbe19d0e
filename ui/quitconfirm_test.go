package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/queue"
)

// TestQuitAsksWhileTransferring: closing the window while a transfer
// runs asks first; Escape keeps the window and the transfer going, Enter
// quits. With nothing running, it closes at once.
func TestQuitAsksWhileTransferring(t *testing.T) {
	srv := newServer(t)
	if err := srv.FS().WriteFile("/huge.bin", bytes.Repeat([]byte("z"), 4<<20), time.Time{}); err != nil {
		t.Fatal(err)
	}
	srv.SetFault(ftptest.Fault{DataRate: 64 << 10})
	h := newHarness(t, localTree(t))
	right := h.connect(srv, "ferry", "s3cret", 1)
	right.model.click(right.model.rowOf("huge.bin"), false, false)
	h.mw.transfer(right, right.model.selection())
	qp := h.mw.qpanel
	running := func() bool {
		ids := qp.tabs[tabQueued]
		return len(ids) == 1 && qp.jobs[ids[0]].State == queue.JobActive && qp.jobs[ids[0]].Done > 0
	}
	h.waitFor("the transfer running", running)

	h.mw.close()
	h.waitFor("the question", func() bool { return strings.Contains(h.overlayText(), "1 transfer is running") })
	h.typeKey(fyne.KeyEscape)
	h.runTasks()
	if h.mw.ended || h.overlayText() != "" || !running() {
		t.Fatalf("after Escape: ended %v, on screen %q, running %v", h.mw.ended, h.overlayText(), running())
	}

	h.mw.close()
	h.waitFor("the question again", func() bool { return strings.Contains(h.overlayText(), "Quit anyway?") })
	h.typeKey(fyne.KeyReturn)
	h.waitFor("quit", func() bool { return h.mw.ended })

	idle := newHarness(t, localTree(t))
	idle.mw.close()
	if !idle.mw.ended {
		t.Error("with nothing running, the window did not close at once")
	}
}
