package queue

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
)

// queueRig is a queue wired to ftptest servers, one per site key.
type queueRig struct {
	t       *testing.T
	servers map[string]*ftptest.Server
	q       *Queue
	mu      sync.Mutex
	events  []Event
}

// newServer starts a server with the user the rig logs in as.
func qServer(t *testing.T, opts ...ftptest.Option) *ftptest.Server {
	return ftptest.NewServer(t, append([]ftptest.Option{ftptest.WithUser("ferry", "secret")}, opts...)...)
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
			return ftpcore.Config{Addr: srv.Addr(), User: "ferry", Password: "secret", ReplyTimeout: 10 * time.Second}, nil
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

// waitFor polls cond until it holds or fails after timeout.
func qWaitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// pattern returns n bytes that differ from one position to the next, so
// that a misplaced resume shows.
func qPattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7+i/251) ^ seed
	}
	return b
}

func qReadFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func qWriteFile(t *testing.T, p string, data []byte, mtime time.Time) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if !mtime.IsZero() {
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
}

func qSameBytes(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: got %d bytes (sha256 %x), want %d bytes (sha256 %x)", what,
			len(got), sha256.Sum256(got), len(want), sha256.Sum256(want))
	}
}

func qSrvWrite(t *testing.T, srv *ftptest.Server, p string, data []byte, mtime time.Time) {
	t.Helper()
	if err := srv.FS().WriteFile(p, data, mtime); err != nil {
		t.Fatal(err)
	}
}

func qSrvRead(t *testing.T, srv *ftptest.Server, p string) []byte {
	t.Helper()
	b, err := srv.FS().ReadFile(p)
	if err != nil {
		t.Fatalf("server file %s: %v", p, err)
	}
	return b
}

// srvMap names one server "s" (and a second one "t").
func srvMap(srv ...*ftptest.Server) map[string]*ftptest.Server {
	m := map[string]*ftptest.Server{}
	for i, s := range srv {
		m[[]string{"s", "t"}[i]] = s
	}
	return m
}
