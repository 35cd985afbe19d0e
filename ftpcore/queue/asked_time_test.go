package queue

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"ferry/ftpcore/internal/testkit"
)

// TestQuestionTimeNotSpent: a transfer's clock ("0:09 spent", "took")
// counted the time the "file exists" question stayed open, as if the
// transfer had been slow. Now the time waited for the answer moves the
// job's start forward: its clock counts the transfer only.
func TestQuestionTimeNotSpent(t *testing.T) {
	srv := testkit.NewServer(t)
	data := testkit.Pattern(20_000, 4)
	testkit.PutFile(t, srv, "/a.bin", data, time.Time{})
	local := filepath.Join(t.TempDir(), "a.bin")
	testkit.WriteFile(t, local, []byte("old"), time.Time{})
	var r *queueRig
	var id int64
	var startAsked time.Time
	var reading time.Duration
	r = newRig(t, srvMap(srv), Options{Ask: func(ctx context.Context, q ExistsQuestion) (ExistsAnswer, error) {
		startAsked = r.job(id).Started
		t0 := time.Now()
		time.Sleep(50 * time.Millisecond) // the user reads the question
		reading = time.Since(t0)
		return ExistsAnswer{Action: Overwrite}, nil
	}})
	id = r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/a.bin"}, Dst: Endpoint{"", local}, Overwrite: OverwriteAsk})[0]
	r.q.Start()
	r.wait(15 * time.Second)
	j := r.job(id)
	if j.State != JobDone {
		t.Fatalf("state %v (%s)", j.State, j.Err)
	}
	if startAsked.IsZero() {
		t.Fatal("no question was asked")
	}
	if moved := j.Started.Sub(startAsked); moved < reading {
		t.Errorf("the job's start moved %v for a question read for %v", moved, reading)
	}
	testkit.SameBytes(t, "downloaded", testkit.ReadFile(t, local), data)
}
