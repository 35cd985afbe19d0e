package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// flatButton is the window's own button: an icon and a title in the
// regular weight, as FileZilla's. Fyne's buttons measure their title in
// bold when they are built, even an empty one, and so keep the bold
// fonts parsed (some 3 MiB) for as long as the window has one; with
// these the window draws no bold text until a dialog opens. It is
// tapped with the pointer, or with Space or Return when it has the
// focus, and disabled like Fyne's.
type flatButton struct {
	widget.DisableableWidget
	Text       string
	Icon       fyne.Resource
	Importance widget.Importance
	OnTapped   func()

	hovered, focused bool
	// iconOnly hides the title, for a bar short of room (quickBarLayout).
	iconOnly bool
}

func newFlatButton(text string, icon fyne.Resource, tapped func()) *flatButton {
	b := &flatButton{Text: text, Icon: icon, OnTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

// SetText changes the title.
func (b *flatButton) SetText(s string) { b.Text = s; b.Refresh() }

// SetIcon changes the icon.
func (b *flatButton) SetIcon(r fyne.Resource) { b.Icon = r; b.Refresh() }

// setIconOnly shows the icon alone, or the icon and the title again.
func (b *flatButton) setIconOnly(on bool) {
	if b.iconOnly != on {
		b.iconOnly = on
		b.Refresh()
	}
}

// shownText is the title as drawn: none while the button shows its icon
// alone.
func (b *flatButton) shownText() string {
	if b.iconOnly && b.Icon != nil {
		return ""
	}
	return b.Text
}

// widthFor is the button's least width with its title, or with its icon
// alone, whatever it shows now.
func (b *flatButton) widthFor(title bool) float32 {
	text := ""
	if title {
		text = b.Text
	}
	return flatButtonSize(b.Icon, text).Width
}

// flatButtonSize is the least size of a flat button with that icon and
// title: the two side by side, a padding apart, with the inner padding
// around them.
func flatButtonSize(icon fyne.Resource, text string) fyne.Size {
	pad := theme.InnerPadding()
	w, h := float32(0), float32(0)
	if icon != nil {
		w, h = theme.IconInlineSize(), theme.IconInlineSize()
	}
	if text != "" {
		ts := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{})
		if w > 0 {
			w += theme.Padding()
		}
		w += ts.Width
		h = max(h, ts.Height)
	}
	return fyne.NewSize(w+2*pad, h+2*pad)
}

// Tapped runs OnTapped unless the button is disabled.
func (b *flatButton) Tapped(*fyne.PointEvent) {
	if !b.Disabled() && b.OnTapped != nil {
		b.OnTapped()
	}
}

// FocusGained is part of fyne.Focusable.
func (b *flatButton) FocusGained() { b.focused = true; b.Refresh() }

// FocusLost is part of fyne.Focusable.
func (b *flatButton) FocusLost() { b.focused = false; b.Refresh() }

// TypedRune taps the button on Space.
func (b *flatButton) TypedRune(r rune) {
	if r == ' ' {
		b.Tapped(nil)
	}
}

// TypedKey taps the button on Return or Enter.
func (b *flatButton) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		b.Tapped(nil)
	}
}

// MouseIn is part of desktop.Hoverable.
func (b *flatButton) MouseIn(*desktop.MouseEvent) { b.hovered = true; b.Refresh() }

// MouseMoved is part of desktop.Hoverable.
func (b *flatButton) MouseMoved(*desktop.MouseEvent) {}

// MouseOut is part of desktop.Hoverable.
func (b *flatButton) MouseOut() { b.hovered = false; b.Refresh() }

func (b *flatButton) CreateRenderer() fyne.WidgetRenderer {
	r := &flatButtonRenderer{b: b, bg: canvas.NewRectangle(color.Transparent),
		over: canvas.NewRectangle(color.Transparent), icon: canvas.NewImageFromResource(nil),
		text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	r.icon.FillMode = canvas.ImageFillContain
	r.objs = []fyne.CanvasObject{r.bg, r.over, r.icon, r.text}
	r.Refresh()
	return r
}

type flatButtonRenderer struct {
	b    *flatButton
	bg   *canvas.Rectangle // the button's colour
	over *canvas.Rectangle // hover and focus
	icon *canvas.Image
	text *canvas.Text
	objs []fyne.CanvasObject
	// drawn is what icon last drew. The window keeps an image drawn until
	// the image itself is refreshed (refreshing the button is not enough),
	// so a new icon, as the status bar's Pause turning into Play, showed
	// only after the window was resized.
	drawn iconDrawn
}

func (r *flatButtonRenderer) MinSize() fyne.Size {
	return flatButtonSize(r.b.Icon, r.b.shownText())
}

func (r *flatButtonRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	r.over.Resize(s)
	m := r.MinSize()
	pad := theme.InnerPadding()
	x := (s.Width - m.Width + 2*pad) / 2
	if r.b.Icon != nil {
		is := theme.IconInlineSize()
		r.icon.Move(fyne.NewPos(x, (s.Height-is)/2))
		r.icon.Resize(fyne.NewSquareSize(is))
		x += is + theme.Padding()
	}
	ts := r.text.MinSize()
	r.text.Move(fyne.NewPos(x, (s.Height-ts.Height)/2))
	r.text.Resize(ts)
}

func (r *flatButtonRenderer) Refresh() {
	b := r.b
	radius := theme.InputRadiusSize()
	r.bg.CornerRadius, r.over.CornerRadius = radius, radius
	fg := theme.Color(theme.ColorNameForeground)
	switch {
	case b.Disabled():
		r.bg.FillColor = theme.Color(theme.ColorNameDisabledButton)
		fg = theme.Color(theme.ColorNameDisabled)
	case b.Importance == widget.HighImportance:
		r.bg.FillColor = theme.Color(theme.ColorNamePrimary)
		fg = theme.Color(theme.ColorNameForegroundOnPrimary)
	case b.Importance == widget.LowImportance:
		r.bg.FillColor = color.Transparent
	default:
		r.bg.FillColor = theme.Color(theme.ColorNameButton)
	}
	switch {
	case b.Disabled():
		r.over.FillColor = color.Transparent
	case b.focused:
		r.over.FillColor = theme.Color(theme.ColorNameFocus)
	case b.hovered:
		r.over.FillColor = theme.Color(theme.ColorNameHover)
	default:
		r.over.FillColor = color.Transparent
	}
	r.text.Text, r.text.Color, r.text.TextSize = b.shownText(), fg, theme.TextSize()
	r.icon.Resource = b.Icon
	if b.Icon != nil {
		switch {
		case b.Disabled():
			r.icon.Resource = theme.NewDisabledResource(b.Icon)
		case b.Importance == widget.HighImportance:
			r.icon.Resource = theme.NewInvertedThemedResource(b.Icon)
		}
	}
	r.icon.Hidden = b.Icon == nil
	refreshIcon(r.icon, &r.drawn)
	r.Layout(b.Size())
	canvas.Refresh(b)
}

func (r *flatButtonRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *flatButtonRenderer) Destroy()                     {}
