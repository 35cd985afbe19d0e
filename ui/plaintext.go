package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// outsideOverrides is embedded by the window's own widgets that draw
// text inside a theme override (a dense row, the folder tree) but take
// nothing from its theme. Fyne passes by any object with a
// SetDeviceIsMobile method when it applies an override (it takes it for
// a container.ThemeOverride, which starts a scope of its own), so such a
// widget draws in the window's theme, and its text shares the window's
// parse of the fonts: Fyne parses them again, some 1.5 MiB, for each
// override scope that draws text, and keeps them while the app runs.
// The method is never called.
type outsideOverrides struct{}

// SetDeviceIsMobile does nothing; see outsideOverrides.
func (outsideOverrides) SetDeviceIsMobile(bool) {}

// plainText is a line of text in the window's theme, with a quarter of
// the theme's inner padding around it: a dense label (see dense) that
// does not take the dense theme's fonts.
type plainText struct {
	widget.BaseWidget
	outsideOverrides
	Text string
	// Truncate cuts a text too long for the room given with an ellipsis,
	// and then asks for no width.
	Truncate bool
	// ColorName is the theme colour of the text; the foreground's when "".
	ColorName fyne.ThemeColorName
	text      *canvas.Text
}

func newPlainText(s string) *plainText {
	t := &plainText{Text: s, text: canvas.NewText(s, theme.Color(theme.ColorNameForeground))}
	t.ExtendBaseWidget(t)
	return t
}

// SetText shows s.
func (t *plainText) SetText(s string) {
	if t.Text == s {
		return
	}
	t.Text = s
	t.Refresh()
}

func (t *plainText) CreateRenderer() fyne.WidgetRenderer {
	return &plainTextRenderer{t: t, objs: []fyne.CanvasObject{t.text}}
}

type plainTextRenderer struct {
	t    *plainText
	objs []fyne.CanvasObject
}

func plainTextPad() float32 { return theme.InnerPadding() / 4 }

func (r *plainTextRenderer) MinSize() fyne.Size {
	m := fyne.MeasureText(r.t.Text, r.t.text.TextSize, r.t.text.TextStyle)
	if r.t.Truncate {
		m.Width = 0
	}
	return m.Add(fyne.NewSquareSize(2 * plainTextPad()))
}

func (r *plainTextRenderer) Layout(s fyne.Size) {
	r.t.text.Text = r.t.Text
	if r.t.Truncate {
		r.t.text.Text = ellipsize(r.t.Text, s.Width-2*plainTextPad(), r.t.text.TextSize, r.t.text.TextStyle)
	}
	m := r.t.text.MinSize()
	r.t.text.Move(fyne.NewPos(plainTextPad(), (s.Height-m.Height)/2))
	r.t.text.Resize(m)
}

func (r *plainTextRenderer) Refresh() {
	r.t.text.TextSize = theme.TextSize()
	c := r.t.ColorName
	if c == "" {
		c = theme.ColorNameForeground
	}
	r.t.text.Color = theme.Color(c)
	r.Layout(r.t.Size())
	r.t.text.Refresh()
}

func (r *plainTextRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *plainTextRenderer) Destroy()                     {}

// outsideCheck is Fyne's check box, outside the theme overrides it is
// put under (see outsideOverrides): in the window's theme, and so taller
// than a dense row; overflowY keeps it in one.
type outsideCheck struct {
	widget.Check
	outsideOverrides
}

func newOutsideCheck(label string, changed func(bool)) *outsideCheck {
	c := &outsideCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// overflowY lays o out as tall as it asks, centred on the room it is
// given, while asking for trim less above and below: o's box reaches
// over its neighbours by trim, its text stays where a denser theme
// would have put it.
type overflowY struct{ trim func() float32 }

// MinSize is part of fyne.Layout.
func (l overflowY) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(s.Width, max(0, s.Height-2*l.trim()))
}

// Layout is part of fyne.Layout.
func (l overflowY) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, (s.Height-h)/2))
		o.Resize(fyne.NewSize(s.Width, h))
	}
}
