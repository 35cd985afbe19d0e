package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Fyne's file dialogs (Save log, Export and Import for FileZilla) are not
// built from the app's dialog controls: a save dialog opens with the
// focus in its file name field, a plain Entry that keeps Escape, and the
// window's key owner did not know the dialog at all, so Escape never
// closed it. showFileDialog gives such a dialog the keyboard as far as
// Fyne lets it: Escape closes it with nothing focused and from the file
// name field, and Enter presses its Save or Open button (in the field as
// before). Controls of Fyne's own that Tab or a click focuses (its
// buttons, the grid of files) still keep both keys.

// showFileDialog shows d over win; the modal it returns is the key
// owner's.
func (o *modalOwner) showFileDialog(win fyne.Window, d *dialog.FileDialog) *modal {
	var confirm *widget.Button
	box := &fileDialogBox{FileDialog: d, win: win}
	m := o.show(win, box, func() {
		if box.covered() {
			return // Fyne's own question over it ("Overwrite?") has the say
		}
		if confirm != nil && !confirm.Disabled() && confirm.OnTapped != nil {
			confirm.OnTapped()
		}
	})
	top, ok := win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		return m
	}
	box.popup = top
	var nameScroll *container.Scroll
	fileDialogParts(top.Content, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			if v.Importance == widget.HighImportance {
				confirm = v
			}
		case *container.Scroll:
			if _, ok := v.Content.(*widget.Entry); ok {
				nameScroll = v
			}
		}
	})
	if nameScroll == nil {
		return m
	}
	// The file name field: one of ours takes its place on screen, and the
	// two keep the same text (the dialog reads its own field, and writes
	// the name of a file clicked in the list there).
	orig := nameScroll.Content.(*widget.Entry)
	field := newDialogEntry()
	field.PlaceHolder = orig.PlaceHolder
	field.SetText(orig.Text)
	field.OnChanged = func(s string) {
		if orig.Text != s {
			orig.SetText(s)
		}
	}
	origChanged := orig.OnChanged
	orig.OnChanged = func(s string) {
		if origChanged != nil {
			origChanged(s)
		}
		if field.Text != s {
			field.SetText(s)
		}
	}
	field.OnSubmitted = orig.OnSubmitted
	field.setKeys(m.enter, m.escape)
	nameScroll.Content = field
	nameScroll.Refresh()
	if win.Canvas().Focused() == orig {
		win.Canvas().Focus(field)
	}
	return m
}

// fileDialogParts visits o and the containers and scrolls it holds.
func fileDialogParts(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			fileDialogParts(c, visit)
		}
	case *container.Scroll:
		if v.Content != nil {
			fileDialogParts(v.Content, visit)
		}
	}
}

// fileDialogBox is a file dialog as the key owner sees it. Fyne's file
// dialog asks its own questions over itself ("Overwrite?"), which the key
// owner does not know: while one is open, Escape closes that question
// only, and the file dialog stays.
type fileDialogBox struct {
	*dialog.FileDialog
	win   fyne.Window
	popup *widget.PopUp // the file dialog on the window's overlays
}

// covered reports whether something of Fyne's is open over the dialog.
func (b *fileDialogBox) covered() bool {
	top := b.win.Canvas().Overlays().Top()
	return b.popup != nil && top != nil && top != fyne.CanvasObject(b.popup)
}

// Hide closes the question over the dialog if there is one, else the
// dialog.
func (b *fileDialogBox) Hide() {
	if b.covered() {
		b.win.Canvas().Overlays().Top().Hide()
		return
	}
	b.FileDialog.Hide()
}
