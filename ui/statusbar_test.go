package ui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore/queue"
)

// TestPauseButtonFollowsQueue pauses and resumes the queue in each way
// the window offers, the queue's context menu first: the status bar's
// button shows Play (resume) while the queue is paused and Pause while it
// runs, at once, with no transfer whose change would tell the window.
func TestPauseButtonFollowsQueue(t *testing.T) {
	h := newHarness(t, t.TempDir())
	sb, q := h.mw.status, h.mw.queue
	// A mark in place of the image the button's icon drew: a redraw of the
	// icon replaces it. The window shows an image as last drawn, whatever
	// the button's Icon says.
	r := test.WidgetRenderer(sb.pause).(*flatButtonRenderer)
	mark := image.NewRGBA(image.Rect(0, 0, 1, 1))
	check := func(how string, paused bool) {
		t.Helper()
		if q.Paused() != paused {
			t.Fatalf("%s: queue paused %v, want %v", how, q.Paused(), paused)
		}
		want := theme.MediaPauseIcon().Name()
		if paused {
			want = theme.MediaPlayIcon().Name()
		}
		if got := sb.pause.Icon.Name(); got != want {
			t.Fatalf("%s: the status bar's button has %s, want %s", how, got, want)
		}
		if r.icon.Resource.Name() != want || r.icon.Image == mark {
			t.Fatalf("%s: the status bar's button still draws its old icon", how)
		}
		r.icon.Image = mark
	}
	r.icon.Image = nil
	check("at start", false)
	jobMenuItem(t, h.mw.qpanel.menu(queue.Job{}), "Pause queue").Action()
	check("Pause queue in the queue's menu", true)
	jobMenuItem(t, h.mw.qpanel.menu(queue.Job{}), "Resume queue").Action()
	check("Resume queue in the queue's menu", false)
	test.Tap(sb.pause)
	check("the button", true)
	h.menuAction("Transfer", "Pause or resume the queue").Action()
	check("the Transfer menu", false)

	// A pause from elsewhere (the queue's own API) shows with the next
	// news from the queue.
	q.Pause()
	h.mw.qpanel.reload()
	check("a pause the window did not make", true)
}
