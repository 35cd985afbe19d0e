package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
)

// TestBookmarkAddOpenManage adds a bookmark for the connected server
// through Bookmarks ▸ Add bookmark (Enter confirms), finds it in the
// menu under the server after the panes moved elsewhere, opens it (both
// panes go back, synchronised browsing on: entering a folder on the
// local side enters it on the server), then removes it in Manage
// bookmarks.
func TestBookmarkAddOpenManage(t *testing.T) {
	srv := newServer(t)
	cfgDir, localDir := t.TempDir(), t.TempDir()
	work := filepath.Join(localDir, "work")
	if err := os.MkdirAll(filepath.Join(work, "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWithConfig(t, localDir, cfgDir)
	left := h.mw.panes[0]
	left.navigate(work)
	h.waitFor("local work folder", func() bool { return left.dir == work && left.busy.Hidden })
	right := h.connect(srv, "ferry", "s3cret", 1)
	right.navigate("/pub")
	h.waitFor("remote /pub", func() bool { return right.dir == "/pub" && right.busy.Hidden })

	h.menuAction("Bookmarks", "Add bookmark…").Action()
	entries := h.overlayEntries()
	if len(entries) != 3 || entries[1].Text != work || entries[2].Text != "/pub" {
		t.Fatalf("the dialog's fields: %v", entryTexts(entries))
	}
	test.Type(h.win.Canvas().Focused().(fyne.Focusable), "Project")
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			if c, ok := o.(interface{ SetChecked(bool) }); ok {
				if txt := textIn(o); strings.Contains(txt, "Synchronised browsing") {
					c.SetChecked(true)
				}
			}
		})
	}
	h.typeKey(fyne.KeyReturn)
	h.waitFor("the bookmark in the menu", func() bool { return len(h.mw.marks.menu.Items) == 4 })
	data, _ := os.ReadFile(filepath.Join(cfgDir, profile.BookmarksFileName))
	if strings.Contains(string(data), "s3cret") {
		t.Fatalf("bookmarks.json holds the password:\n%s", data)
	}
	var item *fyne.MenuItem
	for _, it := range h.mw.marks.menu.Items {
		if it.ChildMenu != nil && len(it.ChildMenu.Items) == 1 && it.ChildMenu.Items[0].Label == "Project" {
			item = it.ChildMenu.Items[0]
		}
	}
	if item == nil {
		t.Fatalf("no Project under its server in %v", menuLabels(h.mw.marks.menu.Items))
	}

	left.navigate(localDir)
	right.navigate("/incoming")
	h.waitFor("panes elsewhere", func() bool {
		return left.dir == localDir && right.dir == "/incoming" && left.busy.Hidden && right.busy.Hidden
	})
	item.Action()
	h.waitFor("both panes at the bookmark", func() bool {
		return left.dir == work && right.dir == "/pub" && left.busy.Hidden && right.busy.Hidden
	})
	if !h.mw.linked.on {
		t.Fatal("synchronised browsing is off")
	}
	left.navigate(filepath.Join(work, "deep"))
	h.waitFor("the server side followed", func() bool { return right.dir == "/pub/deep" && right.busy.Hidden })

	h.menuAction("Bookmarks", "Manage bookmarks…").Action()
	if !strings.Contains(h.overlayText(), "Project: local "+work+", remote /pub") {
		t.Fatalf("the manager shows %q", h.overlayText())
	}
	var list interface{ Select(int) }
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			if l, ok := o.(interface{ Select(int) }); ok && list == nil {
				list = l
			}
		})
	}
	list.Select(0)
	// Remove asks first: Escape keeps the bookmark, Enter deletes it.
	h.tapOverlay("Remove")
	h.waitFor("the question", func() bool { return strings.Contains(h.overlayText(), "Remove the bookmark “Project”?") })
	h.typeKey(fyne.KeyEscape)
	h.runTasks()
	if strings.Contains(h.overlayText(), "Remove the bookmark") || len(h.mw.marks.store.All()) != 1 {
		t.Fatalf("after Escape: %d bookmarks, dialogs %q", len(h.mw.marks.store.All()), h.overlayText())
	}
	h.tapOverlay("Remove")
	h.waitFor("the question", func() bool { return strings.Contains(h.overlayText(), "Remove the bookmark “Project”?") })
	h.typeKey(fyne.KeyReturn)
	h.waitFor("the bookmark removed", func() bool { return len(h.mw.marks.store.All()) == 0 })
	h.waitFor("the manager emptied", func() bool { return !strings.Contains(h.overlayText(), "Project:") })
	h.typeKey(fyne.KeyEscape)
	if len(h.win.Canvas().Overlays().List()) != 0 {
		t.Error("Escape left the manager open")
	}
}

// TestBookmarkNeedsItsServer opens a site's bookmark while no pane shows
// that server: nothing moves and the error says to connect first.
func TestBookmarkNeedsItsServer(t *testing.T) {
	h := newHarness(t, t.TempDir())
	before := h.mw.panes[0].dir
	h.mw.openBookmark(profile.Bookmark{Name: "Far", Site: "ftp://u@far.example:21", LocalDir: t.TempDir(), RemoteDir: "/x"})
	if txt := h.overlayText(); !strings.Contains(txt, "connect to far.example first") {
		t.Errorf("the error says %q", txt)
	}
	h.runTasks()
	if h.mw.panes[0].dir != before {
		t.Error("the local pane moved for a bookmark that could not open")
	}
}

// TestBookmarkMissingFolder opens a global bookmark whose remote folder
// is not on the server: the error names it, and neither pane moves.
func TestBookmarkMissingFolder(t *testing.T) {
	srv := newServer(t)
	localDir := t.TempDir()
	h := newHarness(t, localDir)
	right := h.connect(srv, "ferry", "s3cret", 1)
	left := h.mw.panes[0]
	leftBefore, rightBefore := left.dir, right.dir
	h.mw.openBookmark(profile.Bookmark{Name: "Gone", LocalDir: t.TempDir(), RemoteDir: "/no/such/folder", Linked: true})
	h.waitFor("the error", func() bool { return strings.Contains(h.overlayText(), "/no/such/folder") })
	if left.dir != leftBefore || right.dir != rightBefore || h.mw.linked.on {
		t.Errorf("panes at %q and %q (linked %v) after a failed bookmark", left.dir, right.dir, h.mw.linked.on)
	}
	if !left.busy.Hidden || !right.busy.Hidden {
		t.Error("a pane stays busy")
	}
}

func entryTexts(es []*widget.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Text)
	}
	return out
}
