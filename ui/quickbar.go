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
	// needs, so that no language's words are cut ("À dro…").
	fitsOptions bool
	// compact marks a button that shows its icon alone when the fields
	// are at their least widths and the bar is still short of room
	// (Connect, Disconnect): the rest of the bar, Sites and the settings
	// last, stays in the window.
	compact bool
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

// quickBarLayout lays the quick-connect bar out in one row (and a pane's
// row of path bar, filter and buttons), in the order of its objects,
// which is also the order Tab visits them. When the window is narrow the
// fields shrink together, each no smaller than its least width, then the
// compact buttons drop their titles, so that the whole bar stays in the
// window down to the window's least width instead of pushing the buttons
// out of it.
type quickBarLayout struct{ items []barItem }

// buttonWidth is the width a button of the bar takes: a compact one
// without its title when short is set, any other its minimum.
func buttonWidth(it barItem, o fyne.CanvasObject, short bool) float32 {
	if b, ok := o.(*flatButton); ok && it.compact {
		return b.widthFor(!short)
	}
	return o.MinSize().Width
}

// widths returns each object's width in a bar of the given width, and
// whether the compact buttons show their icons alone.
func (l *quickBarLayout) widths(objects []fyne.CanvasObject, width float32) ([]float32, bool) {
	out := make([]float32, len(objects))
	items := l.fittedItems(objects)
	pad := theme.Padding()
	avail := width - pad*float32(len(objects)-1)
	var prefFlex, leastFlex, buttons float32
	for i, it := range items {
		if it.flexible {
			prefFlex += it.pref
			leastFlex += it.least
		} else {
			buttons += buttonWidth(it, objects[i], false)
		}
	}
	short := avail-buttons < leastFlex
	for i, it := range items {
		if !it.flexible {
			out[i] = buttonWidth(it, objects[i], short)
			avail -= out[i]
		}
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
		return out, short
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
	return out, short
}

// Layout places the objects left to right at the bar's full height.
func (l *quickBarLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	widths, short := l.widths(objects, size.Width)
	x := float32(0)
	for i, w := range widths {
		if b, ok := objects[i].(*flatButton); ok && l.items[i].compact {
			b.setIconOnly(short)
		}
		objects[i].Move(fyne.NewPos(x, 0))
		objects[i].Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
}

// MinSize is the bar with every field at its least width and the compact
// buttons without their titles: the least width at which all of the bar
// shows.
func (l *quickBarLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	items := l.fittedItems(objects)
	for i, o := range objects {
		m := o.MinSize()
		h = max(h, m.Height)
		if items[i].flexible {
			w += items[i].least
		} else {
			w += buttonWidth(items[i], o, true)
		}
	}
	return fyne.NewSize(w+theme.Padding()*float32(max(len(objects)-1, 0)), h)
}
