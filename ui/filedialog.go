package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne's file dialogs (Save log, Export and Import for FileZilla) are not
// built from the app's dialog controls: their buttons, lists and grid of
// files are Fyne's own, and a focused widget gets every key, so once Tab
// or a click gave one of them the focus, Escape did nothing. The save
// dialog also opens with the focus in its file name field, a plain Entry,
// and the window's key owner did not know the dialog at all.
//
// showFileDialog gives such a dialog the keyboard. The file name field is
// replaced by one of ours. Every other control that can take the focus
// (Cancel, Save or Open, the new folder, view and options buttons, the
// places on the left, the buttons of the path, the grid or list of files)
// is wrapped where it stands by a control of ours that takes Escape and
// Enter first and hands every other key (arrows, Space, typing) to
// Fyne's. The wrapper becomes the widget's face on screen (Fyne's changes
// to it, such as Save turning on and off, show through the wrapper), so
// the dialog works as before. Controls Fyne builds later (the path's
// buttons after each change of folder, the files after a change of view)
// are wrapped as they appear, and so is the tick box of the options menu
// (Escape there closes the menu alone). The New Folder form's name field
// is one of ours, focused at open: Enter creates the folder, Escape closes
// the form alone (see takeForm).
//
// From any of them, and with nothing focused, Escape closes the dialog as
// Cancel does (nothing is written or read); over Fyne's own question
// ("Overwrite?") it closes the question alone. Enter presses Save or Open
// with nothing focused and in the file name field; elsewhere it does what
// users expect of the control:
//   - on a button it presses that button, as Space does (the app's dialog
//     buttons do the same);
//   - in the places on the left it goes to the place under the keyboard
//     cursor, as Space does;
//   - in the files it opens the folder under the keyboard cursor, and on a
//     file picks it and presses Save or Open, as a double click does.

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
	keys := &fileDialogKeys{win: win, popup: top, escape: m.escape, confirm: m.enter}
	keys.wrap()
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

// fileDialogParts visits o and the containers, scrolls and splits it
// holds.
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
	case *container.Split:
		for _, c := range []fyne.CanvasObject{v.Leading, v.Trailing} {
			if c != nil {
				fileDialogParts(c, visit)
			}
		}
	}
}

// fileDialogKeys wraps the focusable controls of one file dialog.
type fileDialogKeys struct {
	win     fyne.Window
	popup   *widget.PopUp // the file dialog on the window's overlays
	escape  func()        // cancels the dialog
	confirm func()        // presses Save or Open
	// wrapped counts the buttons wrapped so far: a new one is a button of
	// the path, which Fyne builds anew on each change of folder.
	wrapped int
}

// wrap puts a wrapper of ours in the place of each of Fyne's focusable
// controls in the dialog not wrapped yet. A list or grid inside a scroll
// is the files; the list on its own is the places.
func (k *fileDialogKeys) wrap() {
	k.wrapIn(k.popup.Content, false)
}

// wrapIn wraps what o holds and returns what stands in o's place.
func (k *fileDialogKeys) wrapIn(o fyne.CanvasObject, inScroll bool) fyne.CanvasObject {
	switch v := o.(type) {
	case *fyne.Container:
		changed := false
		for i, c := range v.Objects {
			if n := k.wrapIn(c, inScroll); n != c {
				v.Objects[i], changed = n, true
			}
		}
		if changed {
			v.Refresh()
		}
	case *container.Scroll:
		if v.Content != nil {
			if n := k.wrapIn(v.Content, true); n != v.Content {
				v.Content = n
				v.Refresh()
			}
		}
	case *container.Split:
		lead, trail := v.Leading, v.Trailing
		if lead != nil {
			v.Leading = k.wrapIn(lead, inScroll)
		}
		if trail != nil {
			v.Trailing = k.wrapIn(trail, inScroll)
		}
		if v.Leading != lead || v.Trailing != trail {
			v.Refresh()
		}
	case *widget.Button:
		k.wrapped++
		b := &fileDialogButton{Button: v, keys: k}
		rehome(&v.BaseWidget, b)
		return b
	case *widget.List:
		l := &fileDialogList{List: v, keys: k, files: inScroll}
		rehome(&v.BaseWidget, l)
		l.OnSelected = k.afterSelect(v.OnSelected)
		if !inScroll && v.UpdateItem != nil {
			update := v.UpdateItem
			l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
				update(id, item)
				translatePlace(item)
			}
			l.Refresh()
		}
		return l
	case *widget.GridWrap:
		g := &fileDialogGrid{GridWrap: v, keys: k}
		rehome(&v.BaseWidget, g)
		g.OnSelected = k.afterSelect(v.OnSelected)
		return g
	}
	return o
}

// rehome makes w the face of the widget whose BaseWidget is base: the
// widget's refreshes draw w, and a list or grid clicked focuses w. Fyne
// sets a widget's face once, when it is first drawn or sized; it is set
// again here, before w takes the widget's place on screen.
func rehome(base *widget.BaseWidget, w fyne.Widget) {
	hidden := base.Hidden
	*base = widget.BaseWidget{}
	base.Hidden = hidden
	base.ExtendBaseWidget(w)
}

// afterSelect runs selected, then wraps what it built (a change of
// folder rebuilds the path's buttons).
func (k *fileDialogKeys) afterSelect(selected func(int)) func(int) {
	return func(id int) {
		if selected != nil {
			selected(id)
		}
		k.wrap()
	}
}

// fileDialogButton is a button of a file dialog: Escape cancels the
// dialog, and Enter presses the button, as Space does.
type fileDialogButton struct {
	*widget.Button
	keys *fileDialogKeys
}

// Tapped presses the button.
func (b *fileDialogButton) Tapped(ev *fyne.PointEvent) {
	top := b.keys.win.Canvas().Overlays().Top()
	b.Button.Tapped(ev)
	b.keys.wrap()
	b.placeMenu(top)
	b.takeForm(top)
}

// takeForm gives the keyboard to the form a button opened over the
// dialog (New Folder): Fyne's name field kept Escape once clicked, and
// Enter in it did nothing. A field of ours takes its place, focused, with
// the text mirrored into Fyne's (which the form reads): Enter presses
// Create Folder, Escape presses Cancel; the file dialog stays. top is the
// window's top overlay before the tap.
func (b *fileDialogButton) takeForm(top fyne.CanvasObject) {
	c := b.keys.win.Canvas()
	popup, ok := c.Overlays().Top().(*widget.PopUp)
	if !ok || popup == top || popup == b.keys.popup {
		return
	}
	var box *fyne.Container
	var form *widget.Form
	var confirm, cancel *widget.Button
	fileDialogParts(popup.Content, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *fyne.Container:
			for _, in := range v.Objects {
				if f, ok := in.(*widget.Form); ok {
					box, form = v, f
				}
			}
		case *widget.Button:
			if v.Importance == widget.HighImportance {
				confirm = v
			} else {
				cancel = v
			}
		}
	})
	if form == nil || len(form.Items) != 1 || confirm == nil || cancel == nil {
		return
	}
	orig, ok := form.Items[0].Widget.(*widget.Entry)
	if !ok {
		return
	}
	field := newDialogEntry()
	field.SetText(orig.Text)
	field.OnChanged = func(s string) { orig.SetText(s) }
	field.setKeys(func() {
		if !confirm.Disabled() {
			confirm.OnTapped()
		}
	}, cancel.OnTapped)
	mine := widget.NewForm(&widget.FormItem{Text: form.Items[0].Text, Widget: field})
	for i, o := range box.Objects {
		if o == fyne.CanvasObject(form) {
			box.Objects[i] = mine
		}
	}
	box.Refresh()
	c.Focus(field)
}

// placeMenu puts the menu a button opened (the options button's "Show
// hidden files") under the button: Fyne places it by the button it
// knows, which is no longer on screen. top is the window's top overlay
// before the tap.
func (b *fileDialogButton) placeMenu(top fyne.CanvasObject) {
	c := b.keys.win.Canvas()
	menu, ok := c.Overlays().Top().(*widget.PopUp)
	if !ok || menu == top || menu == b.keys.popup || b.Icon == nil || b.Icon.Name() != theme.SettingsIcon().Name() {
		return
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	size := b.Size()
	menu.Move(fyne.NewPos(at.X+size.Width-menu.MinSize().Width, at.Y+size.Height))
	// Its tick box takes the focus when clicked: Escape there closes the
	// menu alone, as it does with nothing focused.
	if box, ok := menu.Content.(*fyne.Container); ok {
		for i, o := range box.Objects {
			if c, ok := o.(*widget.Check); ok {
				w := &fileDialogCheck{Check: c, menu: menu}
				rehome(&c.BaseWidget, w)
				box.Objects[i] = w
			}
		}
		box.Refresh()
	}
}

// fileDialogCheck is a tick box of a menu over a file dialog: Escape
// closes the menu, and Enter ticks or unticks the box, as Space does.
type fileDialogCheck struct {
	*widget.Check
	menu *widget.PopUp
}

// TypedKey closes the menu on Escape and ticks the box on Enter or
// Space.
func (c *fileDialogCheck) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		c.menu.Hide()
	case fyne.KeyReturn, fyne.KeyEnter:
		c.Check.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace, Physical: ev.Physical})
	default:
		c.Check.TypedKey(ev)
	}
}

// TypedKey cancels the dialog on Escape and presses the button on Enter
// or Space.
func (b *fileDialogButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		b.keys.escape()
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if !b.Disabled() {
			b.Tapped(nil)
		}
	default:
		b.Button.TypedKey(ev)
	}
}

// fileDialogList is the places on the left of a file dialog, or its
// files shown as a list: Escape cancels the dialog; Enter acts on the row
// under the keyboard cursor as Space does (a place or folder opens), and
// in the files on a file presses Save or Open after. Other keys move
// through the list as before.
type fileDialogList struct {
	*widget.List
	keys  *fileDialogKeys
	files bool
}

// TypedKey cancels on Escape, opens or picks on Enter, and moves through
// the list otherwise.
func (l *fileDialogList) TypedKey(ev *fyne.KeyEvent) {
	l.keys.typed(ev, l.files, l.List.TypedKey)
}

// fileDialogGrid is the files of a file dialog shown as a grid; its keys
// are those of fileDialogList's files.
type fileDialogGrid struct {
	*widget.GridWrap
	keys *fileDialogKeys
}

// TypedKey cancels on Escape, opens or picks on Enter, and moves through
// the grid otherwise.
func (g *fileDialogGrid) TypedKey(ev *fyne.KeyEvent) {
	g.keys.typed(ev, true, g.GridWrap.TypedKey)
}

// typed handles a key in a list or grid of the dialog whose own keys are
// key.
func (k *fileDialogKeys) typed(ev *fyne.KeyEvent, files bool, key func(*fyne.KeyEvent)) {
	switch ev.Name {
	case fyne.KeyEscape:
		k.escape()
	case fyne.KeyReturn, fyne.KeyEnter:
		// Space opens a folder (the path's buttons are built anew) or
		// picks a file.
		before := k.wrapped
		key(&fyne.KeyEvent{Name: fyne.KeySpace, Physical: ev.Physical})
		k.wrap()
		if files && k.wrapped == before {
			k.confirm()
		}
	default:
		key(ev)
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
// dialog, as its Cancel button does.
func (b *fileDialogBox) Hide() {
	switch {
	case b.covered():
		b.win.Canvas().Overlays().Top().Hide()
	case b.popup != nil:
		b.Dismiss()
	default:
		b.FileDialog.Hide()
	}
}

// translatePlace shows a place of the file dialog's left column (Home,
// Computer, the user's folders) in the window's language: Fyne names them
// in English whatever the language.
func translatePlace(item fyne.CanvasObject) {
	fileDialogParts(item, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			if t := placeName(l.Text); t != l.Text {
				l.SetText(t)
			}
		}
	})
}

// placeName is the name of one of the file dialog's places in the
// window's language; other text is returned as it is.
func placeName(name string) string {
	switch name {
	case "Home":
		return lang.X("place.home", "Home")
	case "Computer":
		return lang.X("place.computer", "Computer")
	case "App Files":
		return lang.X("place.appfiles", "App Files")
	case "Desktop":
		return lang.X("place.desktop", "Desktop")
	case "Documents":
		return lang.X("place.documents", "Documents")
	case "Downloads":
		return lang.X("place.downloads", "Downloads")
	case "Music":
		return lang.X("place.music", "Music")
	case "Pictures":
		return lang.X("place.pictures", "Pictures")
	case "Videos":
		return lang.X("place.videos", "Videos")
	case "Movies":
		return lang.X("place.movies", "Movies")
	}
	return name
}
