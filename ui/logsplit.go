package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// logSplit stacks the message log above the work area (panes and queue)
// with a bar between them that the pointer drags, as container.Split
// does, but lists the work area first among its objects. Fyne moves the
// keyboard focus in the order of objects, so Tab goes from the
// quick-connect bar to the panes and the queue, and reaches the log last
// although it is drawn above them. Its fields are used on the UI
// goroutine only.
type logSplit struct {
	widget.BaseWidget
	log, work fyne.CanvasObject
	bar       *splitBar
	// Offset is the log's share of the height, 0 to 1.
	Offset float64
}

func newLogSplit(log, work fyne.CanvasObject, offset float64) *logSplit {
	s := &logSplit{log: log, work: work, Offset: offset}
	s.bar = &splitBar{split: s}
	s.bar.ExtendBaseWidget(s.bar)
	s.ExtendBaseWidget(s)
	return s
}

// CreateRenderer lays the log, the bar and the work area out.
func (s *logSplit) CreateRenderer() fyne.WidgetRenderer { return &logSplitRenderer{s: s} }

type logSplitRenderer struct{ s *logSplit }

func barHeight() float32 { return theme.Padding() }

func (r *logSplitRenderer) Layout(size fyne.Size) {
	s := r.s
	bar := barHeight()
	avail := max(size.Height-bar, 0)
	top := float32(s.Offset) * avail
	top = max(top, s.log.MinSize().Height)
	top = min(top, max(avail-s.work.MinSize().Height, 0))
	s.log.Move(fyne.NewPos(0, 0))
	s.log.Resize(fyne.NewSize(size.Width, top))
	s.bar.Move(fyne.NewPos(0, top))
	s.bar.Resize(fyne.NewSize(size.Width, bar))
	s.work.Move(fyne.NewPos(0, top+bar))
	s.work.Resize(fyne.NewSize(size.Width, avail-top))
}

func (r *logSplitRenderer) MinSize() fyne.Size {
	l, w := r.s.log.MinSize(), r.s.work.MinSize()
	return fyne.NewSize(max(l.Width, w.Width), l.Height+w.Height+barHeight())
}

func (r *logSplitRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.s.work, r.s.bar, r.s.log}
}

func (r *logSplitRenderer) Refresh() {
	r.Layout(r.s.Size())
	r.s.bar.Refresh()
}

func (r *logSplitRenderer) Destroy() {}

// splitBar is the handle between the log and the work area.
type splitBar struct {
	widget.BaseWidget
	split *logSplit
}

// CreateRenderer draws the bar in the theme's separator colour.
func (b *splitBar) CreateRenderer() fyne.WidgetRenderer {
	rect := canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
	return &splitBarRenderer{rect: rect}
}

type splitBarRenderer struct {
	rect *canvas.Rectangle
}

func (r *splitBarRenderer) Layout(s fyne.Size)           { r.rect.Resize(s) }
func (r *splitBarRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, barHeight()) }
func (r *splitBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *splitBarRenderer) Destroy()                     {}
func (r *splitBarRenderer) Refresh() {
	r.rect.FillColor = theme.Color(theme.ColorNameSeparator)
	r.rect.Refresh()
}

// Cursor shows that the bar moves up and down.
func (b *splitBar) Cursor() desktop.Cursor { return desktop.VResizeCursor }

// Dragged moves the bar with the pointer.
func (b *splitBar) Dragged(ev *fyne.DragEvent) {
	s := b.split
	avail := s.Size().Height - barHeight()
	if avail <= 0 {
		return
	}
	s.Offset = min(max(s.Offset+float64(ev.Dragged.DY/avail), 0), 1)
	s.Refresh()
}

// DragEnd is part of fyne.Draggable.
func (b *splitBar) DragEnd() {}
