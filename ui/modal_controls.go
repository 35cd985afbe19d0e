package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// dialogSelect is a choice in a dialog: while it has the focus, which
// it keeps after its list was used, Enter confirms the dialog and Escape
// cancels it (a plain Select takes both keys and does nothing, so the
// dialog stayed open). Space and the arrow keys open the list or move
// the choice, as in a Select; with the list open, its keys are the
// list's.
type dialogSelect struct {
	widget.Select
	onEnter, onEscape func()
}

// newDialogSelect is newSelect for a dialog.
func newDialogSelect(options []string, changed func(string)) *dialogSelect {
	s := &dialogSelect{}
	s.Options, s.OnChanged, s.PlaceHolder = options, changed, lang.L("(Select one)")
	s.ExtendBaseWidget(s)
	return s
}

func (s *dialogSelect) setKeys(enter, escape func()) { s.onEnter, s.onEscape = enter, escape }

// TypedKey cancels the dialog on Escape, confirms it on Enter and opens
// the list or moves the choice otherwise.
func (s *dialogSelect) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape && s.onEscape != nil:
		s.onEscape()
	case (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && s.onEnter != nil:
		s.onEnter()
	default:
		s.Select.TypedKey(ev)
	}
}

// dialogCheck is a tick box in a dialog: while it has the focus, which
// a click gives it, Enter confirms the dialog and Escape cancels it (a
// plain Check takes both keys and does nothing).
type dialogCheck struct {
	widget.Check
	onEnter, onEscape func()
}

// newDialogCheck is widget.NewCheck for a dialog.
func newDialogCheck(label string, changed func(bool)) *dialogCheck {
	c := &dialogCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *dialogCheck) setKeys(enter, escape func()) { c.onEnter, c.onEscape = enter, escape }

// TypedKey confirms on Enter, cancels on Escape and toggles on Space.
func (c *dialogCheck) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape && c.onEscape != nil:
		c.onEscape()
	case (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && c.onEnter != nil:
		c.onEnter()
	default:
		c.Check.TypedKey(ev)
	}
}

// radioKeysBack makes a click on a choice of r give the keyboard back to
// the dialog or window around it. Fyne gives the clicked choice the
// focus, and a focused choice takes Enter and Escape and does nothing
// with them; once the choice is made, nothing has the focus and the keys
// reach the dialog again. A click on the choice already made, which the
// group left unanswered (Required), does so too and keeps the choice. Call
// it once r's OnChanged is set; r always holds a choice from then on,
// unless one is cleared from the code.
func radioKeysBack(r *widget.RadioGroup) {
	changed, last := r.OnChanged, r.Selected
	r.Required = false // a click on the choice made is answered, below
	r.OnChanged = func(s string) {
		clicked := focusedIn(r)
		if clicked {
			fyne.CurrentApp().Driver().CanvasForObject(r).Unfocus()
		}
		switch {
		case s == "" && clicked && last != "":
			r.SetSelected(last) // keep it; nothing changed
			return
		case s == last:
			return
		}
		last = s
		if changed != nil {
			changed(s)
		}
	}
}

// focusedIn reports whether the focused object of o's canvas is o or
// lies inside it (one of a radio group's choices, which Fyne keeps to
// itself).
func focusedIn(o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(o)
	if c == nil {
		return false
	}
	f, ok := c.Focused().(fyne.CanvasObject)
	if !ok || f == nil {
		return false
	}
	at, in := d.AbsolutePositionForObject(f), d.AbsolutePositionForObject(o)
	end := in.Add(o.Size())
	return at.X >= in.X && at.Y >= in.Y && at.X < end.X && at.Y < end.Y
}
