package queue

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// queueRig is a queue wired to ftptest servers, one per site key.
type queueRig struct {
	t       *testing.T
	servers map[string]*ftptest.Server
	q       *Queue
	mu      sync.Mutex
	events  []Event
}

// newRig opens a queue for the given sites; opt's Resolve, OnEvent and
// RetryDelay are filled in when empty. The queue is closed at cleanup.
func newRig(t *testing.T, servers map[string]*ftptest.Server, opt Options) *queueRig {
	t.Helper()
	r := &queueRig{t: t, servers: servers}
	if opt.Resolve == nil {
		opt.Resolve = func(ctx context.Context, site string) (ftpcore.Config, error) {
			srv := servers[site]
			if srv == nil {
				return ftpcore.Config{}, fmt.Errorf("no site %q", site)
			}
			return ftpcore.Config{Addr: srv.Addr(), User: testkit.User, Password: testkit.Password, ReplyTimeout: 10 * time.Second}, nil
		}
	}
	if opt.RetryDelay == 0 {
		opt.RetryDelay = 10 * time.Millisecond
	}
	if opt.OnEvent == nil {
		opt.OnEvent = func(ev Event) {
			r.mu.Lock()
			r.events = append(r.events, ev)
			r.mu.Unlock()
		}
	}
	opt.EventInterval = 20 * time.Millisecond
	q, err := New(opt)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	r.q = q
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Close(ctx); err != nil && err != ErrClosed {
			t.Errorf("Close: %v", err)
		}
	})
	return r
}

// add queues specs and fails the test on error.
func (r *queueRig) add(specs ...JobSpec) []int64 {
	r.t.Helper()
	ids, err := r.q.Add(specs...)
	if err != nil {
		r.t.Fatalf("Add: %v", err)
	}
	return ids
}

// wait runs until no job is queued or active, or fails after timeout.
func (r *queueRig) wait(timeout time.Duration) []Job {
	r.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		tot := r.q.Totals()
		if tot.Queued == 0 && tot.Active == 0 {
			return r.q.Jobs()
		}
		time.Sleep(5 * time.Millisecond)
	}
	r.t.Fatalf("queue still busy after %v: %+v", timeout, r.q.Jobs())
	return nil
}

// job returns a job's snapshot or fails.
func (r *queueRig) job(id int64) Job {
	r.t.Helper()
	j, ok := r.q.Job(id)
	if !ok {
		r.t.Fatalf("job %d not in the queue", id)
	}
	return j
}

// srvMap names one server "s" (and a second one "t").
func srvMap(srv ...*ftptest.Server) map[string]*ftptest.Server {
	m := map[string]*ftptest.Server{}
	for i, s := range srv {
		m[[]string{"s", "t"}[i]] = s
	}
	return m
}
