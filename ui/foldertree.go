package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/listing"
)

// folderTree is the folder tree above a pane's list, as FileZilla shows
// one above each side: the folders of the pane's source from its root
// down, listed only when opened, with the pane's folder selected. A
// click on a folder (or Enter on it) shows it in the pane; a folder the
// pane shows is opened down to and selected. With the keyboard focus,
// Up and Down move, Right opens, Left closes or goes to the parent. Its
// fields are used on the UI goroutine only; listings run on goroutines
// tied to the pane's source.
type folderTree struct {
	widget.BaseWidget
	pane  *pane
	model *treeModel
	list  *treeList
	src   paneSource
	ctx   context.Context // the pane's source context

	focused bool
	dropRow int            // the row a drag would drop on, or -1
	menuFor *treeNode      // the folder whose context menu is open
	views   []*treeRowView // every row the list made, to find a folder's
}

func newFolderTree(p *pane) *folderTree {
	t := &folderTree{pane: p, model: newTreeModel(func(d, n string) string { return d + "/" + n }), dropRow: -1}
	l := &treeList{}
	l.Length = func() int { return len(t.model.rows) }
	l.CreateItem = func() fyne.CanvasObject {
		v := newTreeRowView(t)
		t.views = append(t.views, v)
		return v
	}
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { o.(*treeRowView).update(id) }
	l.ExtendBaseWidget(l)
	t.list = l
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer shows the list of rows, one right below the other as
// in FileZilla's tree: without the list's gap, six rows take the room of
// five.
func (t *folderTree) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(gapless(t.pane.mw.app, t.list))
}

// rowPitch is the height a row of the tree takes, with the gap (if
// any) that the list's theme puts below it.
func (t *folderTree) rowPitch() float32 {
	return denseRowHeight() + t.list.Theme().Size(theme.SizeNamePadding)
}

// sourceChanged starts over for the pane's new source.
func (t *folderTree) sourceChanged() {
	p := t.pane
	t.src, t.ctx = p.src, p.srcCtx
	t.model = newTreeModel(p.src.join)
	t.model.showHidden = p.model.showHidden
	t.addRoots()
	t.changed()
}

// paneShowed is told that the pane shows dir with listing l: the tree
// takes dir's sub-folders from it (no listing of its own), opens the
// folders above it, lists those not yet listed, and selects dir.
func (t *folderTree) paneShowed(dir string, l *listing.Result) {
	if t.src == nil {
		return
	}
	n := t.model.ensure(pathChain(t.src, dir))
	moved := n != t.model.current
	t.model.current = n
	t.model.setChildren(n, folderChildren(t.src.local(), l))
	n.open = true
	t.model.openTo(n)
	for a := n.parent; a != nil; a = a.parent {
		if a.state == nodeUnlisted {
			t.load(a)
		}
	}
	t.changed()
	if moved || !t.focused {
		// A refresh of the same folder leaves the keyboard where it is.
		t.model.cursor = max(t.model.rowOf(n), 0)
		t.list.RefreshItem(t.model.cursor)
		t.list.ScrollTo(t.model.cursor)
	}
}

// changed recomputes the rows and redraws them.
func (t *folderTree) changed() {
	t.model.rebuild()
	t.list.Refresh()
}

// choose moves the cursor to row and shows its folder in the pane.
func (t *folderTree) choose(row int) {
	n := t.model.nodeAt(row)
	if n == nil {
		return
	}
	t.model.cursor = row
	t.list.Refresh()
	if n.path != t.pane.dir || n != t.model.current {
		t.pane.navigate(n.path)
	}
}

// toggle opens or closes folder n.
func (t *folderTree) toggle(n *treeNode) {
	if n.open {
		n.open = false
		t.changed()
		return
	}
	t.expand(n)
}

// expand opens folder n, listing it first when it was never listed or
// the last listing failed.
func (t *folderTree) expand(n *treeNode) {
	n.open = true
	if n.state == nodeUnlisted || n.state == nodeFailed {
		t.load(n)
	}
	t.changed()
}

// FocusGained makes the tree's pane the active one.
func (t *folderTree) FocusGained() {
	t.focused = true
	t.pane.mw.setActive(t.pane)
	t.list.Refresh()
}

// FocusLost is part of fyne.Focusable.
func (t *folderTree) FocusLost() {
	t.focused = false
	t.list.Refresh()
}

// TypedRune is part of fyne.Focusable; letters do nothing in the tree.
func (t *folderTree) TypedRune(rune) {}

// TypedKey moves in the tree. While a dialog is open it owns the
// keyboard, as it does for the panes.
func (t *folderTree) TypedKey(ev *fyne.KeyEvent) {
	mw := t.pane.mw
	if mw.modals.key(mw.win, ev) || mw.globalKey(ev) {
		return
	}
	if isMenuKey(ev, shiftHeld()) {
		t.menuAtCursor()
		return
	}
	m := t.model
	n := m.nodeAt(m.cursor)
	switch ev.Name {
	case fyne.KeyUp:
		t.moveCursor(-1)
	case fyne.KeyDown:
		t.moveCursor(1)
	case fyne.KeyRight:
		if n == nil {
			return
		}
		if !n.open {
			t.expand(n)
		} else if k := m.nodeAt(m.cursor + 1); k != nil && k.parent == n {
			t.moveCursor(1)
		}
	case fyne.KeyLeft:
		switch {
		case n == nil:
		case n.open && m.expandable(n):
			n.open = false
			t.changed()
		case n.parent != nil:
			m.cursor = m.rowOf(n.parent)
			t.showCursor()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		t.choose(m.cursor)
	}
}

// moveCursor moves the keyboard cursor by delta folder rows.
func (t *folderTree) moveCursor(delta int) {
	m := t.model
	row := m.cursor
	for {
		row += delta
		if row < 0 || row >= len(m.rows) {
			return
		}
		if m.nodeAt(row) != nil {
			break
		}
	}
	m.cursor = row
	t.showCursor()
}

func (t *folderTree) showCursor() {
	t.list.Refresh()
	t.list.ScrollTo(t.model.cursor)
}

func (t *folderTree) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
}

// treeList is the tree's list of rows. The keyboard belongs to the tree
// around it: the list says it is disabled, which only keeps Fyne from
// giving it the focus.
type treeList struct{ widget.List }

// Disabled is part of fyne.Disableable: always, for the focus.
func (l *treeList) Disabled() bool { return true }

// Enable is part of fyne.Disableable; the list never takes the focus.
func (l *treeList) Enable() {}

// Disable is part of fyne.Disableable.
func (l *treeList) Disable() {}
