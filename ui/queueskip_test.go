package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/queue"
)

// skipUpload uploads a local readme.txt over the server's and answers
// Skip in the "file exists" dialog.
func skipUpload(t *testing.T) (*harness, *ftptest.Server) {
	t.Helper()
	srv := newServer(t)
	local := localTree(t)
	if err := os.WriteFile(filepath.Join(local, "readme.txt"), []byte("new content"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	left := h.mw.panes[0]
	h.connect(srv, "ferry", "s3cret", 1)
	left.model.click(left.model.rowOf("readme.txt"), false, false)
	left.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.waitFor("file exists dialog", func() bool { return h.overlayButton("Skip") != nil })
	test.Tap(h.overlayButton("Skip"))
	h.waitFor("job in the skipped tab", func() bool { return len(h.mw.qpanel.tabs[tabSkipped]) == 1 })
	return h, srv
}

// TestSkipIsItsOwnOutcome answers Skip in the "file exists" dialog: the
// job must be listed as skipped, with its reason, never among the
// successful transfers, and the server's file must be left alone.
func TestSkipIsItsOwnOutcome(t *testing.T) {
	h, srv := skipUpload(t)
	if n := len(h.mw.qpanel.tabs[tabDone]); n != 0 {
		t.Errorf("%d jobs listed as successful", n)
	}
	j := h.mw.qpanel.jobs[h.mw.qpanel.tabs[tabSkipped][0]]
	if j.State != queue.JobSkipped || jobRate(j) != "the destination exists" {
		t.Errorf("skipped job: state %v, shown as %q", j.State, jobRate(j))
	}
	if title := h.mw.qpanel.tabc.Title(tabSkipped); title != "Skipped (1)" {
		t.Errorf("tab title %q", title)
	}
	if data, _ := srv.FS().ReadFile("/readme.txt"); string(data) == "new content" {
		t.Error("a skipped upload replaced the server's file")
	}
}

// TestRetrySkipped: a file skipped in the "file exists" dialog by mistake
// can be retried from the Skipped tab's menu, which asks again; answered
// Overwrite, the file goes. Before, Retry was greyed out there, and the
// only way was to find the file and drag it again.
func TestRetrySkipped(t *testing.T) {
	h, srv := skipUpload(t)
	qp := h.mw.qpanel

	retry := jobMenuItem(t, qp.menu(qp.jobs[qp.tabs[tabSkipped][0]]), "Retry")
	if retry.Disabled {
		t.Fatal("Retry is greyed out for a skipped file")
	}
	retry.Action()
	h.waitFor("the question again", func() bool { return h.overlayButton("Skip") != nil })
	h.typeKey(fyne.KeyReturn) // OK: Overwrite, the first choice
	h.waitFor("the file uploaded", func() bool {
		data, _ := srv.FS().ReadFile("/readme.txt")
		return string(data) == "new content"
	})
}
