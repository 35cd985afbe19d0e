package ui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// barItem is one object of the quick-connect bar: flexible items (fields
// and choices) have a preferred and a smallest width; the others (the
// buttons) always get their own minimum width.
type barItem struct {
	pref, least float32
	flexible    bool
	grows       bool // takes the room left over (the host)
	// fitsOptions raises a choice's widths to what its longest option
	// needs, so that no language's words are cut ("Panneau d…").
	fitsOptions bool
}

// fitted returns the item with its widths raised for its choice's
// longest option, when it asks for that.
func (it barItem) fitted(o fyne.CanvasObject) barItem {
	s, ok := o.(*widget.Select)
	if !it.fitsOptions || !ok {
		return it
	}
	need := selectWidthFor(s.Options)
	it.least, it.pref = max(it.least, need), max(it.pref, need)
	return it
}

// selectWidthFor is the width a Select needs to show the longest of
// options whole: the text, the label's insets, the drop-down icon and
// its padding, as the Select lays them out.
func selectWidthFor(options []string) float32 {
	var text float32
	for _, s := range options {
		text = max(text, fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return float32(math.Ceil(float64(text + theme.Size(theme.SizeNameInlineIcon) +
		theme.Size(theme.SizeNameInnerPadding) + 3*theme.Padding())))
}

// fittedItems is every item with its widths fitted to its object.
func (l *quickBarLayout) fittedItems(objects []fyne.CanvasObject) []barItem {
	out := make([]barItem, len(objects))
	for i, o := range objects {
		out[i] = l.items[i].fitted(o)
	}
	return out
}

// quickBarLayout lays the quick-connect bar out in one row, in the order
// of its objects, which is also the order Tab visits them. When the
// window is narrow the fields shrink together, each no smaller than its
// least width, so that the bar fits from 1024 pixels up in every language
// instead of pushing the host field or the buttons out of the window.
type quickBarLayout struct{ items []barItem }

func (l *quickBarLayout) widths(objects []fyne.CanvasObject, width float32) []float32 {
	out := make([]float32, len(objects))
	items := l.fittedItems(objects)
	pad := theme.Padding()
	avail := width - pad*float32(len(objects)-1)
	var prefFlex, leastFlex float32
	for i, o := range objects {
		it := items[i]
		if !it.flexible {
			out[i] = o.MinSize().Width
			avail -= out[i]
			continue
		}
		prefFlex += it.pref
		leastFlex += it.least
	}
	if avail >= prefFlex {
		extra := avail - prefFlex
		for i, it := range items {
			if it.flexible {
				out[i] = it.pref
				if it.grows {
					out[i] += extra
				}
			}
		}
		return out
	}
	// Share what there is between least and preferred widths.
	f := float32(0)
	if prefFlex > leastFlex {
		f = max(avail-leastFlex, 0) / (prefFlex - leastFlex)
	}
	for i, it := range items {
		if it.flexible {
			out[i] = it.least + (it.pref-it.least)*f
		}
	}
	return out
}

// Layout places the objects left to right at the bar's full height.
func (l *quickBarLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, w := range l.widths(objects, size.Width) {
		objects[i].Move(fyne.NewPos(x, 0))
		objects[i].Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
}

// MinSize is the bar with every field at its least width.
func (l *quickBarLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	items := l.fittedItems(objects)
	for i, o := range objects {
		m := o.MinSize()
		h = max(h, m.Height)
		if items[i].flexible {
			w += items[i].least
		} else {
			w += m.Width
		}
	}
	return fyne.NewSize(w+theme.Padding()*float32(max(len(objects)-1, 0)), h)
}
