package ui

import (
	"errors"
	"sync"

	"ferry/ftpcore/profile"
)

// siteSaver writes a site list off the UI goroutine, as writing syncs the
// file to the disk. Changes are made to the store in memory at once, so
// the window shows them; one goroutine at a time then writes the list as
// it is, so writes land in order and several changes made during one
// write go out together in the next. When a write fails, the store goes
// back to what the file holds (SiteStore.Revert) before any other change
// can slip in, and failed reports it on the UI goroutine, so that what
// the user sees never differs silently from the disk.
//
// change, flush and the callbacks belong to the UI goroutine; wait may be
// called from any goroutine.
type siteSaver struct {
	store *profile.SiteStore
	do    func(func()) // runs a function on the UI goroutine
	// failed runs on the UI goroutine after a write failed and the store
	// was reverted; err is the write's error.
	failed func(err error)

	mu      sync.Mutex
	idle    sync.Cond     // signalled when a writer goroutine ends
	want    bool          // a change waits to be written
	running bool          // a writer takes new changes
	writers int           // writer goroutines not yet ended
	afters  []func()      // to run once the changes they follow are written
	flushes []func(error) // to run once everything asked so far is written
}

func newSiteSaver(store *profile.SiteStore, do func(func()), failed func(error)) *siteSaver {
	sv := &siteSaver{store: store, do: do, failed: failed}
	sv.idle.L = &sv.mu
	return sv
}

// change applies edit to the store (in memory: edit must do no I/O) and
// has the result written in the background. after, when not nil, runs on
// the UI goroutine once the change is on disk; it never runs when the
// write fails. The edit's own error is returned and nothing is written.
func (sv *siteSaver) change(edit func() error, after func()) error {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	// Holding mu keeps edit from falling between a failed write and the
	// revert that follows it, where it would vanish unannounced.
	if err := edit(); err != nil {
		return err
	}
	sv.want = true
	if after != nil {
		sv.afters = append(sv.afters, after)
	}
	if !sv.running {
		sv.running = true
		sv.writers++
		go sv.run()
	}
	return nil
}

// flush calls done on the UI goroutine once every change made so far is
// on disk (nil), or with the error of the write that failed. With nothing
// to write, done runs at once.
func (sv *siteSaver) flush(done func(error)) {
	sv.mu.Lock()
	if !sv.running {
		sv.mu.Unlock()
		done(nil)
		return
	}
	sv.flushes = append(sv.flushes, done)
	sv.mu.Unlock()
}

// wait blocks until nothing is left to write and every report of the
// writes is handed to do.
func (sv *siteSaver) wait() {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	for sv.writers > 0 {
		sv.idle.Wait()
	}
}

// run writes until no change is left, then reports to those waiting.
func (sv *siteSaver) run() {
	defer func() {
		sv.mu.Lock()
		sv.writers--
		sv.idle.Broadcast()
		sv.mu.Unlock()
	}()
	for {
		sv.mu.Lock()
		if !sv.want {
			sv.running = false
			flushes := sv.flushes
			sv.flushes = nil
			sv.mu.Unlock()
			if len(flushes) > 0 {
				sv.do(func() { callAll(flushes, nil) })
			}
			return
		}
		sv.want = false
		afters := sv.afters
		sv.afters = nil
		sv.mu.Unlock()

		err := sv.store.Save()
		if err == nil {
			if len(afters) > 0 {
				sv.do(func() {
					for _, f := range afters {
						f()
					}
				})
			}
			continue
		}
		sv.mu.Lock()
		// Changes made since this write began are undone with it: their
		// afters must not run, and there is nothing left to write.
		if rerr := sv.store.Revert(); rerr != nil {
			err = errors.Join(err, rerr)
		}
		sv.want = false
		sv.afters = nil
		flushes := sv.flushes
		sv.flushes = nil
		sv.mu.Unlock()
		sv.do(func() {
			sv.failed(err)
			callAll(flushes, err)
		})
	}
}

func callAll(fs []func(error), err error) {
	for _, f := range fs {
		f(err)
	}
}
