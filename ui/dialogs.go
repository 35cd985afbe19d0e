package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The app's question dialogs are built here rather than with dialog's
// NewConfirm and NewForm, whose buttons ignore Escape once Tab gave them
// the focus: these use dialogButtons, and modalOwner gives them the
// keyboard.

// confirmBox is a dialog with a confirm and a cancel button. The callback
// gets true once for the confirmation, false for any other way it closes.
type confirmBox struct {
	dialog   *dialog.CustomDialog
	ok       *dialogButton
	cancel   *dialogButton
	answered bool
}

func newConfirmBox(title, okText, cancelText string, content fyne.CanvasObject, callback func(bool), win fyne.Window) *confirmBox {
	b := &confirmBox{}
	answer := func(v bool) {
		if !b.answered {
			b.answered = true
			if callback != nil {
				callback(v)
			}
		}
	}
	b.dialog = dialog.NewCustomWithoutButtons(title, content, win)
	// The answer is given once the dialog is hidden: a dialog the callback
	// opens (an error, a further question) goes above, and hiding this one
	// afterwards would take it down too (an overlay leaves with those above).
	confirmed := false
	b.ok = newDialogButton(okText, theme.ConfirmIcon(), widget.HighImportance, func() {
		confirmed = true
		b.dialog.Hide()
	})
	b.cancel = newDialogButton(cancelText, theme.CancelIcon(), widget.MediumImportance, b.dialog.Hide)
	b.dialog.SetOnClosed(func() { answer(confirmed) })
	b.dialog.SetButtons([]fyne.CanvasObject{b.cancel, b.ok})
	return b
}

// Confirm presses OK when it is enabled (Enter, through modalOwner).
func (b *confirmBox) Confirm() {
	if !b.ok.Disabled() {
		b.ok.OnTapped()
	}
}

// Hide, Show... make a confirmBox a dialog.Dialog for modalOwner.
func (b *confirmBox) Show()                     { b.dialog.Show() }
func (b *confirmBox) Hide()                     { b.dialog.Hide() }
func (b *confirmBox) Dismiss()                  { b.dialog.Hide() }
func (b *confirmBox) SetDismissText(string)     {}
func (b *confirmBox) SetOnClosed(closed func()) { b.dialog.SetOnClosed(closed) }
func (b *confirmBox) Refresh()                  { b.dialog.Refresh() }
func (b *confirmBox) Resize(s fyne.Size)        { b.dialog.Resize(s) }
func (b *confirmBox) MinSize() fyne.Size        { return b.dialog.MinSize() }

// keys are the buttons that must hand Escape to the dialog.
func (b *confirmBox) keys(fields ...escapable) []escapable {
	return append(fields, b.ok, b.cancel)
}

// formBox is a confirmBox around a form: OK is enabled only while every
// field validates, as in dialog.NewForm.
func newFormBox(title, okText, cancelText string, items []*widget.FormItem, callback func(bool), win fyne.Window) *confirmBox {
	form := widget.NewForm(items...)
	b := newConfirmBox(title, okText, cancelText, form, callback, win)
	valid := func(err error) {
		if err != nil {
			b.ok.Disable()
		} else {
			b.ok.Enable()
		}
	}
	valid(form.Validate())
	form.SetOnValidationChanged(valid)
	return b
}

// questionWidth is the width of a question whose text is long: it wraps
// there rather than making the dialog wider than the window (a long file
// name in "Delete …?").
const questionWidth = 520

// questionBox is a yes/no question with a text.
func newQuestionBox(title, message string, callback func(bool), win fyne.Window) *confirmBox {
	text := widget.NewLabel(message)
	long := text.MinSize().Width > questionWidth
	if long {
		text.Wrapping = fyne.TextWrapWord
	}
	content := container.NewBorder(nil, nil, widget.NewIcon(theme.QuestionIcon()), nil, text)
	b := newConfirmBox(title, lang.L("Yes"), lang.L("No"), content, callback, win)
	if long {
		b.Resize(fyne.NewSize(questionWidth, 0))
	}
	return b
}

// showMessage shows an error or a notice with one OK button, which Enter
// and Escape both press.
func (o *modalOwner) showMessage(win fyne.Window, title, message string, icon fyne.Resource) {
	// A short message on one line: a wrapping label asks for no width and
	// would be drawn a letter a line. A long one wraps in a wider dialog.
	long := false
	for _, line := range strings.Split(message, "\n") {
		long = long || fyne.MeasureText(line, theme.TextSize(), fyne.TextStyle{}).Width > 480
	}
	label := &widget.Label{Text: message}
	if long {
		label.Wrapping = fyne.TextWrapWord
	}
	var size fyne.Size
	if long {
		size = fyne.NewSize(560, 0)
	}
	o.showClosing(win, title, lang.L("OK"), size, container.NewBorder(nil, nil, widget.NewIcon(icon), nil, label))
}

// showClosing shows content in a dialog whose one button (Close, OK)
// closes it; Enter and Escape both close it, from that button too after
// Tab (the button of dialog.NewCustom took neither). size, unless zero,
// is the dialog's size; fields are the content's own controls that take
// the focus.
func (o *modalOwner) showClosing(win fyne.Window, title, closeText string, size fyne.Size, content fyne.CanvasObject, fields ...escapable) {
	d := dialog.NewCustomWithoutButtons(title, content, win)
	b := newDialogButton(closeText, nil, widget.HighImportance, d.Hide)
	d.SetButtons([]fyne.CanvasObject{b})
	if !size.IsZero() {
		d.Resize(size) // before it is shown, so that a wrapping text lays out at that width
	}
	o.show(win, d, d.Hide, append(fields, b)...)
}
