package ui

import (
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
