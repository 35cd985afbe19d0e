package ui

import (
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/ftptest"
)

// treeMenu right-clicks the tree folder at path and returns the items of
// the menu that opens, by label.
func (h *harness) treeMenu(t *folderTree, path string) map[string]*fyne.MenuItem {
	h.t.Helper()
	test.TapSecondary(h.treeRow(t, path))
	items := h.popupItems()
	if len(items) == 0 {
		h.t.Fatalf("no menu opened on tree folder %q", path)
	}
	return items
}

// treeAction right-clicks the tree folder at path and chooses label.
func (h *harness) treeAction(t *folderTree, path, label string) {
	h.t.Helper()
	it := h.treeMenu(t, path)[label]
	if it == nil || it.Disabled {
		h.t.Fatalf("the menu of %q has no enabled %q", path, label)
	}
	h.menuItem(label).Tapped(&fyne.PointEvent{})
	h.runTasks()
}

// popupItems returns the items of the pop-up menus on screen by label.
// Fyne's menu rows keep their fyne.MenuItem in an exported field of an
// unexported type, which reflection reads.
func (h *harness) popupItems() map[string]*fyne.MenuItem {
	out := map[string]*fyne.MenuItem{}
	itemType := reflect.TypeFor[*fyne.MenuItem]()
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			v := reflect.ValueOf(o)
			if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
				return
			}
			if f := v.Elem().FieldByName("Item"); f.IsValid() && f.Type() == itemType && f.CanInterface() {
				if it := f.Interface().(*fyne.MenuItem); it != nil && !it.IsSeparator {
					out[it.Label] = it
				}
			}
		})
	}
	return out
}

// serverHas reports whether the test server holds path.
func serverHas(srv *ftptest.Server, path string) bool {
	_, err := srv.FS().Stat(path)
	return err == nil
}

// TestFolderTreeMenuItems: a folder of a server's tree offers what the
// file list offers for a folder; the root has nothing to be renamed or
// deleted in, and no name to be downloaded under. Open and Copy path act
// on the folder clicked, not on the pane's.
func TestFolderTreeMenuItems(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	tree := p.tree

	items := h.treeMenu(tree, "/pub")
	for _, label := range []string{"Open", "Download", "Create folder", "Refresh", "Delete", "Rename",
		"Copy path to clipboard", "Copy URL to clipboard"} {
		if it := items[label]; it == nil || it.Disabled {
			t.Errorf("the menu of /pub has no enabled %q; it has %v", label, slices.Sorted(maps.Keys(items)))
		}
	}
	if row := tree.model.rowOf(tree.model.byPath["/pub"]); tree.model.cursor != row {
		t.Errorf("the keyboard cursor is on row %d, want pub's %d", tree.model.cursor, row)
	}
	// Framed as a drop target is, more than the cursor's thin outline.
	if v := h.treeRow(tree, "/pub"); v.bg.StrokeWidth < 2 {
		t.Errorf("the folder whose menu is open has a frame %v wide", v.bg.StrokeWidth)
	}
	h.menuItem("Copy path to clipboard").Tapped(&fyne.PointEvent{})
	if v := h.treeRow(tree, "/pub"); v.bg.StrokeWidth >= 2 || tree.menuFor != nil {
		t.Error("the frame stays after the menu closed")
	}
	if got := h.app.Clipboard().Content(); got != "/pub" {
		t.Errorf("clipboard %q, want /pub", got)
	}

	h.treeAction(tree, "/pub", "Open")
	h.waitFor("the pane in pub", func() bool { return p.dir == "/pub" && p.busy.Hidden })
	if got := names(p); !slices.Contains(got, "deep") {
		t.Errorf("the pane shows %q", got)
	}

	// A name that could act on a terminal: its path is not put on the
	// clipboard as it is, its URL is (escaped), and the question to
	// delete it shows it escaped.
	const bad = "/bad\x1b]0;owned\x07"
	if err := srv.FS().Mkdir(bad); err != nil {
		t.Fatal(err)
	}
	h.treeAction(tree, "/", "Refresh")
	h.waitFor("the odd folder in the tree", func() bool { return tree.model.byPath[bad] != nil })
	items = h.treeMenu(tree, bad)
	if it := items["Copy path to clipboard"]; it == nil || !it.Disabled {
		t.Errorf("Copy path of %q: %v, want disabled", bad, it)
	}
	h.menuItem("Copy URL to clipboard").Tapped(&fyne.PointEvent{})
	if got := h.app.Clipboard().Content(); strings.ContainsAny(got, "\x1b\x07") || !strings.HasSuffix(got, "/bad%1B%5D0;owned%07") {
		t.Errorf("clipboard %q", got)
	}
	h.treeAction(tree, bad, "Delete")
	if got := h.overlayText(); strings.ContainsAny(got, "\x1b\x07") || !strings.Contains(got, `bad\x1b]0;owned\x07`) {
		t.Errorf("the question shows %q", got)
	}
	h.typeKey(fyne.KeyEscape)

	items = h.treeMenu(tree, "/")
	for _, label := range []string{"Delete", "Rename"} {
		if items[label] != nil {
			t.Errorf("the root's menu offers %q", label)
		}
	}
	if it := items["Download"]; it == nil || !it.Disabled {
		t.Errorf("the root's Download is %v, want there and disabled", it)
	}
	for _, label := range []string{"Open", "Create folder", "Refresh"} {
		if it := items[label]; it == nil || it.Disabled {
			t.Errorf("the root's menu has no enabled %q", label)
		}
	}
}

// TestFolderTreeMenuDelete: Delete asks first, saying where; while the
// question is open the tree's keys go to it; Escape keeps the folder,
// Enter deletes it and nothing else. The pane, which showed a folder
// inside it, moves up to the parent without an error.
func TestFolderTreeMenuDelete(t *testing.T) {
	srv := newServer(t) // /pub, /pub/deep, /pub/a.txt, /incoming, files at the top
	h, p := paneInDeep(t, srv)
	tree := p.tree

	h.treeAction(tree, "/pub", "Delete")
	got := h.overlayText()
	if !strings.Contains(got, "“pub”") || !strings.Contains(got, "In / on "+addrLabel(srv.Addr())) {
		t.Fatalf("the question %q does not say what and where", got)
	}
	cursor := tree.model.cursor
	for _, k := range []fyne.KeyName{fyne.KeyUp, fyne.KeyLeft, fyne.KeyBackspace} {
		h.typeKey(k)
	}
	h.runTasks()
	if tree.model.cursor != cursor || !tree.model.byPath["/pub"].open || p.dir != "/pub/deep" || !p.busy.Hidden {
		t.Error("the tree or the pane took keys while the question was open")
	}
	h.typeKey(fyne.KeyEscape)
	if len(h.win.Canvas().Overlays().List()) != 0 {
		t.Fatal("Escape left the question open")
	}
	h.runTasks()
	if !serverHas(srv, "/pub/deep") || !serverHas(srv, "/pub/a.txt") {
		t.Fatal("Escape deleted pub")
	}

	h.treeAction(tree, "/pub", "Delete")
	h.typeKey(fyne.KeyReturn)
	h.waitFor("pub deleted and the pane moved up", func() bool {
		return !serverHas(srv, "/pub") && p.dir == "/" && p.busy.Hidden
	})
	for _, keep := range []string{"/incoming", "/readme.txt", "/big.bin", "/zeta.dat"} {
		if !serverHas(srv, keep) {
			t.Errorf("%s went with pub", keep)
		}
	}
	if slices.Contains(names(p), "pub") {
		t.Errorf("the pane still lists pub: %q", names(p))
	}
	if got := treeNames(tree); !slices.Equal(got, []string{"/", "  incoming"}) {
		t.Errorf("tree = %q, want / and incoming", got)
	}
	if h.overlayText() != "" {
		t.Errorf("a dialog opened: %q", h.overlayText())
	}
}

// TestFolderTreeMenuRename: Rename renames the folder on the server, the
// tree shows the new name in place of the old, and the pane, which
// showed a folder inside it, shows the same folder under its new path.
func TestFolderTreeMenuRename(t *testing.T) {
	srv := newServer(t)
	h, p := paneInDeep(t, srv)
	tree := p.tree

	h.treeAction(tree, "/pub", "Rename")
	fields := h.overlayEntries()
	if len(fields) != 1 || fields[0].Text != "pub" {
		t.Fatalf("the rename dialog's fields: %v", fields)
	}
	fields[0].SetText("public")
	h.typeKey(fyne.KeyReturn)
	h.waitFor("pub renamed and the pane moved", func() bool {
		return serverHas(srv, "/public/a.txt") && p.dir == "/public/deep" && p.busy.Hidden
	})
	if serverHas(srv, "/pub") {
		t.Error("the server still has /pub")
	}
	want := []string{"/", "  incoming", "  public", "    deep"}
	h.waitFor("the tree in step", func() bool { return slices.Equal(treeNames(tree), want) })
	if n := tree.model.current; n == nil || n.path != "/public/deep" {
		t.Errorf("the tree selects %v", n)
	}
	if h.overlayText() != "" {
		t.Errorf("a dialog opened: %q", h.overlayText())
	}
}

// TestFolderTreeMenuTransfer: Download queues the whole folder into the
// left pane's folder and the bytes arrive unchanged; Upload from the
// left tree does the same the other way. Copying a folder into itself
// between two local panes is not offered.
func TestFolderTreeMenuTransfer(t *testing.T) {
	srv := newServer(t)
	deepBytes, upBytes := randomBytes(t, 90_000), randomBytes(t, 33_000)
	if err := srv.FS().WriteFile("/pub/deep/r.bin", deepBytes, time.Now()); err != nil {
		t.Fatal(err)
	}
	local := localTree(t)
	inner := filepath.Join(local, "sub", "inner")
	if err := os.Mkdir(inner, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inner, "u.bin"), upBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	left := h.mw.panes[0]

	// Both panes on this disk, the right one in the left's folder.
	if it := h.treeMenu(left.tree, filepath.Join(local, "sub"))["Copy to the other side"]; it == nil || !it.Disabled {
		t.Errorf("copying sub onto itself: %v, want disabled", it)
	}
	h.win.Canvas().Overlays().Top().Hide()

	// Folders below the panes' own: pub/deep from the server's top,
	// sub/inner from the local folder, each to the other pane's folder.
	right := h.connect(srv, "ferry", "s3cret", 1)
	h.tapTreeArrow(right.tree, "/pub")
	h.tapTreeArrow(left.tree, filepath.Join(local, "sub"))
	h.waitFor("pub and sub listed in the trees", func() bool {
		return right.tree.model.byPath["/pub"].state == nodeListed &&
			left.tree.model.byPath[filepath.Join(local, "sub")].state == nodeListed
	})
	h.treeAction(right.tree, "/pub/deep", "Download")
	h.treeAction(left.tree, inner, "Upload")
	// Each folder is listed before its files are queued, and the panel
	// shows the queue's news at its next tick: a count of finished jobs
	// can be reached before the other folder's file is even queued. Wait
	// for the files themselves.
	arrived := func() (down, up bool) {
		got, err := os.ReadFile(filepath.Join(local, "deep", "r.bin"))
		down = err == nil && slices.Equal(got, deepBytes)
		got, err = srv.FS().ReadFile("/inner/u.bin")
		return down, err == nil && slices.Equal(got, upBytes)
	}
	h.waitFor("deep/r.bin downloaded and inner/u.bin uploaded", func() bool {
		if ids := h.mw.qpanel.tabs[tabFailed]; len(ids) != 0 {
			t.Fatalf("failed: %v", h.mw.qpanel.jobs[ids[0]])
		}
		down, up := arrived()
		return down && up
	})
	if _, failed := h.queueSettled(2); len(failed) != 0 {
		t.Fatalf("failed: %v", failed)
	}
}

// TestFolderTreeMenuMkdirRefresh: Create folder makes the folder inside
// the one clicked (not in the pane's) and opens it in the tree; Refresh
// forgets what the tree knew of a folder and lists it again.
func TestFolderTreeMenuMkdirRefresh(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	tree := p.tree

	h.treeAction(tree, "/incoming", "Create folder")
	fields := h.overlayEntries()
	if len(fields) != 1 {
		t.Fatalf("the dialog has %d fields", len(fields))
	}
	fields[0].SetText("made")
	h.typeKey(fyne.KeyReturn)
	h.waitFor("made in the tree", func() bool { return tree.model.byPath["/incoming/made"] != nil && p.busy.Hidden })
	if !serverHas(srv, "/incoming/made") || serverHas(srv, "/made") {
		t.Error("the folder was not made inside incoming")
	}
	if p.dir != "/" {
		t.Errorf("the pane moved to %q", p.dir)
	}

	h.tapTreeArrow(tree, "/pub")
	h.waitFor("pub listed", func() bool { return tree.model.byPath["/pub"].state == nodeListed })
	if err := srv.FS().Mkdir("/pub/later"); err != nil {
		t.Fatal(err)
	}
	h.treeAction(tree, "/pub", "Refresh")
	h.waitFor("later in the tree", func() bool { return tree.model.byPath["/pub/later"] != nil })
	if got := treeNames(tree); !slices.Contains(got, "    later") {
		t.Errorf("tree = %q", got)
	}
}

// paneInDeep connects the right pane to srv and opens /pub/deep through
// the folder tree, a folder at a time.
func paneInDeep(t *testing.T, srv *ftptest.Server) (*harness, *pane) {
	t.Helper()
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	h.tapTreeName(p.tree, "/pub")
	h.waitFor("the pane in pub", func() bool { return p.dir == "/pub" && p.busy.Hidden })
	h.tapTreeName(p.tree, "/pub/deep")
	h.waitFor("the pane in deep", func() bool { return p.dir == "/pub/deep" && p.busy.Hidden })
	return h, p
}
