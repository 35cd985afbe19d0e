package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

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
