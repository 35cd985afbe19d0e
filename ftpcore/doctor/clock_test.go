package doctor

import (
	"sync"
	"time"
)

// eventClock is a Clock whose time-outs run out only when the test says
// so (fire), never on the wall clock. A fire with no wait armed is kept
// for the next wait: the server's event may come before the client
// starts waiting.
type eventClock struct {
	mu      sync.Mutex
	pending map[int]func()
	next    int
	shots   int
	fired   int
}

func newEventClock() *eventClock { return &eventClock{pending: map[int]func(){}} }

func (c *eventClock) AfterFunc(_ time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shots > 0 {
		c.shots--
		c.fired++
		go f()
		return func() bool { return false }
	}
	id := c.next
	c.next++
	c.pending[id] = f
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		_, ok := c.pending[id]
		delete(c.pending, id)
		return ok
	}
}

// fire runs out the time-out of the wait in progress, or of the next one.
func (c *eventClock) fire() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.pending) == 0 {
		c.shots++
		return
	}
	for id, f := range c.pending {
		delete(c.pending, id)
		c.fired++
		go f()
	}
}

func (c *eventClock) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fired
}
