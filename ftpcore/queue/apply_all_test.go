package queue

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"ferry/ftpcore/internal/testkit"
)

// TestApplyToAllEndsWithTheQueue: "Always use this action for the rest
// of the queue" answers the other existing files of that queue, and no
// more: once the queue has run dry, a file dragged later is asked about
// again. Before, the answer stayed until Settings were saved or the app
// restarted: an "overwrite all" given for one folder silently replaced
// the files of the next one.
func TestApplyToAllEndsWithTheQueue(t *testing.T) {
	srv := testkit.NewServer(t)
	dir := t.TempDir()
	remote := testkit.Pattern(4000, 3)
	old := []byte("keep me")
	for _, name := range []string{"one.bin", "two.bin", "later.bin"} {
		testkit.PutFile(t, srv, "/pub/"+name, remote, time.Time{})
		testkit.WriteFile(t, filepath.Join(dir, name), old, time.Time{})
	}
	var mu sync.Mutex
	var asked []string
	answers := []ExistsAnswer{{Action: Overwrite, ApplyToAll: true}, {Action: OverwriteSkip}}
	r := newRig(t, srvMap(srv), Options{Workers: 1, Ask: func(ctx context.Context, q ExistsQuestion) (ExistsAnswer, error) {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, filepath.Base(q.Job.Dst.Path))
		return answers[min(len(asked), len(answers))-1], nil
	}})
	get := func(name string) JobSpec {
		return JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/pub/" + name}, Dst: Endpoint{"", filepath.Join(dir, name)}}
	}
	r.q.Start()
	first := r.add(get("one.bin"), get("two.bin"))
	r.wait(10 * time.Second)
	for _, id := range first {
		if j := r.job(id); j.State != JobDone {
			t.Fatalf("%s: %v (%s), want overwritten", j.Dst.Path, j.State, j.Err)
		}
	}
	mu.Lock()
	if len(asked) != 1 {
		t.Fatalf("questions %q, want one for the first queue", asked)
	}
	mu.Unlock()

	later := r.add(get("later.bin"))
	r.wait(10 * time.Second)
	mu.Lock()
	defer mu.Unlock()
	if len(asked) != 2 || asked[1] != "later.bin" {
		t.Fatalf("questions %q: the file queued after the queue ran dry was not asked about", asked)
	}
	if j := r.job(later[0]); j.State != JobSkipped {
		t.Errorf("later.bin: %v (%s), want skipped as answered", j.State, j.Err)
	}
	testkit.SameBytes(t, "later.bin", testkit.ReadFile(t, filepath.Join(dir, "later.bin")), old)
}
