package ui

import (
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// While a dialog is open it owns its window's keyboard: the panes behind
// it take no key at all (a Backspace meant for a text field must not move
// a pane to another folder under a "Delete?" question), Enter confirms the
// dialog and Escape cancels it. Every dialog of the app is shown through
// modalOwner.show, and every key the panes would handle goes through
// modalOwner.key first.

// modalOwner keeps the dialogs open over the app's windows, the newest
// last. It is used on the UI goroutine only.
type modalOwner struct {
	open []*modal
	// hooked are the windows whose canvas already routes keys here.
	hooked map[fyne.Window]bool
}

// modal is one open dialog and what Enter and Escape do to it.
type modal struct {
	win     fyne.Window
	dialog  dialog.Dialog
	confirm func() // nil: Enter does nothing
	closed  bool
	// overlay is what the dialog put on the window's overlays, nil if
	// unknown. A dialog taken down with one below it (an overlay leaves
	// with those above) reports no closing: gone from the overlays, it
	// counts as closed, so that it does not keep the keyboard.
	overlay fyne.CanvasObject
}

func newModalOwner() *modalOwner { return &modalOwner{hooked: map[fyne.Window]bool{}} }

// show opens d over win and gives it the keyboard until it closes.
// confirm is what Enter does; nil means the dialog's own confirmation
// (Confirm of a confirm dialog, Submit of a form, the dismiss button of
// an information or error dialog). fields are the dialog's own text
// fields and buttons: Escape typed while one of them has the focus
// cancels as well, and Enter in a text field confirms.
func (o *modalOwner) show(win fyne.Window, d dialog.Dialog, confirm func(), fields ...escapable) *modal {
	m := &modal{win: win, dialog: d, confirm: confirm}
	if m.confirm == nil {
		switch v := d.(type) {
		case interface{ Submit() }:
			m.confirm = v.Submit
		case interface{ Confirm() }:
			m.confirm = v.Confirm
		default:
			m.confirm = d.Hide
		}
	}
	for _, f := range fields {
		f.setKeys(m.enter, m.escape)
	}
	d.SetOnClosed(func() { o.closed(m) })
	o.open = append(o.open, m)
	o.hook(win)
	before := win.Canvas().Overlays().Top()
	d.Show()
	if top := win.Canvas().Overlays().Top(); top != before {
		m.overlay = top
	}
	return m
}

// hook makes a window other than the main one (whose key handler calls
// key itself) route its unfocused keys to the dialogs open over it.
func (o *modalOwner) hook(win fyne.Window) {
	if o.hooked[win] {
		return
	}
	o.hooked[win] = true
	if c := win.Canvas(); c.OnTypedKey() == nil {
		c.SetOnTypedKey(func(ev *fyne.KeyEvent) { o.key(win, ev) })
	}
}

// forget drops what is kept about a window that closed.
func (o *modalOwner) forget(win fyne.Window) {
	delete(o.hooked, win)
	o.open = slices.DeleteFunc(o.open, func(m *modal) bool { return m.win == win })
}

func (o *modalOwner) closed(m *modal) {
	m.closed = true
	for i, x := range o.open {
		if x == m {
			o.open = append(o.open[:i], o.open[i+1:]...)
			return
		}
	}
}

// top returns the newest dialog open over win, or nil. Dialogs no longer
// on win's overlays are dropped first.
func (o *modalOwner) top(win fyne.Window) *modal {
	o.open = slices.DeleteFunc(o.open, func(m *modal) bool {
		if m.win != win || m.overlay == nil || slices.Contains(win.Canvas().Overlays().List(), m.overlay) {
			return false
		}
		m.closed = true
		return true
	})
	for i := len(o.open) - 1; i >= 0; i-- {
		if o.open[i].win == win {
			return o.open[i]
		}
	}
	return nil
}

// busy reports whether something covers win's content: one of our
// dialogs, or any other overlay (a pop-up menu, a file chooser). The
// panes take no keys then.
func (o *modalOwner) busy(win fyne.Window) bool {
	return o.top(win) != nil || win.Canvas().Overlays().Top() != nil
}

// key handles a key typed in win while nothing there has the focus. It
// reports whether a dialog took it: Enter and Escape act on the newest
// dialog, and every other key is swallowed while a dialog is open.
func (o *modalOwner) key(win fyne.Window, ev *fyne.KeyEvent) bool {
	m := o.top(win)
	if m == nil {
		return win.Canvas().Overlays().Top() != nil
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		m.enter()
	case fyne.KeyEscape:
		m.escape()
	}
	return true
}

func (m *modal) enter() {
	if !m.closed && m.confirm != nil {
		m.confirm()
	}
}

func (m *modal) escape() {
	if !m.closed {
		m.dialog.Hide()
	}
}

// dialogEntry is a text field of a dialog: Escape typed in it cancels
// the dialog (a plain Entry ignores Escape, which would leave the user
// no way out from the keyboard).
type dialogEntry struct {
	widget.Entry
	onEscape func()
}

func newDialogEntry() *dialogEntry {
	e := &dialogEntry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

func newDialogPasswordEntry() *dialogEntry {
	e := newDialogEntry()
	e.Password = true // the entry adds its reveal button itself
	return e
}

// escapable is a focusable part of a dialog that hands Enter and Escape
// to it: a focused widget receives every key, and Fyne's own widgets
// ignore Escape.
type escapable interface {
	setKeys(enter, escape func())
}

func (e *dialogEntry) setKeys(enter, escape func()) {
	e.onEscape = escape
	if !e.MultiLine && e.OnSubmitted == nil {
		e.OnSubmitted = func(string) { enter() }
	}
}

// selectStem selects the text before its last dot (all of it for a
// folder, or when the only dot starts the name, as in ".htaccess"), so
// that typing replaces a file's name and keeps its extension, as file
// managers do when renaming. Call it once the entry has the focus.
func (e *dialogEntry) selectStem(isDir bool) {
	text := []rune(e.Text)
	stem := len(text)
	if !isDir {
		if i := strings.LastIndex(e.Text, "."); i > 0 {
			stem = utf8.RuneCountInString(e.Text[:i])
		}
	}
	e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	e.Entry.KeyDown(shift)
	for range len(text) - stem {
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	}
	e.Entry.KeyUp(shift)
}

// TypedKey cancels the dialog on Escape and edits the text otherwise.
func (e *dialogEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// dialogButton is a button of a dialog: Escape cancels the dialog while
// it has the focus (after Tab), and Enter presses it, as Space does.
type dialogButton struct {
	widget.Button
	onEscape func()
}

func newDialogButton(text string, icon fyne.Resource, importance widget.Importance, tapped func()) *dialogButton {
	b := &dialogButton{}
	b.Text, b.Icon, b.Importance, b.OnTapped = text, icon, importance, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *dialogButton) setKeys(_, escape func()) { b.onEscape = escape }

// TypedKey cancels the dialog on Escape and presses the button on Enter
// or Space.
func (b *dialogButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if b.onEscape != nil {
			b.onEscape()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() {
			b.Tapped(nil)
		}
	default:
		b.Button.TypedKey(ev)
	}
}

// dialogList is a list in a dialog. Tapping a row gives the list the
// focus, after which a plain List would swallow Escape and Enter: this one
// cancels the dialog on Escape and confirms it on Enter, and moves with
// the arrow keys and Space as a List does.
type dialogList struct {
	widget.List
	onEnter, onEscape func()
}

func newDialogList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *dialogList {
	l := &dialogList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *dialogList) setKeys(enter, escape func()) { l.onEnter, l.onEscape = enter, escape }

// TypedKey cancels the dialog on Escape, confirms it on Enter and moves
// through the list otherwise.
func (l *dialogList) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape && l.onEscape != nil:
		l.onEscape()
	case (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && l.onEnter != nil:
		l.onEnter()
	default:
		l.List.TypedKey(ev)
	}
}
