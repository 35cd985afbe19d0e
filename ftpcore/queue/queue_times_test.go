package queue

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"ferry/ftpcore/internal/testkit"
)

// TestQueueJobTimes checks that a finished job knows when it started and
// ended, that a retry forgets the end, and that the state file keeps both.
func TestQueueJobTimes(t *testing.T) {
	srv := testkit.NewServer(t) // "/bad.txt" does not exist: 550
	testkit.PutFile(t, srv, "/good.txt", []byte("hello"), time.Time{})
	state := filepath.Join(t.TempDir(), "q.json")
	dir := t.TempDir()
	r := newRig(t, srvMap(srv), Options{StatePath: state})
	before := time.Now()
	ids := r.add(
		JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/good.txt"}, Dst: Endpoint{"", filepath.Join(dir, "good.txt")}},
		JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/bad.txt"}, Dst: Endpoint{"", filepath.Join(dir, "bad.txt")}},
	)
	r.q.Start()
	r.wait(10 * time.Second)
	after := time.Now()
	good, bad := r.job(ids[0]), r.job(ids[1])
	if good.State != JobDone || bad.State != JobFailed {
		t.Fatalf("states %v %v, want done and failed (%q)", good.State, bad.State, bad.Err)
	}
	for _, j := range []Job{good, bad} {
		if j.Started.Before(before) || j.Finished.Before(j.Started) || j.Finished.After(after) {
			t.Errorf("job %d: started %v finished %v, want within [%v, %v] in order", j.ID, j.Started, j.Finished, before, after)
		}
	}
	if err := r.q.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	q2, err := New(Options{StatePath: state})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q2.Close(context.Background()) })
	back, ok := q2.Job(ids[1])
	if !ok || !back.Finished.Equal(bad.Finished) || !back.Started.Equal(bad.Started) || back.Err != bad.Err {
		t.Errorf("restored failed job %+v, want started %v finished %v err %q", back, bad.Started, bad.Finished, bad.Err)
	}
	q2.Retry(ids[1])
	if j, _ := q2.Job(ids[1]); j.State != JobQueued || !j.Finished.IsZero() {
		t.Errorf("retried job: state %v finished %v, want queued with no end time", j.State, j.Finished)
	}
}
