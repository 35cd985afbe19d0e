package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// denseRowHeight is the height of a row of a file list or a folder tree:
// a line of text or an inline icon, whichever is taller, with a pixel
// above and below, as in FileZilla's lists. The list or table puts the
// theme's padding between rows (in the table's header, that gap is
// where a column's width is dragged, so it keeps its size).
func denseRowHeight() float32 {
	h := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height
	return max(h, theme.IconInlineSize()) + theme.InnerPadding()/4
}

// denseTheme is the app's current theme (read at each call, so that a
// change of theme reaches the widgets it covers) with some sizes scaled
// down: for rows of Fyne's labels and progress bars that should be no
// taller than a file list's rows, and for lists without a gap between
// rows.
type denseTheme struct {
	app   fyne.App
	scale map[fyne.ThemeSizeName]float32
}

func (d denseTheme) base() fyne.Theme { return d.app.Settings().Theme() }

// Color is part of fyne.Theme.
func (d denseTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return d.base().Color(n, v)
}

// Font is part of fyne.Theme.
func (d denseTheme) Font(s fyne.TextStyle) fyne.Resource { return d.base().Font(s) }

// Icon is part of fyne.Theme.
func (d denseTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return d.base().Icon(n) }

// Size is part of fyne.Theme.
func (d denseTheme) Size(n fyne.ThemeSizeName) float32 {
	s := d.base().Size(n)
	if f, ok := d.scale[n]; ok {
		return s * f
	}
	return s
}

// dense shows o with a quarter of the theme's inner padding, so that a
// label is a line of text with two pixels above and below.
func dense(a fyne.App, o fyne.CanvasObject) fyne.CanvasObject {
	return innerPadding(a, o, 0.25)
}

// innerPadding shows o with the theme's inner padding scaled by f.
func innerPadding(a fyne.App, o fyne.CanvasObject, f float32) fyne.CanvasObject {
	return newSteadyOverride(o, denseTheme{app: a, scale: map[fyne.ThemeSizeName]float32{theme.SizeNameInnerPadding: f}})
}

// gapless shows o, a list, without padding between its rows (the rows
// keep their own, and widgets inside them their inner padding).
func gapless(a fyne.App, o fyne.CanvasObject) fyne.CanvasObject {
	return newSteadyOverride(o, denseTheme{app: a, scale: map[fyne.ThemeSizeName]float32{theme.SizeNamePadding: 0}})
}

// fixedWidth lays objects out at a fixed width and the height of the
// tallest, read when laid out (a row's theme may change after it is
// built).
type fixedWidth float32

// MinSize is part of fyne.Layout.
func (w fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(w), h)
}

// Layout is part of fyne.Layout.
func (w fixedWidth) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(float32(w), s.Height))
	}
}
