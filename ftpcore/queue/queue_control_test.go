package queue

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

func TestQueuePauseResumeCancel(t *testing.T) {
	srv := testkit.NewServer(t, ftptest.WithFault(ftptest.Fault{DataRate: 1 << 20}))
	data := testkit.Pattern(600_000, 2)
	testkit.PutFile(t, srv, "/a.bin", data, time.Time{})
	testkit.PutFile(t, srv, "/b.bin", data, time.Time{})
	dir := t.TempDir()
	r := newRig(t, srvMap(srv), Options{Workers: 2})
	ids := r.add(
		JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/a.bin"}, Dst: Endpoint{"", filepath.Join(dir, "a.bin")}},
		JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/b.bin"}, Dst: Endpoint{"", filepath.Join(dir, "b.bin")}},
	)
	r.q.Start()
	testkit.WaitFor(t, 10*time.Second, "both jobs moving", func() bool {
		return r.job(ids[0]).Done > 100_000 && r.job(ids[1]).Done > 100_000
	})
	r.q.Cancel(ids[1])
	r.q.Pause()
	testkit.WaitFor(t, 10*time.Second, "pause", func() bool {
		return r.job(ids[0]).State == JobPaused && r.job(ids[1]).State == JobFailed
	})
	if j := r.job(ids[1]); j.Err != ErrJobCancelled.Error() {
		t.Errorf("cancelled job's message %q", j.Err)
	}
	paused := r.job(ids[0]).Done
	time.Sleep(100 * time.Millisecond)
	if j := r.job(ids[0]); j.State != JobPaused || j.Done != paused {
		t.Fatalf("a paused job moved: %+v", j)
	}
	r.q.Resume()
	r.wait(15 * time.Second)
	if j := r.job(ids[0]); j.State != JobDone || j.Attempts != 1 {
		t.Fatalf("resumed job %+v", j)
	}
	testkit.SameBytes(t, "resumed download", testkit.ReadFile(t, filepath.Join(dir, "a.bin")), data)
	// The pause interrupted the transfer: the rest came with REST.
	if !slices.ContainsFunc(srv.Commands(), func(c string) bool { return len(c) > 5 && c[:5] == "REST " }) {
		t.Errorf("no REST after resume: %q", srv.Commands())
	}
	r.q.Retry(ids[1])
	r.wait(15 * time.Second)
	if j := r.job(ids[1]); j.State != JobDone {
		t.Fatalf("retried job %+v", j)
	}
	testkit.SameBytes(t, "retried download", testkit.ReadFile(t, filepath.Join(dir, "b.bin")), data)
	r.q.ClearFinished()
	if n := len(r.q.Jobs()); n != 0 {
		t.Errorf("%d jobs left after ClearFinished", n)
	}
}

func TestQueueReorder(t *testing.T) {
	q, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close(context.Background()) })
	var specs []JobSpec
	for i := range 5 {
		specs = append(specs, JobSpec{Kind: JobDownload, Src: Endpoint{"s", fmt.Sprint("/", i)}, Dst: Endpoint{"", fmt.Sprint("/tmp/", i)}})
	}
	ids, err := q.Add(specs...)
	if err != nil {
		t.Fatal(err)
	}
	order := func() []int64 {
		var out []int64
		for _, j := range q.Jobs() {
			out = append(out, j.ID)
		}
		return out
	}
	steps := []struct {
		name string
		do   func()
		want []int64
	}{
		{"move last up one", func() { q.Move(ids[4], -1) }, []int64{ids[0], ids[1], ids[2], ids[4], ids[3]}},
		{"move first far down", func() { q.Move(ids[0], 100) }, []int64{ids[1], ids[2], ids[4], ids[3], ids[0]}},
		{"move to front", func() { q.MoveTo(ids[3], 0) }, []int64{ids[3], ids[1], ids[2], ids[4], ids[0]}},
		{"remove", func() { q.Remove(ids[2]) }, []int64{ids[3], ids[1], ids[4], ids[0]}},
		{"cancel a waiting job", func() { q.Cancel(ids[1]) }, []int64{ids[3], ids[1], ids[4], ids[0]}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.do()
			if got := order(); !slices.Equal(got, st.want) {
				t.Errorf("order %v, want %v", got, st.want)
			}
		})
	}
	if j, _ := q.Job(ids[1]); j.State != JobFailed {
		t.Errorf("cancelled waiting job is %v", j.State)
	}
	if tot := q.Totals(); tot.Queued != 3 || tot.Failed != 1 {
		t.Errorf("totals %+v", tot)
	}
	q.RetryFailed()
	if j, _ := q.Job(ids[1]); j.State != JobQueued {
		t.Errorf("RetryFailed left the job %v", j.State)
	}
}

// fullDisk fails writes with ENOSPC once limit bytes went through.
type fullDisk struct {
	w     io.Writer
	limit int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) > d.limit {
		n, _ := d.w.Write(p[:d.limit])
		d.limit = 0
		return n, syscall.ENOSPC
	}
	d.limit -= len(p)
	return d.w.Write(p)
}

// TestQueueDiskFull checks that a full local disk fails the job with a
// clear message, at once, and leaves the old file intact.
func TestQueueDiskFull(t *testing.T) {
	srv := testkit.NewServer(t)
	testkit.PutFile(t, srv, "/big.bin", testkit.Pattern(500_000, 4), time.Time{})
	dir := t.TempDir()
	local := filepath.Join(dir, "big.bin")
	old := []byte("the good old file")
	testkit.WriteFile(t, local, old, time.Time{})
	r := newRig(t, srvMap(srv), Options{
		WrapLocalWriter: func(w io.Writer) io.Writer { return &fullDisk{w: w, limit: 100_000} },
	})
	ids := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/big.bin"}, Dst: Endpoint{"", local}, Overwrite: Overwrite})
	r.q.Start()
	r.wait(10 * time.Second)
	j := r.job(ids[0])
	if j.State != JobFailed || j.Attempts != 1 {
		t.Fatalf("job %+v; want failed at once", j)
	}
	if want := ErrDiskFull.Error() + "; nothing was overwritten: "; !strings.HasPrefix(j.Err, want) ||
		strings.Count(j.Err, ErrDiskFull.Error()) != 1 {
		t.Errorf("message %q does not start with %q, or says it twice", j.Err, want)
	}
	testkit.SameBytes(t, "old file", testkit.ReadFile(t, local), old)
}

// TestQueueEventsCoalesced checks that many small files make few events
// and that the last one carries the final totals.
func TestQueueEventsCoalesced(t *testing.T) {
	srv := testkit.NewServer(t)
	dir := t.TempDir()
	var specs []JobSpec
	const n = 150
	for i := range n {
		p := fmt.Sprintf("/many/%03d.txt", i)
		testkit.PutFile(t, srv, p, []byte(p), time.Time{})
		specs = append(specs, JobSpec{Kind: JobDownload, Src: Endpoint{"s", p}, Dst: Endpoint{"", filepath.Join(dir, filepath.Base(p))}})
	}
	r := newRig(t, srvMap(srv), Options{Workers: 4})
	r.add(specs...)
	r.q.Start()
	r.wait(30 * time.Second)
	testkit.WaitFor(t, 5*time.Second, "the final event", func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		return len(r.events) > 0 && r.events[len(r.events)-1].Totals.Done == n
	})
	r.mu.Lock()
	events := len(r.events)
	r.mu.Unlock()
	// Each job changes state at least twice and reports progress: without
	// coalescing there would be well over 3n events.
	if events >= n {
		t.Errorf("%d events for %d jobs", events, n)
	}
}

func TestRateLimiter(t *testing.T) {
	now := time.Unix(1000, 0)
	l := newRateLimiter(100_000)
	l.now = func() time.Time { return now }
	if d := l.take(10_000); d != 0 {
		t.Errorf("first take within the burst waited %v", d)
	}
	if d := l.take(16_384); d <= 0 {
		t.Errorf("a take beyond the burst did not wait")
	}
	now = now.Add(time.Second)
	if d := l.take(10_000); d != 0 {
		t.Errorf("take after a second of refill waited %v", d)
	}
	// Over time the rate holds: 1 MB at 100 kB/s needs about 10 s of waits.
	var waited time.Duration
	for range 100 {
		d := l.take(10_000)
		waited += d
		now = now.Add(d)
	}
	if waited < 9*time.Second || waited > 11*time.Second {
		t.Errorf("1 MB at 100 kB/s waited %v", waited)
	}
	l.setRate(0)
	if d := l.take(1 << 30); d != 0 {
		t.Errorf("unlimited take waited %v", d)
	}
}
