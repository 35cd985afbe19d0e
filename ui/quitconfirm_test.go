package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// TestQuitAsksWhileTransferring: closing the window while a transfer
// runs asks first; Escape keeps the window and the transfer going, Enter
// quits. With nothing running, it closes at once.
func TestQuitAsksWhileTransferring(t *testing.T) {
	h, running := startSlowDownload(t)

	h.mw.close()
	h.waitFor("the question", func() bool { return strings.Contains(h.overlayText(), "1 transfer is running") })
	h.typeKey(fyne.KeyEscape)
	h.runTasks()
	if h.mw.hasEnded() || h.overlayText() != "" || !running() {
		t.Fatalf("after Escape: ended %v, on screen %q, running %v", h.mw.hasEnded(), h.overlayText(), running())
	}

	h.mw.close()
	h.waitFor("the question again", func() bool { return strings.Contains(h.overlayText(), "Quit anyway?") })
	h.typeKey(fyne.KeyReturn)
	h.waitFor("quit", func() bool { return h.mw.hasEnded() })

	idle := newHarness(t, localTree(t))
	idle.mw.close()
	if !idle.mw.hasEnded() {
		t.Error("with nothing running, the window did not close at once")
	}
}
