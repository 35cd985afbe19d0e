package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newSelect is widget.NewSelect with its place-holder translated: Fyne
// writes "(Select one)" in English whatever the language.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = lang.L("(Select one)")
	return s
}

// wholeOptions shows shown, which is s or a widget extending it, at
// least as wide as its longest option needs: a select asks only for its
// place-holder's width, so in a row of widgets at their least width "De
// droite à gauche" showed as "De droite à …". The container must hold
// the extending widget itself: Fyne finds the select's canvas through
// it, and a select it cannot place opens no list.
func wholeOptions(shown fyne.CanvasObject, s *widget.Select) *fyne.Container {
	return container.New(optionsWidth{s}, shown)
}

// optionsWidth lays out one select, asking for room for its widest
// option, measured at each layout so that a change of theme counts.
type optionsWidth struct{ s *widget.Select }

// MinSize is part of fyne.Layout: the select's own, widened to the text
// of its longest option with the padding and the arrow Fyne's select
// draws around it (three inner paddings, the icon and one more).
func (o optionsWidth) MinSize([]fyne.CanvasObject) fyne.Size {
	m := o.s.MinSize()
	pad, size := theme.InnerPadding(), theme.TextSize()
	for _, opt := range o.s.Options {
		// A pixel over the measure: a truncating label cuts text that
		// fits only to the last fraction of a pixel.
		m.Width = max(m.Width, fyne.MeasureText(opt, size, fyne.TextStyle{}).Width+4*pad+theme.IconInlineSize()+1)
	}
	return m
}

// Layout is part of fyne.Layout.
func (o optionsWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, c := range objs {
		c.Move(fyne.NewPos(0, 0))
		c.Resize(size)
	}
}
