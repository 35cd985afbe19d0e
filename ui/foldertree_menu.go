package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

// The folder tree's context menu offers what the pane's own menu does
// for a folder row, through the same code: the transfer of the whole
// folder to the other pane's folder, a new folder inside it, and the
// rename and delete questions, which act on the folder as an entry of
// its parent. What changes, the tree and the pane's list both show.

// TappedSecondary puts the keyboard cursor on the folder and opens its
// context menu.
func (v *treeRowView) TappedSecondary(ev *fyne.PointEvent) {
	t := v.tree
	t.focus()
	n := t.model.nodeAt(v.row)
	if n == nil {
		return
	}
	t.model.cursor = v.row
	t.list.Refresh()
	t.contextMenu(n, ev.AbsolutePosition)
}

// menuAtCursor opens the context menu of the folder under the keyboard
// cursor, below it (the Menu key, or Shift+F10).
func (t *folderTree) menuAtCursor() {
	n := t.model.nodeAt(t.model.cursor)
	if n == nil {
		return
	}
	t.showCursor()
	var row fyne.CanvasObject
	for _, v := range t.views {
		if v.row == t.model.cursor && v.Visible() {
			row = v
		}
	}
	t.contextMenu(n, menuBelow(row, t))
}

// contextMenu shows the actions on folder n at a position of the window.
// A root ("/", a drive) has no parent folder to be renamed or deleted in
// (the menu has no such items), nor a name to be copied under; a linked
// folder is not copied, as a folder transfer skips the links inside it.
func (t *folderTree) contextMenu(n *treeNode, at fyne.Position) {
	p := t.pane
	if p.src == nil || t.src != p.src {
		return
	}
	dir := n.path
	named := n.parent != nil && !listing.UnsafeName(n.name)
	var in paneTarget // n's parent folder, where n is an entry
	if named {
		in = paneTarget{src: p.src, dir: n.parent.path, ctx: p.srcCtx}
	}
	e := listing.Entry{Name: n.name, Type: listing.TypeDir, Size: -1}
	if n.link {
		e.Type, e.Target = listing.TypeLink, n.target
	}

	open := fyne.NewMenuItem(lang.L("Open"), func() { t.open(dir) })
	send := fyne.NewMenuItem(p.sendVerb(), func() {
		to := p.other()
		p.mw.transferFrom(p, in.dir, []listing.Entry{e}, to, to.dir)
	})
	send.Disabled = !named || n.link || !t.canSend(dir)
	mkdir := fyne.NewMenuItem(lang.L("Create folder"), func() {
		p.askMkdirIn(paneTarget{src: p.src, dir: dir, ctx: p.srcCtx}, func(err error) bool {
			if k := t.model.byPath[dir]; k != nil && err == nil {
				t.expand(k) // the new folder in sight
			}
			return false
		})
	})
	refresh := fyne.NewMenuItem(lang.L("Refresh"), func() { t.relist(dir) })
	copyPath := fyne.NewMenuItem(lang.L("Copy path to clipboard"), func() {
		p.mw.app.Clipboard().SetContent(dir)
	})
	// A path with control characters could act where it is pasted (a
	// terminal); the URL below has them escaped.
	copyPath.Disabled = ftpcore.Printable(dir) != dir
	items := []*fyne.MenuItem{open, send, fyne.NewMenuItemSeparator(), mkdir, refresh, fyne.NewMenuItemSeparator()}
	if n.parent != nil {
		del := fyne.NewMenuItem(lang.L("Delete"), func() {
			p.askDeleteIn(in, []listing.Entry{e}, func(err error) bool { return t.gone(in.src, dir, "", err) })
		})
		rename := fyne.NewMenuItem(lang.L("Rename"), func() {
			p.askRenameIn(in, e, func(to string, err error) bool { return t.gone(in.src, dir, to, err) })
		})
		del.Disabled, rename.Disabled = !named, !named
		items = append(items, del, rename)
	}
	items = append(items, copyPath)
	if !p.src.local() {
		items = append(items, fyne.NewMenuItem(lang.L("Copy URL to clipboard"), func() {
			p.mw.app.Clipboard().SetContent(p.pathURL(dir))
		}))
	}
	// The folder stays framed while its menu is open, as the target of
	// a drag is: the keyboard cursor's thin outline is hard to make out.
	m := widget.NewPopUpMenu(fyne.NewMenu("", items...), p.mw.win.Canvas())
	hide := m.OnDismiss
	m.OnDismiss = func() {
		hide()
		t.setMenuFor(nil)
	}
	t.setMenuFor(n)
	m.ShowAtPosition(at)
}

// setMenuFor frames the folder whose menu is open; nil for none.
func (t *folderTree) setMenuFor(n *treeNode) {
	if n != t.menuFor {
		t.menuFor = n
		t.list.Refresh()
	}
}

// open shows folder dir in the pane, as a click on it does.
func (t *folderTree) open(dir string) {
	if n := t.model.byPath[dir]; n != nil && (dir != t.pane.dir || n != t.model.current) {
		t.pane.navigate(dir)
	}
}

// canSend reports whether folder dir may be copied into the folder the
// other pane shows: not into itself, nor onto itself, when both panes
// browse the same disk or the same server.
func (t *folderTree) canSend(dir string) bool {
	p, to := t.pane, t.pane.other()
	if to.src == nil || to.dir == "" {
		return false
	}
	if to.src.local() != p.src.local() || to.src.siteKey() != p.src.siteKey() {
		return true
	}
	_, inside := below(p.src, to.dir, dir)
	return !inside && to.dir != p.src.parent(dir)
}

// relist forgets what the tree knows below folder dir and lists it again,
// with the open folders under it; the pane lists its own folder again
// when it is one of them.
func (t *folderTree) relist(dir string) {
	n := t.model.byPath[dir]
	if n == nil {
		return
	}
	var again func(k *treeNode, shown bool)
	again = func(k *treeNode, shown bool) {
		if k.state != nodeLoading {
			k.state = nodeUnlisted
		}
		if shown && k.open {
			if k == t.model.current {
				t.pane.refresh()
			} else {
				t.load(k)
			}
		}
		for _, c := range k.kids {
			again(c, shown && k.open)
		}
	}
	n.open = true
	again(n, true)
	t.changed()
}

// gone is told that folder dir was deleted (to is "") or renamed to to,
// or that the attempt failed with err. The folder leaves the tree; the
// pane, when it showed dir or a folder inside it, moves to the parent
// folder or to the same place under the new name (gone reports true
// then: the pane lists that instead of its folder).
func (t *folderTree) gone(src paneSource, dir, to string, err error) bool {
	if err != nil {
		// A delete may have taken part of the folder.
		t.invalidate(dir)
		return false
	}
	if n := t.model.byPath[dir]; n != nil {
		t.model.drop(n)
		t.changed()
	}
	rest, inside := below(src, t.pane.dir, dir)
	if !inside {
		return false
	}
	next := src.parent(dir)
	if to != "" {
		next = to + rest
	}
	t.pane.navigate(next)
	return true
}

// below reports whether path p of src is folder dir or inside it, and
// what of p lies below dir ("" or starting with a separator).
func below(src paneSource, p, dir string) (rest string, inside bool) {
	for _, d := range pathChain(src, p) {
		if d == dir && strings.HasPrefix(p, dir) {
			return p[len(dir):], true
		}
	}
	return "", false
}
