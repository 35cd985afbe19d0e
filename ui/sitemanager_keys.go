package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Escape closes the site manager from wherever the keyboard is, as it
// closes FileZilla's, unless a dialog is open over it: then Escape closes
// that dialog only. A focused widget receives every key, and Fyne's own
// widgets ignore Escape, so the window's fields, choices, tick boxes,
// buttons and tree are the dialogs' kinds (dialogEntry, dialogSelect,
// dialogCheck, dialogButton) or the two below, all handing Escape on.
// The character-set choice's options, focused one by one inside Fyne's
// radio group, would keep Escape: a click on one leaves nothing focused
// (radioKeysBack), and the window takes the key.

// escTree is the site manager's tree: Escape goes to onEscape, every
// other key moves through the tree as in a widget.Tree.
type escTree struct {
	widget.Tree
	onEscape func()
}

func (t *escTree) setKeys(_, escape func()) { t.onEscape = escape }

// TypedKey hands Escape on and moves through the tree otherwise.
func (t *escTree) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && t.onEscape != nil {
		t.onEscape()
		return
	}
	t.Tree.TypedKey(ev)
}

// escSelectEntry is a text field with a list of choices (the character
// set) that hands Escape on.
type escSelectEntry struct {
	widget.SelectEntry
	onEscape func()
}

func newEscSelectEntry(options []string) *escSelectEntry {
	e := &escSelectEntry{}
	e.ExtendBaseWidget(e)
	e.SetOptions(options)
	return e
}

func (e *escSelectEntry) setKeys(_, escape func()) { e.onEscape = escape }

// TypedKey hands Escape on and edits the text otherwise.
func (e *escSelectEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.SelectEntry.TypedKey(ev)
}

// escape is Escape typed in the site manager: it closes the newest
// dialog open over the window, or else the window, as Close does (the
// site being edited is saved first, or the user asked about it). A
// pop-up such as a choice's list closes by itself.
func (sm *siteManager) escape() {
	if m := sm.modals.top(sm.win); m != nil {
		m.escape()
		return
	}
	if sm.win.Canvas().Overlays().Top() != nil {
		return
	}
	sm.onClose()
}

// installKeys routes Escape from every field of the window, and from the
// window itself when nothing has the focus, to escape; a dialog open
// over the window keeps Enter and Escape (modalOwner.key).
func (sm *siteManager) installKeys() {
	noop := func() {}
	fields := append(sm.form.keyFields(), sm.filter, sm.tree)
	for _, b := range sm.buttons() {
		fields = append(fields, b)
	}
	for _, f := range fields {
		f.setKeys(noop, sm.escape)
	}
	sm.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if sm.modals.key(sm.win, ev) {
			return
		}
		if ev.Name == fyne.KeyEscape {
			sm.escape()
		}
	})
}
