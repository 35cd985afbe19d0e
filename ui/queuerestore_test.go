package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"ferry/ftpcore"
	"ferry/ftpcore/queue"
)

// TestRestoredQueueShowsPartProgress restarts the window on a queue saved
// at 10 % while the download's .part file holds 31 %: the row must show
// what is on disk.
func TestRestoredQueueShowsPartProgress(t *testing.T) {
	cfgDir, localDir := t.TempDir(), t.TempDir()
	key := quickKey(ftpcore.Config{Addr: "127.0.0.1:1", User: "ferry", TLS: ftpcore.TLSExplicitIfAvailable})
	local := filepath.Join(localDir, "big.bin")
	if err := os.WriteFile(local+".part", bytes.Repeat([]byte("p"), 310), 0o600); err != nil {
		t.Fatal(err)
	}
	saved := fmt.Sprintf(`{"version": 1, "next_id": 8, "jobs": [{"id": 7, "kind": "download",
		"src_site": %q, "src": "/big.bin", "dst": %q, "root": %q, "size": 1000, "done": 100,
		"type": "binary", "overwrite": "default", "state": "active", "added": "2026-01-02T03:04:05Z"}]}`,
		key, local, localDir)
	if err := os.WriteFile(filepath.Join(cfgDir, "queue.json"), []byte(saved), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWithConfig(t, localDir, cfgDir)
	qp := h.mw.qpanel
	h.waitFor("the restored job listed", func() bool {
		qp.tick()
		_, ok := qp.jobs[7]
		return ok
	})
	if j := qp.jobs[7]; j.Done != 310 || j.State == queue.JobFailed {
		t.Fatalf("restored job: %d bytes done, state %v", j.Done, j.State)
	}
	var row *queueRow
	walk(qp.lists[tabQueued], func(o fyne.CanvasObject) {
		if r, ok := o.(*queueRow); ok && r.job.ID == 7 {
			row = r
		}
	})
	if row == nil {
		t.Fatal("no row for the restored job")
	}
	if v := row.bar.Value; v < 0.30 || v > 0.32 {
		t.Errorf("the bar shows %.2f", v)
	}
	if got := row.rate.Text; len(got) < 4 || got[:4] != "31% " {
		t.Errorf("the row says %q, want it to start with 31%%", got)
	}
}
