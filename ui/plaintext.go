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
	text *canvas.Text
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
	return r.t.text.MinSize().Add(fyne.NewSquareSize(2 * plainTextPad()))
}

func (r *plainTextRenderer) Layout(s fyne.Size) {
	m := r.t.text.MinSize()
	r.t.text.Move(fyne.NewPos(plainTextPad(), (s.Height-m.Height)/2))
	r.t.text.Resize(m)
}

func (r *plainTextRenderer) Refresh() {
	r.t.text.Text = r.t.Text
	r.t.text.TextSize = theme.TextSize()
	r.t.text.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.t.Size())
	r.t.text.Refresh()
}

func (r *plainTextRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *plainTextRenderer) Destroy()                     {}
