package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// TestEditRemoteFile opens a server file with F4: it is downloaded to a
// private temporary folder and handed to the system's application (here a
// recorder); saving a change offers to upload it, declining keeps the
// server's copy (and closing the window then asks first), accepting sends
// the new text; closing the window removes the temporary copy.
func TestEditRemoteFile(t *testing.T) {
	srv := newServer(t)
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if err := srv.FS().WriteFile("/notes.txt", []byte("first draft\n"), when); err != nil {
		t.Fatal(err)
	}
	var local string
	// Registered before the harness, so it runs after the window closed.
	t.Cleanup(func() {
		if local == "" {
			return
		}
		if _, err := os.Stat(filepath.Dir(local)); err == nil {
			t.Errorf("the temporary folder %s outlives the window", filepath.Dir(local))
		}
	})
	h := newHarness(t, localTree(t))
	opened := recordOpens(h)
	p := h.connect(srv, "ferry", "s3cret", 1)

	p.list.TypedRune('n')
	if sel := p.model.selection(); len(sel) != 1 || sel[0].Name != "notes.txt" {
		t.Fatalf("typing n selected %+v", sel)
	}
	p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF4})
	h.waitFor("the downloaded copy opened", func() bool { return len(*opened) > 0 })
	local = (*opened)[0]
	dir := filepath.Dir(local)
	if filepath.Base(local) != "notes.txt" || !strings.HasPrefix(filepath.Base(dir), "ferry-edit-") ||
		filepath.Dir(dir) != filepath.Clean(h.mw.tempRoot()) {
		t.Fatalf("opened %s, want notes.txt in a ferry-edit- folder of %s", local, h.mw.tempRoot())
	}
	if data, err := os.ReadFile(local); err != nil || string(data) != "first draft\n" {
		t.Fatalf("the local copy holds %q, %v", data, err)
	}
	if _, err := os.Stat(filepath.Join(h.mw.panes[0].dir, "notes.txt")); err == nil {
		t.Fatal("View/Edit downloaded into the local pane's folder")
	}

	edit := func(text string) {
		t.Helper()
		st, err := os.Stat(local)
		if err != nil {
			t.Fatal(err)
		}
		// A user saves seconds after opening; say so even where the file
		// system's clock is coarse.
		saveAs(t, local, text, st.ModTime().Add(2*time.Second))
	}

	// Declined: the server keeps its text and no upload is queued.
	edit("second draft\n")
	h.tapOverlay("No")
	if msg := h.overlayText(); strings.Contains(msg, "notes.txt") {
		t.Fatalf("the question stays after No: %q", msg)
	}
	deadline := time.Now().Add(10 * h.mw.edits.poll)
	for time.Now().Before(deadline) {
		h.runTasks()
		if h.overlayButton("No") != nil {
			t.Fatal("the same change is offered again")
		}
		time.Sleep(h.mw.edits.poll)
	}
	if jobs := h.mw.queue.Jobs(); len(jobs) != 1 {
		t.Fatalf("%d jobs after declining, want only the download", len(jobs))
	}
	if data, _ := srv.FS().ReadFile("/notes.txt"); string(data) != "first draft\n" {
		t.Fatalf("the server holds %q after declining", data)
	}
	// Closing now would delete the changed copy: it asks first.
	h.mw.close()
	h.waitFor("the question on quitting", func() bool {
		return strings.Contains(h.overlayText(), "changed and not uploaded back (notes.txt)")
	})
	h.typeKey(fyne.KeyEscape)
	if h.mw.hasEnded() {
		t.Fatal("Escape quit")
	}

	// Accepted: the new text goes to the server.
	edit("third draft\n")
	h.waitFor("upload offered", func() bool { return strings.Contains(h.overlayText(), "notes.txt") })
	h.tapOverlay("Yes")
	h.waitFor("new text on the server", func() bool {
		data, err := srv.FS().ReadFile("/notes.txt")
		return err == nil && string(data) == "third draft\n"
	})
	if len(*opened) != 1 {
		t.Errorf("the file was opened %d times", len(*opened))
	}
	// Once the upload is done, nothing is lost by closing: no question.
	h.waitFor("the upload recorded", func() bool { return len(h.mw.edits.unsynced()) == 0 })
	h.mw.close()
	if !h.mw.hasEnded() {
		t.Fatalf("closing asked %q with every change uploaded", h.overlayText())
	}
}

// TestEditUploadChecksTheServer: a changed copy goes back over the
// server's file without a word only while that file is the one opened.
// Changed on the server meanwhile (a colleague's edit), it asks: No keeps
// the colleague's text, Yes replaces it. Once our upload is done, it is
// the reference, and the next upload asks nothing.
func TestEditUploadChecksTheServer(t *testing.T) {
	srv := newServer(t)
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if err := srv.FS().WriteFile("/notes.txt", []byte("first draft\n"), when); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, localTree(t))
	opened := recordOpens(h)
	p := h.connect(srv, "ferry", "s3cret", 1)
	p.list.TypedRune('n')
	p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF4})
	h.waitFor("the downloaded copy opened", func() bool { return len(*opened) > 0 })
	local := (*opened)[0]
	saves := 0
	edit := func(text string) {
		t.Helper()
		saves++
		saveAs(t, local, text, time.Now().Add(time.Duration(saves)*time.Hour))
		h.waitFor("upload offered", func() bool { return strings.Contains(h.overlayText(), "Upload it back") })
		h.tapOverlay("Yes")
	}
	server := func() string {
		data, _ := srv.FS().ReadFile("/notes.txt")
		return string(data)
	}

	if err := srv.FS().WriteFile("/notes.txt", []byte("a colleague's text\n"), when.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	edit("my second draft\n")
	h.waitFor("the warning", func() bool { return strings.Contains(h.overlayText(), "changed on the server since you opened it") })
	h.tapOverlay("No")
	h.runTasks()
	if got := server(); got != "a colleague's text\n" || len(h.mw.queue.Jobs()) != 1 {
		t.Fatalf("after No: the server holds %q, %d jobs", got, len(h.mw.queue.Jobs()))
	}

	edit("my third draft\n")
	h.waitFor("the warning again", func() bool { return strings.Contains(h.overlayText(), "changed on the server") })
	h.tapOverlay("Yes")
	h.waitFor("our text on the server", func() bool { return server() == "my third draft\n" })
	h.waitFor("the upload recorded", func() bool { return len(h.mw.edits.unsynced()) == 0 })

	edit("my fourth draft\n")
	h.waitFor("the next upload, unasked", func() bool { return server() == "my fourth draft\n" })
	if strings.Contains(h.overlayText(), "changed on the server") {
		t.Errorf("our own upload was taken for someone else's change: %q", h.overlayText())
	}
}

// recordOpens makes View/Edit record the files it would hand to the
// system's application, and look for changes every 10 ms.
func recordOpens(h *harness) *[]string {
	var opened []string
	h.mw.edits.openFile = func(path string) error {
		opened = append(opened, path)
		return nil
	}
	h.mw.edits.poll = 10 * time.Millisecond
	return &opened
}

// saveAs replaces file with text dated when, in one step as editors save:
// written and dated beside it, then renamed over it. Written in place
// and dated after, the watcher could see the file between the two, and
// offer the same change twice.
func saveAs(t *testing.T, file, text string, when time.Time) {
	t.Helper()
	tmp := file + ".saving"
	if err := os.WriteFile(tmp, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(tmp, when, when); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
}
