package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore/ftptest"
)

// treeNames returns the tree's rows: folders by name, indented two
// spaces a level, and "…" or "!" for a folder being listed or failed.
func treeNames(t *folderTree) []string {
	var out []string
	for _, r := range t.model.rows {
		switch r.kind {
		case rowLoading:
			out = append(out, strings.Repeat("  ", r.node.depth+1)+"…")
		case rowFailed:
			out = append(out, strings.Repeat("  ", r.node.depth+1)+"!")
		default:
			out = append(out, strings.Repeat("  ", r.node.depth)+r.node.name)
		}
	}
	return out
}

// treeRow returns the drawn row of the tree folder at path.
func (h *harness) treeRow(t *folderTree, path string) *treeRowView {
	h.t.Helper()
	n := t.model.byPath[path]
	if n == nil {
		h.t.Fatalf("no tree folder %q in %q", path, treeNames(t))
	}
	row := t.model.rowOf(n)
	t.list.ScrollTo(row)
	var found *treeRowView
	walk(t, func(o fyne.CanvasObject) {
		if v, ok := o.(*treeRowView); ok && v.row == row && v.Visible() {
			found = v
		}
	})
	if found != nil {
		return found
	}
	h.t.Fatalf("tree folder %q (row %d) is not drawn", path, row)
	return nil
}

// tapTreeName taps a tree folder's name; tapTreeArrow its arrow.
func (h *harness) tapTreeName(t *folderTree, path string) {
	h.t.Helper()
	v := h.treeRow(t, path)
	v.Tapped(&fyne.PointEvent{Position: fyne.NewPos(v.arrowEnd()+30, 5)})
}

func (h *harness) tapTreeArrow(t *folderTree, path string) {
	h.t.Helper()
	v := h.treeRow(t, path)
	v.Tapped(&fyne.PointEvent{Position: fyne.NewPos(v.arrowEnd()-theme.IconInlineSize()/2, 5)})
}

// listings returns the folders a server was asked to list.
func listings(srv *ftptest.Server) []string {
	var out []string
	for _, c := range srv.Commands() {
		if dir, ok := strings.CutPrefix(c, "MLSD "); ok {
			out = append(out, dir)
		} else if c == "MLSD" || strings.HasPrefix(c, "LIST") {
			out = append(out, c)
		}
	}
	return out
}

// TestFolderTreeLazy: the right tree shows the server's folders from the
// pane's own listing; a folder is listed when opened, never before, and
// a name that could act on the screen is shown escaped.
func TestFolderTreeLazy(t *testing.T) {
	srv := newServer(t) // /pub, /pub/deep, /incoming
	if err := srv.FS().Mkdir("/bad\x1b]0;owned\x07"); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	tree := p.tree

	want := []string{"/", "  bad\x1b]0;owned\x07", "  incoming", "  pub"}
	if got := treeNames(tree); !slices.Equal(got, want) {
		t.Fatalf("tree = %q, want %q", got, want)
	}
	if got := listings(srv); !slices.Equal(got, []string{"/"}) {
		t.Fatalf("listings after connecting = %q, want only the pane's of /", got)
	}
	if v := h.treeRow(tree, "/bad\x1b]0;owned\x07"); strings.ContainsAny(v.full, "\x1b\x07") {
		t.Errorf("the row shows %q unescaped", v.full)
	}
	if n := tree.model.current; n == nil || n.path != "/" {
		t.Errorf("selected folder %v, want /", n)
	}

	// Opening pub lists it in the background, with "…" meanwhile.
	h.tapTreeArrow(tree, "/pub")
	if got := treeNames(tree); !slices.Contains(got, "    …") {
		t.Errorf("no loading row while pub is listed: %q", got)
	}
	h.waitFor("pub listed in the tree", func() bool { return tree.model.byPath["/pub"].state == nodeListed })
	want = []string{"/", "  bad\x1b]0;owned\x07", "  incoming", "  pub", "    deep"}
	if got := treeNames(tree); !slices.Equal(got, want) {
		t.Fatalf("tree with pub open = %q, want %q", got, want)
	}
	if got := listings(srv); !slices.Equal(got, []string{"/", "/pub"}) {
		t.Fatalf("listings = %q: only the folder opened may be listed", got)
	}
	if p.dir != "/" {
		t.Errorf("opening a folder in the tree moved the pane to %q", p.dir)
	}

	// Closed and opened again: no new listing.
	h.tapTreeArrow(tree, "/pub")
	h.tapTreeArrow(tree, "/pub")
	h.runTasks()
	if got := listings(srv); len(got) != 2 {
		t.Errorf("listings after closing and opening pub = %q", got)
	}

	// A folder that cannot be listed says why under it and in the log,
	// with no dialog.
	if err := srv.FS().Remove("/incoming"); err != nil {
		t.Fatal(err)
	}
	h.tapTreeArrow(tree, "/incoming")
	h.waitFor("incoming failed", func() bool { return tree.model.byPath["/incoming"].state == nodeFailed })
	if got := treeNames(tree); !slices.Contains(got, "    !") {
		t.Errorf("no error row under incoming: %q", got)
	}
	if len(h.win.Canvas().Overlays().List()) != 0 {
		t.Errorf("a dialog opened for a tree listing: %s", h.overlayText())
	}
	if !strings.Contains(h.mw.log.text(), "/incoming") {
		t.Errorf("the log does not name the folder:\n%s", h.mw.log.text())
	}
}

// TestFolderTreeFollowsPane: a click in the tree shows the folder in the
// pane, and every way the pane moves selects its folder in the tree.
func TestFolderTreeFollowsPane(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	tree := p.tree
	at := func(what, dir string) {
		t.Helper()
		h.waitFor(what, func() bool { return p.dir == dir && p.busy.Hidden })
		n := tree.model.current
		if n == nil || n.path != dir {
			t.Fatalf("%s: the tree selects %v, want %s", what, n, dir)
		}
		if row := tree.model.rowOf(n); row < 0 {
			t.Fatalf("%s: %s has no visible row in %q", what, dir, treeNames(tree))
		}
	}

	h.tapTreeName(tree, "/pub")
	at("pub chosen in the tree", "/pub")
	if names(p)[1] != "deep" {
		t.Errorf("pane shows %q", names(p))
	}

	// Into deep with a double click in the list: the tree opens pub.
	row := p.model.rowOf("deep")
	h.cellAt(p, row, colName).Tapped(nil)
	h.cellAt(p, row, colName).Tapped(nil)
	at("deep by double click", "/pub/deep")
	if got := treeNames(tree); !slices.Contains(got, "    deep") {
		t.Errorf("tree does not show deep under pub: %q", got)
	}

	p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	at("up with Backspace", "/pub")

	p.pathBar.SetText("/incoming")
	p.pathBar.OnSubmitted(p.pathBar.Text)
	at("incoming from the path bar", "/incoming")

	h.tapTreeName(tree, "/pub/deep")
	at("deep chosen in the tree", "/pub/deep")

	// Synchronised browsing takes the pane along, and its tree with it.
	h.tapTreeName(tree, "/")
	at("back to the top", "/")
	local := h.mw.panes[0]
	if err := os.Mkdir(filepath.Join(local.dir, "pub"), 0o755); err != nil {
		t.Fatal(err)
	}
	local.refresh()
	h.waitFor("local pub listed", func() bool { return local.model.rowOf("pub") >= 0 && local.busy.Hidden })
	h.menuAction("View", "Synchronised browsing").Action()
	local.activate(local.model.rowOf("pub"))
	at("pub by synchronised browsing", "/pub")
	if n := local.tree.model.current; n == nil || n.path != local.dir || n.name != "pub" {
		t.Errorf("the left tree selects %v", n)
	}
}

// TestFolderTreeLocalRoot: the left tree starts at "/" with the folders
// down to the pane's; a link to a folder is shown as one, a link to a
// file is not a folder.
func TestFolderTreeLocalRoot(t *testing.T) {
	local := localTree(t)
	if err := os.Symlink("sub", filepath.Join(local, "to-sub")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.txt", filepath.Join(local, "to-a")); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	tree := h.mw.panes[0].tree
	if len(tree.model.roots) != 1 || tree.model.roots[0].path != "/" {
		t.Fatalf("roots %v, want /", tree.model.roots)
	}
	n := tree.model.current
	if n == nil || n.path != local {
		t.Fatalf("selected %v, want %s", n, local)
	}
	var kids []string
	for _, k := range n.kids {
		kids = append(kids, k.name)
		if k.name == "to-sub" && (!k.link || k.target != "sub") {
			t.Errorf("to-sub: link %v target %q", k.link, k.target)
		}
	}
	if !slices.Equal(kids, []string{"sub", "to-sub"}) {
		t.Errorf("folders of the pane's folder = %q, want sub and to-sub", kids)
	}
	for a := n.parent; a != nil; a = a.parent {
		if !a.open {
			t.Errorf("%s above the pane's folder is closed", a.path)
		}
	}
}

// TestFolderTreeToggleRemembered: View ▸ Right folder tree hides the
// tree and the next start of the window reads the choice back.
func TestFolderTreeToggleRemembered(t *testing.T) {
	local := localTree(t)
	cfg := t.TempDir()
	h := newHarnessWithConfig(t, local, cfg)
	right := h.mw.panes[1]
	item := h.menuAction("View", "Right folder tree")
	if !item.Checked || !right.treeShown() || !h.drawn(right.tree) {
		t.Fatal("the right tree is not shown at first start")
	}
	item.Action()
	if item.Checked || right.treeShown() || h.drawn(right.tree) {
		t.Fatal("the right tree is still shown after View ▸ Right folder tree")
	}
	if !h.mw.panes[0].treeShown() {
		t.Fatal("the left tree went too")
	}

	h2 := h.restart(local, cfg)
	item = h2.menuAction("View", "Right folder tree")
	if item.Checked || h2.mw.panes[1].treeShown() || h2.drawn(h2.mw.panes[1].tree) {
		t.Fatal("the right tree is back after a restart")
	}
	if !h2.menuAction("View", "Left folder tree").Checked || !h2.drawn(h2.mw.panes[0].tree) {
		t.Fatal("the left tree is gone after a restart")
	}
	item.Action()
	if !item.Checked || !h2.drawn(h2.mw.panes[1].tree) {
		t.Fatal("the right tree does not come back")
	}
	h3 := h2.restart(local, cfg)
	if !h3.mw.panes[1].treeShown() || !h3.drawn(h3.mw.panes[1].tree) {
		t.Fatal("the right tree shown again is not remembered")
	}
}

// drawn reports whether o is part of the window's content and visible.
func (h *harness) drawn(o fyne.CanvasObject) bool {
	found := false
	walk(h.win.Content(), func(c fyne.CanvasObject) {
		if c == o && c.Visible() && !c.Size().IsZero() {
			found = true
		}
	})
	return found
}

// TestFolderTreeDrop: rows dragged from the left pane onto a folder of
// the right tree are uploaded into that folder, byte for byte, and so
// are files dropped from the system's file manager onto another one.
func TestFolderTreeDrop(t *testing.T) {
	srv := newServer(t)
	local := t.TempDir()
	dragged, dropped := randomBytes(t, 70_000), randomBytes(t, 5_000)
	if err := os.WriteFile(filepath.Join(local, "dragged.bin"), dragged, 0o644); err != nil {
		t.Fatal(err)
	}
	osFile := filepath.Join(t.TempDir(), "dropped.bin")
	if err := os.WriteFile(osFile, dropped, 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	left := h.mw.panes[0]
	right := h.connect(srv, "ferry", "s3cret", 1)

	cell := h.cellAt(left, left.model.rowOf("dragged.bin"), colName)
	target := h.treeRow(right.tree, "/incoming")
	d := fyne.CurrentApp().Driver()
	start := d.AbsolutePositionForObject(cell).Add(fyne.NewPos(10, 5))
	end := d.AbsolutePositionForObject(target).Add(fyne.NewPos(60, 5))
	cell.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(10, 5)},
		Dragged: fyne.NewDelta(end.X-start.X, end.Y-start.Y)})
	if right.tree.dropRow != target.row {
		t.Fatalf("the tree frames row %d, want incoming's %d", right.tree.dropRow, target.row)
	}
	cell.DragEnd()
	if right.tree.dropRow != -1 {
		t.Error("the frame stays after the drop")
	}

	pubRow := h.treeRow(right.tree, "/pub")
	h.mw.drag.osDrop(d.AbsolutePositionForObject(pubRow).Add(fyne.NewPos(60, 5)),
		[]fyne.URI{storage.NewFileURI(osFile)})

	done, failed := h.queueSettled(2)
	if len(failed) != 0 || len(done) != 2 {
		t.Fatalf("done %d, failed %v", len(done), failed)
	}
	for path, want := range map[string][]byte{"/incoming/dragged.bin": dragged, "/pub/dropped.bin": dropped} {
		got, err := srv.FS().ReadFile(path)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: %d bytes, err %v; want %d bytes", path, len(got), err, len(want))
		}
	}
	if right.dir != "/" {
		t.Errorf("the drop moved the pane to %q", right.dir)
	}
}

// TestListFolderRowDrop: rows dragged onto a folder row of the other
// pane's list, or files dropped there from the file manager, go into
// that folder, as in FileZilla; the row is framed meanwhile. Below the
// rows they go into the folder the pane shows.
func TestListFolderRowDrop(t *testing.T) {
	srv := newServer(t)
	local := t.TempDir()
	dragged, below := randomBytes(t, 7_000), randomBytes(t, 3_000)
	for name, data := range map[string][]byte{"dragged.bin": dragged, "below.bin": below} {
		if err := os.WriteFile(filepath.Join(local, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	osFile := filepath.Join(t.TempDir(), "dropped.bin")
	if err := os.WriteFile(osFile, below, 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	left := h.mw.panes[0]
	right := h.connect(srv, "ferry", "s3cret", 1)
	d := fyne.CurrentApp().Driver()
	drag := func(name string, to fyne.Position) *fileCell {
		cell := h.cellAt(left, left.model.rowOf(name), colName)
		start := d.AbsolutePositionForObject(cell).Add(fyne.NewPos(10, 5))
		cell.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(10, 5)},
			Dragged: fyne.NewDelta(to.X-start.X, to.Y-start.Y)})
		return cell
	}

	incoming := right.model.rowOf("incoming")
	cell := drag("dragged.bin", d.AbsolutePositionForObject(h.cellAt(right, incoming, colSize)).Add(fyne.NewPos(5, 5)))
	if right.list.dropRow != incoming {
		t.Fatalf("the list frames row %d, want incoming's %d", right.list.dropRow, incoming)
	}
	cell.DragEnd()
	if right.list.dropRow != -1 {
		t.Error("the frame stays after the drop")
	}

	listEnd := d.AbsolutePositionForObject(right.list).Add(fyne.NewPos(40, right.list.Size().Height-10))
	cell = drag("below.bin", listEnd)
	if right.list.dropRow != -1 {
		t.Errorf("below the rows, the list frames row %d", right.list.dropRow)
	}
	cell.DragEnd()

	pub := h.cellAt(right, right.model.rowOf("pub"), colName)
	h.mw.drag.osDrop(d.AbsolutePositionForObject(pub).Add(fyne.NewPos(60, 5)), []fyne.URI{storage.NewFileURI(osFile)})

	done, failed := h.queueSettled(3)
	if len(failed) != 0 || len(done) != 3 {
		t.Fatalf("done %d, failed %v", len(done), failed)
	}
	for path, want := range map[string][]byte{"/incoming/dragged.bin": dragged, "/below.bin": below, "/pub/dropped.bin": below} {
		if got, err := srv.FS().ReadFile(path); err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: %d bytes, %v", path, len(got), err)
		}
	}
}
