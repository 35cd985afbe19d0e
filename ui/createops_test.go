package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/listing"
)

// TestCreateFileAndFolderAndEnter, on the local disk and on a server:
// the context menu's Create new file makes an empty file and puts the
// cursor on it, and refuses a name already taken without touching that
// file (a dotfile turns Hidden files on, to show it); Create folder and
// enter it makes the folder and shows it.
func TestCreateFileAndFolderAndEnter(t *testing.T) {
	srv := newServer(t)
	if err := srv.FS().WriteFile("/pub/index.html", []byte("<p>live site</p>"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	dir := localTree(t)
	h := newHarness(t, dir)
	left := h.mw.panes[0]
	right := h.connect(srv, "ferry", "s3cret", 1)
	right.navigate("/pub")
	h.waitFor("/pub listed", func() bool { return right.dir == "/pub" && right.busy.Hidden })

	name := func(what string, p *pane, item, typed string) {
		t.Helper()
		h.mw.setActive(p)
		p.menuAtCursor()
		h.waitFor("the menu", func() bool { return h.menuItem(item) != nil })
		test.Tap(h.menuItem(item))
		h.waitFor(what+": the name asked", func() bool { return len(h.overlayEntries()) == 1 })
		test.Type(h.overlayEntries()[0], typed)
		h.typeKey(fyne.KeyReturn)
	}
	read := map[*pane]func(string) (string, error){
		left: func(n string) (string, error) {
			b, err := os.ReadFile(filepath.Join(dir, n))
			return string(b), err
		},
		right: func(n string) (string, error) {
			b, err := srv.FS().ReadFile("/pub/" + n)
			return string(b), err
		},
	}
	for _, c := range []struct {
		p       *pane
		newName string
		taken   string
		content string
	}{
		{left, "notes.txt", "b.txt", strings.Repeat("y", 300)},
		{right, ".htaccess", "index.html", "<p>live site</p>"},
	} {
		where := c.p.dir
		name("new file", c.p, "Create new file", c.newName)
		h.waitFor("the new file under the cursor", func() bool {
			e := c.p.model.entryAt(c.p.model.cursor)
			return c.p.busy.Hidden && e != nil && e.Name == c.newName
		})
		if got, err := read[c.p](c.newName); err != nil || got != "" {
			t.Errorf("%s: the new file holds %q, %v", where, got, err)
		}

		name("a taken name", c.p, "Create new file", c.taken)
		h.waitFor("the refusal", func() bool { return strings.Contains(h.overlayText(), "already exists") })
		h.typeKey(fyne.KeyEscape)
		if got, err := read[c.p](c.taken); err != nil || got != c.content {
			t.Errorf("%s: the file whose name was taken holds %q, %v", where, got, err)
		}

		name("folder and enter", c.p, "Create folder and enter it", "drafts")
		want := c.p.src.join(where, "drafts")
		h.waitFor("the new folder shown", func() bool { return c.p.dir == want && c.p.busy.Hidden })
	}
	if !right.hidden.Checked {
		t.Error("Hidden files still off after .htaccess was made")
	}
	if fi, err := os.Stat(filepath.Join(dir, "drafts")); err != nil || !fi.IsDir() {
		t.Errorf("local folder: %v", err)
	}
}

// TestDeleteUnsafeNameSaysSo checks that deleting a server entry whose
// name Ferry does not act on (here a backslash) says so, instead of doing
// nothing without a word; the other entries chosen are deleted.
func TestDeleteUnsafeNameSaysSo(t *testing.T) {
	srv := newServer(t)
	for _, name := range []string{`/pub/back\slash.txt`, "/pub/plain.txt"} {
		if err := srv.FS().WriteFile(name, []byte("x"), time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, t.TempDir())
	p := h.connect(srv, "ferry", "s3cret", 1)
	p.navigate("/pub")
	h.waitFor("/pub listed", func() bool { return p.dir == "/pub" && p.busy.Hidden && p.model.rowOf("plain.txt") >= 0 })
	var sel []listing.Entry
	for _, n := range []string{`back\slash.txt`, "plain.txt"} {
		r := p.model.rowOf(n)
		if r < 0 {
			t.Fatalf("%s not listed", n)
		}
		sel = append(sel, *p.model.entryAt(r))
	}
	p.askDelete(sel)
	h.waitFor("the question", func() bool { return strings.Contains(h.overlayText(), "Delete these 2 items?") })
	h.typeKey(fyne.KeyReturn)
	h.waitFor("the reason", func() bool { return strings.Contains(h.overlayText(), "was left alone") })
	if _, err := srv.FS().ReadFile("/pub/plain.txt"); err == nil {
		t.Error("plain.txt was not deleted")
	}
	if _, err := srv.FS().ReadFile(`/pub/back\slash.txt`); err != nil {
		t.Errorf("the unsafe name: %v", err)
	}
	h.typeKey(fyne.KeyEscape)

	// In a folder: everything else in it is deleted, the folders that
	// hold the name are kept, and the message names it.
	for _, name := range []string{"/pub/dir/a.txt", `/pub/dir/back\slash2.txt`, "/pub/dir/sub/b.txt", "/pub/dir/sub2/c.txt"} {
		if err := srv.FS().WriteFile(name, []byte("x"), time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	p.navigate("/pub")
	h.waitFor("dir listed", func() bool { return p.dir == "/pub" && p.busy.Hidden && p.model.rowOf("dir") >= 0 })
	p.askDelete([]listing.Entry{*p.model.entryAt(p.model.rowOf("dir"))})
	h.waitFor("the question", func() bool { return strings.Contains(h.overlayText(), "dir") && h.overlayButton("Yes") != nil })
	h.typeKey(fyne.KeyReturn)
	h.waitFor("the reason", func() bool { return strings.Contains(h.overlayText(), `“back\slash2.txt” was left alone`) })
	for _, gone := range []string{"/pub/dir/a.txt", "/pub/dir/sub/b.txt", "/pub/dir/sub2/c.txt", "/pub/dir/sub"} {
		if _, err := srv.FS().Stat(gone); err == nil {
			t.Errorf("%s was not deleted", gone)
		}
	}
	if _, err := srv.FS().Stat(`/pub/dir/back\slash2.txt`); err != nil {
		t.Errorf("the unsafe name in the folder: %v", err)
	}
}
