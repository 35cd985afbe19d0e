package ui

import (
	"runtime/debug"
	"sync"
	"time"
)

// trimQuiet is how long the window must go without a new listing before
// the memory is trimmed: long enough for a burst of listings (both panes
// at start, a click through folders) to end in one trim.
const trimQuiet = 2 * time.Second

// afterFunc runs f on a goroutine of its own after d, unless the returned
// stop is called first (and reports true), as time.AfterFunc does.
type afterFunc func(d time.Duration, f func()) (stop func() bool)

// realAfter is time.AfterFunc as an afterFunc.
func realAfter(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, f).Stop
}

// memoryTrimmer hands the heap's free pages back to the system once the
// window has been quiet for trimQuiet after work that leaves much garbage
// behind: the start-up, where Fyne parses every glyph of its fonts, a
// listing shown and the rows a scroll draws anew. Without it that garbage stays resident until the
// collector runs again, which an idle window does only every two minutes,
// and the pages go back slowly after that. All its methods may be called
// from any goroutine.
type memoryTrimmer struct {
	after afterFunc
	free  func()           // debug.FreeOSMemory
	now   func() time.Time // time.Now

	mu        sync.Mutex
	stop      func() bool // stops the armed timer; nil when none is armed
	lastTouch time.Time   // of the last touch the armed timer has not waited for; zero: none
	gen       uint64      // counts the timers armed
	closed    bool
	wg        sync.WaitGroup // one for each timer armed and not yet done
}

// newMemoryTrimmer returns a trimmer that schedules with after (nil:
// time.AfterFunc).
func newMemoryTrimmer(after afterFunc) *memoryTrimmer {
	if after == nil {
		after = realAfter
	}
	return &memoryTrimmer{after: after, free: debug.FreeOSMemory, now: time.Now}
}

// soon trims the memory trimQuiet from now, unless soon is called again
// before then (the trim moves on) or the trimmer is closed. A nil
// trimmer does nothing.
func (t *memoryTrimmer) soon() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return
	}
	t.cancelLocked()
	t.lastTouch = time.Time{} // this wait covers the touches so far
	t.armLocked(trimQuiet)
}

// touch is soon for a stream of calls, such as each row a scrolled list
// draws anew (every new line of text leaves its rendering's garbage):
// the trim comes trimQuiet after the last touch, or after the last soon
// if that is later. While a trim is pending a touch only notes the time,
// so a scroll costs a lock and a clock reading a row, not a timer. A nil
// trimmer does nothing.
func (t *memoryTrimmer) touch() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return
	}
	t.lastTouch = t.now()
	if t.stop == nil {
		t.armLocked(trimQuiet)
	}
}

// armLocked arms a timer for a trim d from now.
func (t *memoryTrimmer) armLocked(d time.Duration) {
	t.gen++
	gen := t.gen
	t.wg.Add(1) // given back by run, or by cancelLocked when it stops run
	t.stop = t.after(d, func() { t.run(gen) })
}

// cancelLocked stops the armed timer, if any, before it fires.
func (t *memoryTrimmer) cancelLocked() {
	if t.stop != nil && t.stop() {
		t.wg.Done() // its run will never start
	}
	t.stop = nil
}

// run trims, unless the trimmer was closed meanwhile.
func (t *memoryTrimmer) run(gen uint64) {
	defer t.wg.Done()
	t.mu.Lock()
	closed := t.closed
	if gen == t.gen {
		t.stop = nil
		if !t.lastTouch.IsZero() && !closed {
			// Touched since it was armed: trimQuiet after the last touch.
			if wait := trimQuiet - t.now().Sub(t.lastTouch); wait > 0 {
				t.lastTouch = time.Time{} // the new wait covers it
				t.armLocked(wait)
				t.mu.Unlock()
				return
			}
		}
		t.lastTouch = time.Time{}
	}
	t.mu.Unlock()
	if !closed {
		t.free()
	}
}

// close cancels a pending trim and waits for one that is running. A nil
// trimmer does nothing.
func (t *memoryTrimmer) close() {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.closed = true
	t.cancelLocked()
	t.mu.Unlock()
	t.wg.Wait()
}
