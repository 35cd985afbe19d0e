package queue

import (
	"context"
	"sync"
	"time"
)

// eventHub coalesces job changes into QueueEvents: the first change after
// a quiet spell is sent at once, later ones at most every interval, so that
// thousands of small files make a few events a second, not thousands. It
// has its own lock so that the queue can record changes while holding
// q.mu; it takes q.mu only to build an event, never the other way round.
type eventHub struct {
	q        *Queue
	onEvent  func(Event)
	interval time.Duration
	signal   chan struct{} // capacity 1
	settled  chan struct{} // capacity 1: the queue just ran out of work

	mu        sync.Mutex
	changed   map[int64]struct{}
	removed   []int64
	reordered bool
	emitMu    sync.Mutex // one OnEvent call at a time, in order
}

func newEventHub(q *Queue, onEvent func(Event), interval time.Duration) *eventHub {
	return &eventHub{q: q, onEvent: onEvent, interval: interval,
		signal: make(chan struct{}, 1), settled: make(chan struct{}, 1), changed: map[int64]struct{}{}}
}

func (h *eventHub) poke() {
	select {
	case h.signal <- struct{}{}:
	default:
	}
}

// touch records that a job changed.
func (h *eventHub) touch(id int64) {
	if h.onEvent == nil {
		return
	}
	h.mu.Lock()
	h.changed[id] = struct{}{}
	h.mu.Unlock()
	h.poke()
}

// remove records that a job left the queue.
func (h *eventHub) remove(id int64) {
	if h.onEvent == nil {
		return
	}
	h.mu.Lock()
	delete(h.changed, id)
	h.removed = append(h.removed, id)
	h.mu.Unlock()
	h.poke()
}

// settle asks for the pending changes to go out now rather than after the
// interval: the queue has nothing left to run, and whoever waits for that
// (ferry-cli, the UI's totals) should not wait for the next tick.
func (h *eventHub) settle() {
	if h.onEvent == nil {
		return
	}
	select {
	case h.settled <- struct{}{}:
	default:
	}
}

// reorder records that jobs moved.
func (h *eventHub) reorder() {
	if h.onEvent == nil {
		return
	}
	h.mu.Lock()
	h.reordered = true
	h.mu.Unlock()
	h.poke()
}

// run sends events until ctx ends.
func (h *eventHub) run(ctx context.Context) {
	if h.onEvent == nil {
		return
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.signal:
		}
		h.flush()
		t := time.NewTimer(h.interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		case <-h.settled:
			t.Stop()
			h.poke()
		}
	}
}

// flush sends what has changed, if anything.
func (h *eventHub) flush() {
	if h.onEvent == nil {
		return
	}
	h.emitMu.Lock()
	defer h.emitMu.Unlock()
	h.mu.Lock()
	changed, removed, reordered := h.changed, h.removed, h.reordered
	h.changed, h.removed, h.reordered = map[int64]struct{}{}, nil, false
	h.mu.Unlock()
	if len(changed) == 0 && len(removed) == 0 && !reordered {
		return
	}
	ev := Event{Removed: removed, Reordered: reordered}
	h.q.mu.Lock()
	for _, e := range h.q.jobs {
		if _, ok := changed[e.ID]; ok {
			ev.Jobs = append(ev.Jobs, e.snapshot())
		}
	}
	ev.Totals = h.q.totals()
	h.q.mu.Unlock()
	h.onEvent(ev)
}
