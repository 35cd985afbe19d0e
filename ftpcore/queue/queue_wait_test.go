package queue

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// connectedSites plays the app's Resolve: it knows the servers the user
// has connected to in this run and answers ErrSiteUnavailable for the
// others, as the app does for a quick connection restored from a
// previous run.
type connectedSites struct {
	mu    sync.Mutex
	cfgs  map[string]ftpcore.Config
	calls atomic.Int32
}

func newConnectedSites() *connectedSites { return &connectedSites{cfgs: map[string]ftpcore.Config{}} }

func (c *connectedSites) connect(key string, srv *ftptest.Server) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cfgs[key] = ftpcore.Config{Addr: srv.Addr(), User: testkit.User, Password: testkit.Password, ReplyTimeout: 10 * time.Second}
}

func (c *connectedSites) resolve(_ context.Context, key string) (ftpcore.Config, error) {
	c.calls.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	cfg, ok := c.cfgs[key]
	if !ok {
		return ftpcore.Config{}, fmt.Errorf("%s: %w", key, ErrSiteUnavailable)
	}
	return cfg, nil
}

// TestQueueRestoredJobWaitsForItsServer restores, from a state file
// written by an earlier run, a download from a quick connection whose
// password is gone: the job must wait without failing or spending
// retries, and run byte-exact once the user connects and Wake is called.
func TestQueueRestoredJobWaitsForItsServer(t *testing.T) {
	data := testkit.Pattern(300<<10, 5)
	srv := testkit.NewServer(t)
	testkit.PutFile(t, srv, "/pub/file.bin", data, time.Time{})
	key := "ftp://ferry@" + srv.Addr()
	dir := t.TempDir()
	local := filepath.Join(dir, "file.bin")
	state := filepath.Join(dir, "queue.json")
	saved := fmt.Sprintf(`{"version": 1, "next_id": 2, "jobs": [{"id": 1, "kind": "download",
		"src_site": %q, "src": "/pub/file.bin", "dst": %q, "root": %q, "size": %d,
		"type": "auto", "overwrite": "default", "state": "queued", "added": "2026-01-02T03:04:05Z"}]}`,
		key, local, dir, len(data))
	if err := os.WriteFile(state, []byte(saved), 0o600); err != nil {
		t.Fatal(err)
	}

	sites := newConnectedSites()
	r := newRig(t, srvMap(srv), Options{StatePath: state, Resolve: sites.resolve, Retries: -1})
	r.q.Start()
	testkit.WaitFor(t, 10*time.Second, "the job to wait", func() bool { return r.job(1).State == JobWaiting })
	j := r.job(1)
	if j.Attempts != 0 || !strings.Contains(j.Err, key) || j.State.Finished() {
		t.Errorf("waiting job = %+v", j)
	}
	if tot := r.q.Totals(); tot.Waiting != 1 || tot.Failed != 0 || tot.Queued != 0 {
		t.Errorf("totals %+v", tot)
	}
	// A waiting job is not tried again and again.
	time.Sleep(100 * time.Millisecond)
	if n := sites.calls.Load(); n != 1 || r.job(1).State != JobWaiting {
		t.Errorf("Resolve called %d times, job %v", n, r.job(1).State)
	}
	if n := r.q.Wake("ftp://ferry@192.0.2.1:21"); n != 0 || r.job(1).State != JobWaiting {
		t.Errorf("Wake of another site woke %d jobs", n)
	}
	if len(srv.Commands()) != 0 {
		t.Errorf("the server was contacted before the user connected: %q", srv.Commands())
	}

	sites.connect(key, srv)
	if n := r.q.Wake(key); n != 1 {
		t.Fatalf("Wake woke %d jobs, want 1", n)
	}
	r.wait(20 * time.Second)
	if j := r.job(1); j.State != JobDone || j.Attempts != 1 || j.Err != "" {
		t.Fatalf("after Wake: %+v", j)
	}
	testkit.SameBytes(t, "downloaded file", testkit.ReadFile(t, local), data)
}

// TestQueueWaitingSurvivesRestart checks that a waiting job is saved as
// waiting and comes back waiting: it runs only when woken, not merely
// because the new run's Resolve could now give its site.
func TestQueueWaitingSurvivesRestart(t *testing.T) {
	data := testkit.Pattern(20000, 9)
	srv := testkit.NewServer(t)
	src := filepath.Join(t.TempDir(), "up.bin")
	testkit.WriteFile(t, src, data, time.Time{})
	state := filepath.Join(t.TempDir(), "queue.json")
	key := "ftp://ferry@" + srv.Addr()

	first := newRig(t, srvMap(srv), Options{StatePath: state, Resolve: newConnectedSites().resolve})
	ids := first.add(JobSpec{Kind: JobUpload, Src: Endpoint{"", src}, Dst: Endpoint{key, "/up.bin"}})
	first.q.Start()
	testkit.WaitFor(t, 10*time.Second, "the job to wait", func() bool { return first.job(ids[0]).State == JobWaiting })
	want := first.job(ids[0])
	if err := first.q.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(state); err != nil || !strings.Contains(string(b), `"state": "waiting"`) {
		t.Fatalf("state file: %v\n%s", err, b)
	}

	sites := newConnectedSites()
	sites.connect(key, srv)
	second := newRig(t, srvMap(srv), Options{StatePath: state, Resolve: sites.resolve})
	got := second.job(ids[0])
	if got.State != JobWaiting || got.Err != want.Err || got.Attempts != want.Attempts {
		t.Fatalf("restored %+v, saved %+v", got, want)
	}
	second.q.Start()
	time.Sleep(100 * time.Millisecond)
	if n := sites.calls.Load(); n != 0 || second.job(ids[0]).State != JobWaiting {
		t.Fatalf("a restored waiting job ran unwoken (%d Resolve calls, state %v)", n, second.job(ids[0]).State)
	}
	second.q.Wake(key)
	second.wait(20 * time.Second)
	if j := second.job(ids[0]); j.State != JobDone {
		t.Fatalf("after Wake: %+v", j)
	}
	testkit.SameBytes(t, "uploaded file", testkit.GetFile(t, srv, "/up.bin"), data)
}

// TestQueueWakeDuringResolve calls Wake while the job's Resolve is still
// looking: the job must try again rather than wait for a Wake that has
// already happened.
func TestQueueWakeDuringResolve(t *testing.T) {
	srv := testkit.NewServer(t)
	testkit.PutFile(t, srv, "/a.txt", []byte("hello"), time.Time{})
	dir := t.TempDir()
	inResolve, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	resolve := func(ctx context.Context, key string) (ftpcore.Config, error) {
		if calls.Add(1) == 1 {
			close(inResolve)
			<-release
			return ftpcore.Config{}, ErrSiteUnavailable
		}
		return ftpcore.Config{Addr: srv.Addr(), User: testkit.User, Password: testkit.Password, ReplyTimeout: 10 * time.Second}, nil
	}
	r := newRig(t, srvMap(srv), Options{Resolve: resolve, Retries: -1})
	ids := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"q", "/a.txt"}, Dst: Endpoint{"", filepath.Join(dir, "a.txt")}})
	r.q.Start()
	<-inResolve
	if n := r.q.Wake("q"); n != 0 {
		t.Errorf("Wake found %d waiting jobs while the only one was resolving", n)
	}
	close(release)
	testkit.WaitFor(t, 10*time.Second, "the job to finish", func() bool { return r.job(ids[0]).State.Finished() })
	if j := r.job(ids[0]); j.State != JobDone || j.Attempts != 1 {
		t.Fatalf("job %+v", j)
	}
	testkit.SameBytes(t, "downloaded file", testkit.ReadFile(t, filepath.Join(dir, "a.txt")), []byte("hello"))
}

// TestQueueWaitingJobs checks which jobs a Wake wakes, and what Cancel,
// Retry and other Resolve errors do, with no server reachable.
func TestQueueWaitingJobs(t *testing.T) {
	dir := t.TempDir()
	down := JobSpec{Kind: JobDownload, Src: Endpoint{"a", "/f"}, Dst: Endpoint{"", filepath.Join(dir, "f")}}
	up := JobSpec{Kind: JobUpload, Src: Endpoint{"", filepath.Join(dir, "g")}, Dst: Endpoint{"b", "/g"}}
	fxp := JobSpec{Kind: JobFXP, Src: Endpoint{"b", "/h"}, Dst: Endpoint{"a", "/h"}}
	unavailable := func(_ context.Context, key string) (ftpcore.Config, error) {
		return ftpcore.Config{}, fmt.Errorf("%s: %w", key, ErrSiteUnavailable)
	}
	tests := []struct {
		name    string
		resolve func(context.Context, string) (ftpcore.Config, error)
		act     func(q *Queue) int
		want    int // the act's result
		states  [3]JobState
	}{
		{"unknown site wakes nothing", unavailable, func(q *Queue) int { return q.Wake("c") }, 0,
			[3]JobState{JobWaiting, JobWaiting, JobWaiting}},
		{"a wakes its download and the FXP into it", unavailable, func(q *Queue) int { return q.Wake("a") }, 2,
			[3]JobState{JobWaiting, JobWaiting, JobWaiting}},
		{"b wakes its upload and the FXP from it", unavailable, func(q *Queue) int { return q.Wake("b") }, 2,
			[3]JobState{JobWaiting, JobWaiting, JobWaiting}},
		{"cancel fails a waiting job", unavailable, func(q *Queue) int { q.Cancel(1); return 0 }, 0,
			[3]JobState{JobFailed, JobWaiting, JobWaiting}},
		{"other Resolve errors fail", func(context.Context, string) (ftpcore.Config, error) {
			return ftpcore.Config{}, errors.New("no such site")
		}, func(*Queue) int { return 0 }, 0, [3]JobState{JobFailed, JobFailed, JobFailed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sites := map[string]*ftptest.Server{}
			r := newRig(t, sites, Options{Resolve: tt.resolve, Retries: -1})
			ids := r.add(down, up, fxp)
			r.q.Start()
			settled := func() bool {
				for _, id := range ids {
					if s := r.job(id).State; s != JobWaiting && s != JobFailed {
						return false
					}
				}
				return true
			}
			testkit.WaitFor(t, 10*time.Second, "every job to settle", settled)
			if got := tt.act(r.q); got != tt.want {
				t.Errorf("result %d, want %d", got, tt.want)
			}
			testkit.WaitFor(t, 10*time.Second, "every job to settle again", settled)
			for i, id := range ids {
				if j := r.job(id); j.State != tt.states[i] {
					t.Errorf("job %d: %v (%s), want %v", id, j.State, j.Err, tt.states[i])
				}
			}
		})
	}
	t.Run("retry runs a waiting job again", func(t *testing.T) {
		var calls atomic.Int32
		r := newRig(t, map[string]*ftptest.Server{}, Options{Resolve: func(ctx context.Context, key string) (ftpcore.Config, error) {
			calls.Add(1)
			return unavailable(ctx, key)
		}})
		ids := r.add(down)
		r.q.Start()
		testkit.WaitFor(t, 10*time.Second, "the job to wait", func() bool { return r.job(ids[0]).State == JobWaiting })
		r.q.Retry(ids[0])
		testkit.WaitFor(t, 10*time.Second, "a second attempt", func() bool { return calls.Load() == 2 })
		testkit.WaitFor(t, 10*time.Second, "the job to wait again", func() bool { return r.job(ids[0]).State == JobWaiting })
		if j := r.job(ids[0]); j.Attempts != 0 {
			t.Errorf("attempts %d after two waits", j.Attempts)
		}
	})
}
