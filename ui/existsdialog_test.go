package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/queue"
)

// TestExistsDialogSizes: the "File exists" question shows both sizes it
// knows, exactly, says for a text (ASCII) transfer that line endings may
// make the same text differ in size, and says when the target is too large
// to be resumed.
func TestExistsDialogSizes(t *testing.T) {
	h := newHarness(t, t.TempDir())
	job := queue.Job{Kind: queue.JobUpload,
		Src: queue.Endpoint{Path: "/tmp/notes.txt"}, Dst: queue.Endpoint{Site: "ftp://example.org", Path: "/notes.txt"}}
	show := func(q queue.ExistsQuestion) string {
		t.Helper()
		h.mw.existsDialog(q, func(queue.ExistsAnswer) {})
		h.runTasks()
		text := h.overlayText()
		h.typeKey(fyne.KeyEscape)
		h.runTasks()
		return text
	}

	text := show(queue.ExistsQuestion{Job: job, ASCII: true,
		Src: queue.FileInfo{Exists: true, Size: 3001}, Dst: queue.FileInfo{Exists: true, Size: 3000}})
	if strings.Contains(text, "size unknown") {
		t.Errorf("a known size shown as unknown: %q", text)
	}
	for _, want := range []string{"3000 B", "3001 B", "line endings may be converted"} {
		if !strings.Contains(text, want) {
			t.Errorf("question %q does not say %q", text, want)
		}
	}
	if strings.Contains(text, "cannot be resumed") {
		t.Errorf("a smaller target said not resumable: %q", text)
	}

	text = show(queue.ExistsQuestion{Job: job,
		Src: queue.FileInfo{Exists: true, Size: 10}, Dst: queue.FileInfo{Exists: true, Size: 5000}})
	if strings.Contains(text, "line endings") {
		t.Errorf("a binary transfer speaks of line endings: %q", text)
	}
	if !strings.Contains(text, "The target is larger than the source: it cannot be resumed.") {
		t.Errorf("question %q does not say the target cannot be resumed", text)
	}
}

// TestExistsDialogTextUpload uploads a text file over one of the same
// size: the question shows both sizes (not "size unknown"), and "Overwrite
// if the size differs" leaves the server's file alone.
func TestExistsDialogTextUpload(t *testing.T) {
	srv := newServer(t) // /readme.txt holds 10 bytes
	local := localTree(t)
	if err := os.WriteFile(filepath.Join(local, "readme.txt"), []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	left := h.mw.panes[0]
	h.connect(srv, "ferry", "s3cret", 1)

	left.model.click(left.model.rowOf("readme.txt"), false, false)
	left.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.waitFor("file exists dialog", func() bool { return h.overlayButton("Skip") != nil })
	text := h.overlayText()
	if strings.Contains(text, "size unknown") || strings.Count(text, "10 B") < 2 {
		t.Errorf("question %q does not show both sizes", text)
	}
	if !strings.Contains(text, "line endings may be converted") {
		t.Errorf("question %q does not say that line endings may be converted", text)
	}
	radio := findAll[*widget.RadioGroup](h.win.Canvas().Overlays().Top())[0]
	radio.SetSelected(existsLabel(queue.OverwriteIfSizeDiffers))
	test.Tap(h.overlayButton("OK"))
	h.waitFor("job finished", func() bool {
		return len(h.mw.qpanel.tabs[tabSkipped])+len(h.mw.qpanel.tabs[tabDone]) == 1
	})
	if len(h.mw.qpanel.tabs[tabSkipped]) != 1 {
		t.Fatal("the upload was not skipped")
	}
	j := h.mw.qpanel.jobs[h.mw.qpanel.tabs[tabSkipped][0]]
	if got := jobRate(j); got != "the destination has the same size" {
		t.Errorf("skipped job shown as %q", got)
	}
	if data, _ := srv.FS().ReadFile("/readme.txt"); string(data) != "xxxxxxxxxx" {
		t.Errorf("the server's file became %q", data)
	}
}
