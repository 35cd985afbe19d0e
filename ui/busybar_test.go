package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestBusyBarSteps: the segment moves one place a step across the bar
// and starts again from the left after the last place.
func TestBusyBarSteps(t *testing.T) {
	test.NewTempApp(t)
	b := newBusyBar(context.Background(), func(f func()) { f() })
	w := test.NewWindow(b)
	defer w.Close()
	b.Resize(fyne.NewSize(140, 20))
	r := test.WidgetRenderer(b).(*busyBarRenderer)
	width := float32(140) / 3
	step := (140 - width) / (busyPositions - 1)
	for i := 0; i <= busyPositions; i++ {
		want := step * float32(i%busyPositions)
		if got := r.segment.Position().X; got != want {
			t.Fatalf("after %d steps the segment is at x=%v, want %v", i, got, want)
		}
		if got := r.segment.Size(); got.Width != width || got.Height != 20 {
			t.Fatalf("segment %v, want %vx20", got, width)
		}
		b.advance()
	}
	if r.track.Size() != b.Size() {
		t.Errorf("track %v, bar %v", r.track.Size(), b.Size())
	}
}

// TestBusyBarMovesUntilStopped: a started bar moves by itself, on the UI
// goroutine given to it, until Stop; its ticker ends then, and a second
// Start while it runs starts no other.
func TestBusyBarMovesUntilStopped(t *testing.T) {
	test.NewTempApp(t)
	tasks := make(chan func(), 1)
	b := newBusyBar(context.Background(), func(f func()) { tasks <- f })
	w := test.NewWindow(b)
	defer w.Close()
	b.Start()
	stopped := b.stopped
	b.Start()
	if b.stopped != stopped || !b.Running() {
		t.Fatal("a second Start started another ticker")
	}
	for b.pos < 2 {
		(<-tasks)()
	}
	b.Stop()
	if b.Running() {
		t.Error("Running after Stop")
	}
	for done := false; !done; {
		select {
		case <-stopped:
			done = true
		case f := <-tasks:
			f() // a step sent before Stop is dropped
		}
	}
	if b.pos != 2 {
		t.Errorf("the bar moved after Stop: at %d, want 2", b.pos)
	}
	// The bar stays where it stopped and goes on from there.
	b.Start()
	defer b.Stop()
	(<-tasks)()
	if b.pos != 3 {
		t.Errorf("after a new start and one step at %d, want 3", b.pos)
	}
}

// TestBusyBarsStopAtShutdown: a pane busy when the window ends stops its
// bar, whose ticker would otherwise go on calling into the ended loop,
// and no step of it reaches the UI goroutine after the end.
func TestBusyBarsStopAtShutdown(t *testing.T) {
	h := newHarness(t, t.TempDir())
	p := h.mw.panes[1]
	p.setBusy(true)
	if !p.busy.Running() {
		t.Fatal("the busy pane's bar does not move")
	}
	stopped := p.busy.stopped
	h.mw.shutdown()
	h.runTasks() // steps sent before the end
	h.waitClosed("the bar's ticker", stopped)
	if n := h.queued(); n != 0 {
		t.Errorf("%d calls for the UI goroutine after the window ended, want none", n)
	}
}
