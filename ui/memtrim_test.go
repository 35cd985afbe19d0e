package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// fakeTimers is an afterFunc whose timers fire when the test says so.
type fakeTimers struct {
	mu     sync.Mutex
	timers []*fakeTimer
}

type fakeTimer struct {
	d                time.Duration
	f                func()
	stopped, started bool
}

func (ft *fakeTimers) after(d time.Duration, f func()) func() bool {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	t := &fakeTimer{d: d, f: f}
	ft.timers = append(ft.timers, t)
	return func() bool {
		ft.mu.Lock()
		defer ft.mu.Unlock()
		if t.started || t.stopped {
			return false
		}
		t.stopped = true
		return true
	}
}

// fire runs timer i as its goroutine would, unless it was stopped.
func (ft *fakeTimers) fire(t *testing.T, i int) bool {
	t.Helper()
	ft.mu.Lock()
	if i >= len(ft.timers) {
		ft.mu.Unlock()
		t.Fatalf("timer %d was never armed (%d armed)", i, len(ft.timers))
	}
	tm := ft.timers[i]
	run := !tm.stopped && !tm.started
	tm.started = true
	ft.mu.Unlock()
	if run {
		tm.f()
	}
	return run
}

func (ft *fakeTimers) count() int {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	return len(ft.timers)
}

// newCountingTrimmer returns a trimmer on fake timers that counts trims.
func newCountingTrimmer() (*memoryTrimmer, *fakeTimers, *int) {
	ft := &fakeTimers{}
	tr := newMemoryTrimmer(ft.after)
	n := new(int)
	tr.free = func() { *n++ }
	return tr, ft, n
}

// TestMemoryTrimmerCoalesces checks that requests close together end in
// one trim, trimQuiet after the last one.
func TestMemoryTrimmerCoalesces(t *testing.T) {
	tr, ft, trims := newCountingTrimmer()
	tr.soon()
	tr.soon()
	tr.soon()
	if ft.count() != 3 {
		t.Fatalf("%d timers armed, want 3", ft.count())
	}
	for i := range 2 {
		if ft.fire(t, i) {
			t.Fatalf("timer %d fired although a later request replaced it", i)
		}
	}
	if !ft.fire(t, 2) {
		t.Fatal("the last timer was stopped")
	}
	if ft.timers[2].d != trimQuiet {
		t.Fatalf("trim after %v, want %v", ft.timers[2].d, trimQuiet)
	}
	if *trims != 1 {
		t.Fatalf("%d trims, want 1", *trims)
	}
	tr.close() // returns: no timer left counted
}

// TestMemoryTrimmerClose checks that close cancels a pending trim, that
// nothing is armed after it, and that nil trimmers are inert.
func TestMemoryTrimmerClose(t *testing.T) {
	tr, ft, trims := newCountingTrimmer()
	tr.soon()
	tr.close()
	if ft.fire(t, 0) {
		t.Fatal("the pending trim ran after close")
	}
	tr.soon()
	if ft.count() != 1 || *trims != 0 {
		t.Fatalf("after close: %d timers armed, %d trims; want 1 and 0", ft.count(), *trims)
	}
	var none *memoryTrimmer
	none.soon()
	none.close()
}

// TestMemoryTrimmerCloseWaits checks that close waits for a trim that
// is running, so that nothing of the window outlives its shutdown.
func TestMemoryTrimmerCloseWaits(t *testing.T) {
	ft := &fakeTimers{}
	tr := newMemoryTrimmer(ft.after)
	started, release := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	finished := false
	tr.free = func() {
		close(started)
		<-release
		mu.Lock()
		finished = true
		mu.Unlock()
	}
	tr.soon()
	if ft.count() != 1 {
		t.Fatalf("%d timers armed, want 1", ft.count())
	}
	go ft.timers[0].f() // as the timer's goroutine runs it
	<-started
	closed := make(chan bool)
	go func() {
		tr.close()
		mu.Lock()
		closed <- finished
		mu.Unlock()
	}()
	close(release)
	if !<-closed {
		t.Fatal("close returned before the running trim finished")
	}
}

// TestWindowTrimsAfterListings checks the window's requests: one at
// start-up and one for each listing shown.
func TestWindowTrimsAfterListings(t *testing.T) {
	ft := &fakeTimers{}
	h := newHarnessWithOptions(t, windowOptions{ConfigDir: t.TempDir(), LocalDir: t.TempDir(), TrimAfter: ft.after})
	// Start-up, then the two local panes' first listings.
	if n := ft.count(); n != 3 {
		t.Fatalf("%d trims requested after start, want 3", n)
	}
	h.mw.panes[0].load(h.mw.panes[0].dir, true, "")
	h.waitFor("listing shown again", func() bool { return ft.count() == 4 })
}

// TestMemoryTrimmerTouch checks that a stream of touches arms one timer,
// that the trim comes trimQuiet after the last touch (or the last soon),
// and that touch arms afresh once a trim is done.
func TestMemoryTrimmerTouch(t *testing.T) {
	tr, ft, trims := newCountingTrimmer()
	clock := time.Unix(1000, 0)
	tr.now = func() time.Time { return clock }
	for range 100 {
		tr.touch()
		clock = clock.Add(10 * time.Millisecond) // a second of scrolling
	}
	if ft.count() != 1 || ft.timers[0].d != trimQuiet {
		t.Fatalf("100 touches armed %d timers (first for %v), want 1 for %v", ft.count(), ft.timers[0].d, trimQuiet)
	}
	clock = clock.Add(trimQuiet - time.Second) // the first timer's time
	if !ft.fire(t, 0) {
		t.Fatal("the first timer was stopped")
	}
	if *trims != 0 || ft.count() != 2 {
		t.Fatalf("touched while pending: %d trims and %d timers, want 0 and a second timer", *trims, ft.count())
	}
	if want := time.Second - 10*time.Millisecond; ft.timers[1].d != want {
		t.Fatalf("second wait %v, want %v (trimQuiet after the last touch)", ft.timers[1].d, want)
	}
	clock = clock.Add(ft.timers[1].d)
	if !ft.fire(t, 1) || *trims != 1 {
		t.Fatalf("quiet after the touches: %d trims, want 1", *trims)
	}

	// A soon right after a touch covers it: one trim, trimQuiet later.
	tr.touch()
	tr.soon()
	if ft.count() != 4 {
		t.Fatalf("touch then soon armed %d timers in all, want 4", ft.count())
	}
	if ft.fire(t, 2) {
		t.Fatal("the touch's timer fired although soon replaced it")
	}
	clock = clock.Add(trimQuiet)
	if !ft.fire(t, 3) || *trims != 2 {
		t.Fatalf("%d trims, want 2", *trims)
	}

	// A touch just after a soon delays its trim by that much only.
	tr.soon()
	clock = clock.Add(5 * time.Millisecond)
	tr.touch()
	clock = clock.Add(trimQuiet - 5*time.Millisecond)
	if !ft.fire(t, 4) || ft.count() != 6 || ft.timers[5].d != 5*time.Millisecond {
		t.Fatalf("a touch 5 ms after soon: %d timers, want a 6th of 5ms", ft.count())
	}
	tr.close()
	if ft.fire(t, 5) || *trims != 2 {
		t.Fatalf("a trim ran after close: %d trims", *trims)
	}
}

// TestWindowTrimsAfterScrolling checks that scrolling a long listing
// asks for a trim: the text of each row drawn anew leaves garbage behind.
func TestWindowTrimsAfterScrolling(t *testing.T) {
	ft := &fakeTimers{}
	dir := t.TempDir()
	for i := range 300 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("file-%03d.txt", i)), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarnessWithOptions(t, windowOptions{ConfigDir: t.TempDir(), LocalDir: dir, TrimAfter: ft.after})
	p := h.mw.panes[0]
	h.waitFor("the listing shown", func() bool { return len(p.model.rows) >= 300 })
	h.waitFor("the start-up trims armed", func() bool { return ft.count() >= 3 })
	// Fire every timer, and those re-armed by the first rows drawn, until
	// none is pending.
	for i := 0; i < ft.count(); i++ {
		ft.fire(t, i)
	}
	armed := ft.count()
	p.list.table.ScrollToBottom()
	h.win.Canvas().Capture() // draws the rows scrolled to
	h.waitFor("a trim asked for by the rows drawn anew", func() bool { return ft.count() > armed })
	if n := ft.count() - armed; n != 1 {
		t.Fatalf("scrolling to the bottom armed %d timers, want 1", n)
	}
	if c := h.cellAt(p, 299, colName); c == nil {
		t.Fatal("the last row is not drawn after scrolling to the bottom")
	}
}
