package ui

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// installKeys adds the window-wide shortcuts; the pane keys are handled by
// the focused file list (paneKey).
func (mw *mainWindow) installKeys() {
	c := mw.win.Canvas()
	// Ctrl+A (Cmd+A on macOS) is the one Ctrl shortcut kept here rather
	// than on a menu item (setMenus): a menu item would take it first, and
	// a text field, which takes shortcuts itself, selects its text with it.
	// Fyne's desktop driver hands the key on as fyne.ShortcutSelectAll, not
	// as a desktop.CustomShortcut for Ctrl and A.
	c.AddShortcut(&fyne.ShortcutSelectAll{}, func(fyne.Shortcut) { mw.selectAllShortcut() })
	for r := range mw.mnemonics {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyName(string(unicode.ToUpper(r))), Modifier: fyne.KeyModifierAlt},
			func(s fyne.Shortcut) { mw.globalShortcut(s) })
	}
	// With no widget focused, the pane keys still reach the active pane.
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { mw.paneKey(mw.active, ev) })
}

// selectAllShortcut selects every entry of the focused file list, or of
// the active pane's when nothing has the focus; the ".." row stays
// unselected (paneModel.selectAll). The canvas gets the shortcut only
// when the focused widget takes no shortcuts: a list, a button, a folder
// tree. Only a list, or no focus at all, means the files; and a dialog
// owns the keyboard.
func (mw *mainWindow) selectAllShortcut() {
	if mw.modals.busy(mw.win) {
		return
	}
	p := mw.active
	switch f := mw.win.Canvas().Focused().(type) {
	case nil:
	case *fileList:
		p = f.pane
	default:
		return
	}
	if p == nil {
		return
	}
	p.model.selectAll()
	p.selectionChanged()
}

// paneKey runs a pane's keyboard commands: arrows, Enter, Backspace, Tab
// and the F-keys of two-pane file managers.
func (mw *mainWindow) paneKey(p *pane, ev *fyne.KeyEvent) {
	if mw.modals.key(mw.win, ev) || p == nil || mw.globalKey(ev) {
		return // a dialog owns the keyboard, or the key is the window's
	}
	shift := shiftHeld()
	if isMenuKey(ev, shift) {
		p.menuAtCursor()
		return
	}
	page := 20
	switch ev.Name {
	case fyne.KeyUp:
		p.moveCursor(-1, shift)
	case fyne.KeyDown:
		p.moveCursor(1, shift)
	case fyne.KeyPageUp:
		p.moveCursor(-page, shift)
	case fyne.KeyPageDown:
		p.moveCursor(page, shift)
	case fyne.KeyHome:
		p.moveCursor(-len(p.model.rows), shift)
	case fyne.KeyEnd:
		p.moveCursor(len(p.model.rows), shift)
	case fyne.KeySpace:
		p.model.click(p.model.cursor, true, false)
		p.selectionChanged()
	case fyne.KeyReturn, fyne.KeyEnter:
		p.activate(p.model.cursor)
	case fyne.KeyBackspace:
		p.up()
	case fyne.KeyTab:
		mw.tabFromPane(p, shift)
	case fyne.KeyF5:
		mw.transfer(p, p.model.selection())
	case fyne.KeyF7:
		p.askMkdir()
	case fyne.KeyDelete, fyne.KeyF8:
		p.askDelete(p.model.selection())
	case fyne.KeyF2:
		if sel := p.model.selection(); len(sel) == 1 {
			p.askRename(sel[0])
		}
	case fyne.KeyF3, fyne.KeyF4:
		if sel := p.model.selection(); len(sel) == 1 && !sel[0].IsDir() {
			mw.edits.open(p, sel[0])
		}
	}
}
