package ui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
)

// bookmarkList returns the open Manage bookmarks list.
func (h *harness) bookmarkList() *dialogList {
	h.t.Helper()
	for _, o := range h.win.Canvas().Overlays().List() {
		if lists := findAll[*dialogList](o); len(lists) > 0 {
			return lists[0]
		}
	}
	h.t.Fatal("no bookmark list open")
	return nil
}

// selectBookmark selects row i of the open Manage bookmarks list.
func (h *harness) selectBookmark(i int) {
	h.t.Helper()
	h.bookmarkList().Select(i)
}

// overlayCheck returns the check box labelled text in the top dialog.
func (h *harness) overlayCheck(text string) *widget.Check {
	h.t.Helper()
	top := h.win.Canvas().Overlays().Top()
	for _, c := range findAll[*widget.Check](top) {
		if c.Text == text {
			return c
		}
	}
	for _, c := range findAll[*dialogCheck](top) {
		if c.Text == text {
			return &c.Check
		}
	}
	h.t.Fatalf("no check box %q in %q", text, h.overlayText())
	return nil
}

// TestBookmarkEdit edits a global bookmark and a server's one in Manage
// bookmarks: new names, folders and synchronised browsing, saved with
// Enter and read back from bookmarks.json, the menu and the manager's
// list following. An empty name cannot be saved; Escape leaves the
// bookmark as it was.
func TestBookmarkEdit(t *testing.T) {
	cfgDir, localDir := t.TempDir(), t.TempDir()
	const site = "ftp://ferry@example.org:21"
	store, err := profile.OpenBookmarks(cfgDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []profile.Bookmark{
		{Name: "Logs", RemoteDir: "/var/log"},
		{Name: "Web", Site: site, LocalDir: localDir, RemoteDir: "/www", Linked: true},
	} {
		if err := store.Add(b); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarnessWithConfig(t, localDir, cfgDir)
	h.menuAction("Bookmarks", "Manage bookmarks…").Action()

	edit := func(row int, name, local, remote string, linked bool) {
		t.Helper()
		h.selectBookmark(row)
		h.tapOverlay("Edit…")
		h.waitFor("the edit dialog", func() bool { return len(h.overlayEntries()) == 3 })
		e := h.overlayEntries()
		for i, text := range []string{name, local, remote} {
			e[i].SetText(text)
		}
		h.overlayCheck("Synchronised browsing").SetChecked(linked)
		h.typeKey(fyne.KeyReturn)
	}
	sub := filepath.Join(localDir, "logs")
	edit(0, "System logs", sub, "/var/log/sys", true)
	// The list is read again once the file is written.
	h.waitFor("the global bookmark listed", func() bool { return strings.Contains(h.overlayText(), "System logs: ") })
	edit(1, "Website", "", "/www/new", false)
	h.waitFor("the server's bookmark listed", func() bool { return strings.Contains(h.overlayText(), "Website: ") })
	txt := h.overlayText()
	for _, line := range []string{"System logs: local " + sub + ", remote /var/log/sys (all servers, synchronised browsing)",
		"Website: local –, remote /www/new (example.org)"} {
		if !strings.Contains(txt, line) {
			t.Errorf("the manager lacks %q:\n%s", line, txt)
		}
	}

	// An empty name is refused; Escape then cancels and nothing changes.
	h.selectBookmark(0)
	h.tapOverlay("Edit…")
	h.waitFor("the edit dialog", func() bool { return len(h.overlayEntries()) == 3 })
	h.overlayEntries()[0].SetText(" ")
	h.typeKey(fyne.KeyReturn)
	h.runTasks()
	if len(h.overlayEntries()) != 3 {
		t.Fatal("the dialog closed on an empty name")
	}
	h.typeKey(fyne.KeyEscape)
	h.runTasks()
	if len(h.overlayEntries()) != 0 {
		t.Fatal("Escape left the edit dialog open")
	}

	want := []profile.Bookmark{
		{Name: "System logs", LocalDir: sub, RemoteDir: "/var/log/sys", Linked: true},
		{Name: "Website", Site: site, RemoteDir: "/www/new"},
	}
	again, err := profile.OpenBookmarks(cfgDir)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.All(); !slices.Equal(got, want) {
		t.Errorf("bookmarks.json holds\n%+v\nwant\n%+v", got, want)
	}
	// A tap on a row gives the list the focus; Escape still closes.
	h.win.Canvas().Focus(h.bookmarkList())
	h.typeKey(fyne.KeyEscape)
	if n := len(h.win.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("Escape in the list left %d dialogs open", n)
	}
	h.bookmarkItem("", "System logs")
	h.bookmarkItem("example.org", "Website")
}
