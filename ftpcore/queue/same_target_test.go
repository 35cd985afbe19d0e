package queue

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// TestSameDestinationWaits: two downloads of different files to the same
// local name (two search results called index.html, copied into one
// folder) do not run at once. The second waits for the first, then finds
// its file there and asks; skipped, the first one's file stays whole.
// Before, both ran side by side, each saw no file there, and the one to
// finish last replaced the other's without a question.
func TestSameDestinationWaits(t *testing.T) {
	one, two := testkit.Pattern(5000, 1), testkit.Pattern(7000, 2)
	release := make(chan struct{})
	var held sync.WaitGroup
	held.Add(1)
	var once sync.Once
	srv := testkit.NewServer(t, ftptest.WithFault(ftptest.Fault{BeforeReply: func(verb string, reply []byte) {
		if verb == "RETR" && len(reply) > 0 && reply[0] == '1' {
			once.Do(held.Done)
			<-release
		}
	}}))
	testkit.PutFile(t, srv, "/docs/index.html", one, time.Time{})
	testkit.PutFile(t, srv, "/blog/index.html", two, time.Time{})
	local := filepath.Join(t.TempDir(), "index.html")

	var mu sync.Mutex
	var asked []ExistsQuestion
	r := newRig(t, srvMap(srv), Options{Workers: 2, Ask: func(ctx context.Context, q ExistsQuestion) (ExistsAnswer, error) {
		mu.Lock()
		asked = append(asked, q)
		mu.Unlock()
		return ExistsAnswer{Action: OverwriteSkip}, nil
	}})
	ids := r.add(
		JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/docs/index.html"}, Dst: Endpoint{"", local}},
		JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/blog/index.html"}, Dst: Endpoint{"", local}},
	)
	r.q.Start()
	held.Wait() // the first download is under way
	if j := r.job(ids[1]); j.State != JobQueued {
		t.Errorf("while the first download writes %s, the second is %v, want queued", local, j.State)
	}
	close(release)
	r.wait(10 * time.Second)

	first, second := r.job(ids[0]), r.job(ids[1])
	if first.State != JobDone || second.State != JobSkipped {
		t.Fatalf("first %v (%s), second %v (%s): want done, then skipped after the question",
			first.State, first.Err, second.State, second.Err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(asked) != 1 || asked[0].Job.ID != ids[1] {
		t.Fatalf("%d questions (%+v), want one, for the second download", len(asked), asked)
	}
	testkit.SameBytes(t, local, testkit.ReadFile(t, local), one)
}
