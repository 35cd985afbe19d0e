package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// barItem is one object of the quick-connect bar: flexible items (fields
// and choices) have a preferred and a smallest width; the others (the
// buttons) always get their own minimum width.
type barItem struct {
	pref, least float32
	flexible    bool
	grows       bool // takes the room left over (the host)
}

// quickBarLayout lays the quick-connect bar out in one row, in the order
// of its objects, which is also the order Tab visits them. When the
// window is narrow the fields shrink together, each no smaller than its
// least width, so that the bar fits from 1024 pixels up in every language
// instead of pushing the host field or the buttons out of the window.
type quickBarLayout struct{ items []barItem }

func (l *quickBarLayout) widths(objects []fyne.CanvasObject, width float32) []float32 {
	out := make([]float32, len(objects))
	pad := theme.Padding()
	avail := width - pad*float32(len(objects)-1)
	var prefFlex, leastFlex float32
	for i, o := range objects {
		it := l.items[i]
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
		for i, it := range l.items {
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
	for i, it := range l.items {
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
	for i, o := range objects {
		m := o.MinSize()
		h = max(h, m.Height)
		if l.items[i].flexible {
			w += l.items[i].least
		} else {
			w += m.Width
		}
	}
	return fyne.NewSize(w+theme.Padding()*float32(max(len(objects)-1, 0)), h)
}
