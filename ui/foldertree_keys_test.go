package ui

import (
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

// TestFolderTreeKeys: with the tree focused, Up and Down move, Right
// opens and enters, Left goes to the parent and closes, Enter shows the
// folder in the pane; while a dialog is open the tree takes no key.
func TestFolderTreeKeys(t *testing.T) {
	srv := newServer(t) // /, /incoming, /pub, /pub/deep
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	tree := p.tree
	c := h.win.Canvas()
	c.Focus(tree)
	if c.Focused() != tree || h.mw.active != p {
		t.Fatalf("focus on %T, active pane %d", c.Focused(), h.mw.active.side)
	}
	on := func(what, path string) {
		t.Helper()
		if n := tree.model.nodeAt(tree.model.cursor); n == nil || n.path != path {
			t.Fatalf("%s: cursor on %v, want %s (rows %q)", what, n, path, treeNames(tree))
		}
	}
	on("at first", "/")
	h.pressKey(fyne.KeyDown)
	on("Down", "/incoming")
	// The cursor's frame is thin but opaque: half transparent, one
	// pixel wide, it could hardly be seen in the dark theme.
	if v := h.treeRow(tree, "/incoming"); v.bg.StrokeWidth == 0 || alphaOf(v.bg.StrokeColor) != 0xff {
		t.Errorf("the cursor's frame is %v wide in %v", v.bg.StrokeWidth, v.bg.StrokeColor)
	}
	h.pressKey(fyne.KeyDown)
	on("Down", "/pub")
	h.pressKey(fyne.KeyDown)
	on("Down at the end", "/pub")
	h.pressKey(fyne.KeyRight)
	h.waitFor("pub listed", func() bool { return tree.model.byPath["/pub"].state == nodeListed })
	on("Right opens", "/pub")
	h.pressKey(fyne.KeyRight)
	on("Right into the open folder", "/pub/deep")
	h.pressKey(fyne.KeyLeft)
	on("Left from a closed folder", "/pub")
	h.pressKey(fyne.KeyLeft)
	if tree.model.byPath["/pub"].open {
		t.Fatal("Left on an open folder does not close it")
	}
	h.pressKey(fyne.KeyUp)
	on("Up", "/incoming")
	if p.dir != "/" {
		t.Fatalf("moving in the tree moved the pane to %s", p.dir)
	}
	h.pressKey(fyne.KeyReturn)
	h.waitFor("Enter shows incoming", func() bool { return p.dir == "/incoming" && p.busy.Hidden })

	// A dialog over the window: the tree's keys do nothing, even when the
	// tree still had the focus.
	p.askMkdir()
	if len(c.Overlays().List()) != 1 {
		t.Fatal("no dialog")
	}
	before := treeNames(tree)
	cursor := tree.model.cursor
	for _, k := range []fyne.KeyName{fyne.KeyUp, fyne.KeyDown, fyne.KeyRight, fyne.KeyLeft} {
		tree.TypedKey(&fyne.KeyEvent{Name: k})
	}
	h.runTasks()
	if tree.model.cursor != cursor || !slices.Equal(treeNames(tree), before) || p.dir != "/incoming" {
		t.Errorf("keys reached the tree under the dialog: cursor %d→%d, rows %q→%q, pane %s",
			cursor, tree.model.cursor, before, treeNames(tree), p.dir)
	}
	tree.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(c.Overlays().List()) != 0 {
		t.Error("Escape did not close the dialog")
	}
	tree.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if tree.model.cursor == cursor {
		t.Error("the tree takes no key after the dialog closed")
	}
}

// alphaOf is c's opacity, 0 to 0xff.
func alphaOf(c color.Color) uint32 {
	if c == nil {
		return 0
	}
	_, _, _, a := c.RGBA()
	return a >> 8
}
