package ui

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"ferry/ftpcore/ftptest"
)

// liveHeap is the heap's live bytes after two full collections.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// heapPerFinishedJob is the most live heap a finished download may keep
// in the window: the queue's job and the panel's copy, its lines in the
// message log (up to the log's cap) and its entry in the refreshed local
// pane. Measured at about 2.5 KiB.
const heapPerFinishedJob = 6 << 10

// heapChildEnv marks the test binary run by TestFinishedJobsHeap for its
// measurement.
const heapChildEnv = "FERRY_TEST_HEAP_CHILD"

// TestFinishedJobsHeap downloads 1,000 small files through the queue and
// checks what stays in the heap once they are done: a few KiB a job, no
// parsed font, canvas row or progress history per job. It measures in a
// process of its own (this test binary run again for this test only):
// after the package's other tests, what their windows and Fyne's global
// caches still hold moved the figure by up to 4 KiB a job from one run to
// the next.
func TestFinishedJobsHeap(t *testing.T) {
	if os.Getenv(heapChildEnv) != "1" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestFinishedJobsHeap$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), heapChildEnv+"=1")
		out, err := cmd.CombinedOutput()
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, "queueheap_test.go") {
				t.Log(strings.TrimSpace(line))
			}
		}
		if err != nil {
			t.Fatalf("the measurement failed (%v):\n%s", err, out)
		}
		if !strings.Contains(string(out), "--- PASS: TestFinishedJobsHeap") {
			t.Fatalf("the measurement did not run:\n%s", out)
		}
		return
	}
	const files = 1000
	srv := ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"))
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for i := range files {
		if err := srv.FS().WriteFile(fmt.Sprintf("/file-%04d.dat", i), bytes.Repeat([]byte("x"), 100), when); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, t.TempDir())
	right := h.connect(srv, "ferry", "s3cret", 1)
	h.runTasks()
	before := liveHeap()
	right.model.selectAll()
	right.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.waitFor("all downloads done", func() bool { return len(h.mw.qpanel.tabs[tabDone]) == files })
	h.waitFor("left pane lists them", func() bool { return len(h.mw.panes[0].model.rows) > files })
	h.runTasks()
	after := liveHeap()
	per := (int64(after) - int64(before)) / files
	t.Logf("live heap %d → %d bytes: %d bytes a finished job", before, after, per)
	if per > heapPerFinishedJob {
		t.Errorf("each finished download keeps %d bytes of heap, more than %d", per, heapPerFinishedJob)
	}
}
