package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// TestMenuKey opens the context menus from the keyboard: the Menu key on
// the file list gives the menu of the row under the cursor (selected
// first), below that row; on the folder tree, the menu of the folder under
// its cursor. Shift+F10 is the same key where there is no Menu key; F10
// alone opens nothing.
func TestMenuKey(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	if !isMenuKey(&fyne.KeyEvent{Name: fyne.KeyF10}, true) || isMenuKey(&fyne.KeyEvent{Name: fyne.KeyF10}, false) {
		t.Error("Shift+F10 must open a menu, F10 alone must not")
	}

	p.list.focus()
	p.model.cursor = 1
	p.list.TypedKey(&fyne.KeyEvent{Name: desktop.KeyMenu})
	items := h.popupItems()
	if it := items["Delete"]; it == nil || it.Disabled {
		t.Fatalf("the Menu key opened no menu with Delete for the row under the cursor: %v", items)
	}
	if sel := p.model.selection(); len(sel) != 1 || sel[0].Name != p.model.entryAt(1).Name {
		t.Errorf("the menu's row is not the one selected: %v", sel)
	}
	top := h.win.Canvas().Overlays().Top()
	var pop *widget.PopUpMenu
	walk(top, func(o fyne.CanvasObject) {
		if m, ok := o.(*widget.PopUpMenu); ok {
			pop = m
		}
	})
	if pop == nil {
		t.Fatalf("no menu in the overlay %T", top)
	}
	cell := p.list.cellOf(1)
	if cell == nil {
		t.Fatal("row 1 is not drawn")
	}
	d := fyne.CurrentApp().Driver()
	if y, cy := pop.Position().Y, d.AbsolutePositionForObject(cell).Y+cell.Size().Height; y < cy-1 || y > cy+1 {
		t.Errorf("the menu is at y %v, want just below row 1 (%v)", y, cy)
	}
	h.win.Canvas().Overlays().Remove(top)

	tree := p.tree
	tree.model.cursor = tree.model.rowOf(tree.model.byPath["/pub"])
	tree.TypedKey(&fyne.KeyEvent{Name: desktop.KeyMenu})
	items = h.popupItems()
	if it := items["Open"]; it == nil {
		t.Fatalf("the Menu key opened no folder menu on the tree: %v", items)
	}
	if tree.menuFor == nil || tree.menuFor.path != "/pub" {
		t.Errorf("the tree's menu is for %v, want /pub", tree.menuFor)
	}
}
