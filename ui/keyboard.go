package ui

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Window-wide keys. Fyne hands a key to the focused widget only, so the
// keys below are checked by the panes' lists, by Ferry's own text fields
// (fieldEntry, pathEntry) and, with nothing focused, by the canvas. Keys
// with Ctrl are menu shortcuts instead (setMenus): Fyne tries those
// before the focused widget, whatever it is.

// globalKey runs F6 (to the path bar, as in file managers) and F10 (the
// menu bar; Shift+F10 is a context menu's key, see isMenuKey); it reports
// whether the key was one of them.
func (mw *mainWindow) globalKey(ev *fyne.KeyEvent) bool {
	if mw.modals.busy(mw.win) {
		return false // a dialog has the keyboard
	}
	switch ev.Name {
	case fyne.KeyF6:
		mw.focusPathBar()
	case fyne.KeyF10:
		if shiftHeld() {
			return false
		}
		mw.openMenu(0)
	default:
		return false
	}
	return true
}

// globalShortcut opens a menu for Alt and its mnemonic letter.
func (mw *mainWindow) globalShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierAlt || len(cs.KeyName) != 1 || mw.modals.busy(mw.win) {
		return false
	}
	i, ok := mw.mnemonics[unicode.ToLower(rune(cs.KeyName[0]))]
	if !ok {
		return false
	}
	mw.openMenu(i)
	return true
}

// menuToggler is the part of Fyne's desktop canvas that opens the main
// menu bar drawn in the window (Linux, Windows) on its first menu.
type menuToggler interface{ ToggleMenu() }

// openMenu opens the i-th menu of the menu bar, as Alt alone does for the
// first. With a native menu bar (macOS) there is nothing to open.
func (mw *mainWindow) openMenu(i int) {
	c := mw.win.Canvas()
	t, ok := c.(menuToggler)
	if !ok {
		return
	}
	t.ToggleMenu()
	for range i { // the open menu bar has the focus: Right moves along it
		c.FocusNext()
	}
}

// mnemonicsFor gives each menu the first letter of its title that no
// earlier menu took, for Alt+letter.
func mnemonicsFor(titles []string) map[rune]int {
	out := map[rune]int{}
	for i, t := range titles {
		for _, r := range t {
			r = unicode.ToLower(r)
			if _, taken := out[r]; !taken && unicode.IsLetter(r) {
				out[r] = i
				break
			}
		}
	}
	return out
}

// focusPathBar puts the keyboard in the active pane's path bar, its text
// selected so that typing replaces it.
func (mw *mainWindow) focusPathBar() {
	p := mw.active
	mw.win.Canvas().Focus(p.pathBar)
	p.pathBar.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// focusFilter puts the keyboard in the active pane's filter.
func (mw *mainWindow) focusFilter() { mw.win.Canvas().Focus(mw.active.filter) }

// tabFromPane moves on from a pane's list: Tab goes from the left pane
// to the right one (its folder tree first, when shown), then to the queue; Shift+Tab goes back to the left
// pane, then to the quick-connect bar.
func (mw *mainWindow) tabFromPane(p *pane, back bool) {
	c := mw.win.Canvas()
	switch {
	case !back && p.side == 0 && p.other().treeShown():
		c.Focus(p.other().tree) // the tree comes before its list
	case !back && p.side == 0, back && p.side == 1:
		o := p.other()
		mw.setActive(o)
		c.Focus(o.list)
	case !back:
		c.Focus(mw.qpanel.lists[mw.qpanel.tabc.SelectedIndex()])
	default:
		c.Focus(mw.quick.settings)
	}
}

// fieldEntry is a text field that lets the window-wide keys through.
type fieldEntry struct {
	widget.Entry
	mw *mainWindow
}

func newFieldEntry(mw *mainWindow) *fieldEntry {
	e := &fieldEntry{mw: mw}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// newPasswordField is a fieldEntry that hides its text, with an eye to
// show it.
func newPasswordField(mw *mainWindow) *fieldEntry {
	e := newFieldEntry(mw)
	e.Password = true
	e.ActionItem = newRevealIcon(e)
	return e
}

// revealIcon shows or hides a password field's text when clicked. It
// takes no keyboard focus, so that Tab goes from the field to the next.
type revealIcon struct {
	widget.Icon
	entry *fieldEntry
}

func newRevealIcon(e *fieldEntry) *revealIcon {
	r := &revealIcon{entry: e}
	r.Resource = theme.VisibilityOffIcon()
	r.ExtendBaseWidget(r)
	return r
}

// Tapped shows or hides the text.
func (r *revealIcon) Tapped(*fyne.PointEvent) {
	r.entry.Password = !r.entry.Password
	if r.entry.Password {
		r.SetResource(theme.VisibilityOffIcon())
	} else {
		r.SetResource(theme.VisibilityIcon())
	}
	r.entry.Refresh()
}

// Cursor shows a pointer over the eye.
func (r *revealIcon) Cursor() desktop.Cursor { return desktop.PointerCursor }

// TypedKey runs a window-wide key, or edits the text.
func (e *fieldEntry) TypedKey(ev *fyne.KeyEvent) {
	if !e.mw.globalKey(ev) {
		e.Entry.TypedKey(ev)
	}
}

// TypedShortcut runs a window-wide shortcut, or the field's own.
func (e *fieldEntry) TypedShortcut(s fyne.Shortcut) {
	if !e.mw.globalShortcut(s) {
		e.Entry.TypedShortcut(s)
	}
}

// pathEntry is a pane's path bar: a SelectEntry that lets the
// window-wide keys through.
type pathEntry struct {
	widget.SelectEntry
	mw      *mainWindow
	options []string
}

func newPathEntry(mw *mainWindow) *pathEntry {
	e := &pathEntry{mw: mw}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	// The drop-down button is the window's own (a Fyne button would keep
	// the bold fonts parsed, see flatButton); Fyne's SelectEntry keeps an
	// action item it is given.
	drop := newFlatButton("", theme.MenuDropDownIcon(), e.showOptions)
	drop.Importance = widget.LowImportance
	e.ActionItem = drop
	e.ExtendBaseWidget(e)
	return e
}

// SetOptions sets the folders the drop-down offers.
func (e *pathEntry) SetOptions(options []string) {
	e.options = options
	e.SelectEntry.SetOptions(options)
}

// showOptions drops the list of folders down under the field; choosing
// one puts it in the field, as Fyne's SelectEntry does.
func (e *pathEntry) showOptions() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil || len(e.options) == 0 {
		return
	}
	items := make([]*fyne.MenuItem, len(e.options))
	for i, o := range e.options {
		items[i] = fyne.NewMenuItem(o, func() { e.SetText(o) })
	}
	pop := widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	pop.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height-theme.InputBorderSize())))
	pop.Resize(fyne.NewSize(e.Size().Width, pop.MinSize().Height))
}

// TypedKey runs a window-wide key, or edits the text.
func (e *pathEntry) TypedKey(ev *fyne.KeyEvent) {
	if !e.mw.globalKey(ev) {
		e.SelectEntry.TypedKey(ev)
	}
}

// TypedShortcut runs a window-wide shortcut, or the field's own.
func (e *pathEntry) TypedShortcut(s fyne.Shortcut) {
	if !e.mw.globalShortcut(s) {
		e.SelectEntry.TypedShortcut(s)
	}
}

// fileTable is a pane's table. The keyboard belongs to the list around
// it, whose keys know the pane's selection: the table says it is
// disabled, which only keeps Fyne from giving it the focus (on a click
// between rows, or with Tab, where it would follow the list and send the
// focus back to it for ever).
type fileTable struct {
	widget.Table
	list *fileList
}

// Disabled is part of fyne.Disableable: always, for the focus.
func (t *fileTable) Disabled() bool { return true }

// Enable is part of fyne.Disableable; the table never takes the focus.
func (t *fileTable) Enable() {}

// Disable is part of fyne.Disableable.
func (t *fileTable) Disable() {}

// Tapped comes from a click on the table outside its rows (the empty
// part of a short list, or between two rows): it gives the list the
// keyboard and so makes its pane the active one, as a click anywhere in
// a file manager's list does; the keys that follow (Del, F2, Ctrl+R)
// then act on this pane, not on the one used before.
func (t *fileTable) Tapped(*fyne.PointEvent) { t.list.focus() }
