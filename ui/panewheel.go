package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// wheelRows is how many rows one click of the mouse wheel moves a file
// list, as in file managers. Fyne's scroller moves a fixed 25 units a
// click, less than one of our compact rows.
const wheelRows = 3

// wheelUnit is the distance Fyne's desktop driver reports for one click
// of the wheel (smaller fractions come from touchpads).
const wheelUnit = 25

// Scrolled moves the list by wheelRows rows for each click of the wheel.
// The cells take the event before the table's scroller does.
func (c *fileCell) Scrolled(ev *fyne.ScrollEvent) { c.list.wheel(c, ev) }

// wheel scrolls the table by ev, scaled to whole rows. The current offset
// is read from where the cell under the pointer is drawn: its position in
// the scrolled content less its position on screen.
func (l *fileList) wheel(c *fileCell, ev *fyne.ScrollEvent) {
	d := fyne.CurrentApp().Driver()
	rowH := (&fileCellRenderer{c: c}).MinSize().Height
	stride := rowH + theme.Padding()
	cellAbs, tableAbs := d.AbsolutePositionForObject(c), d.AbsolutePositionForObject(l.ft)
	off := fyne.NewPos(c.Position().X-(cellAbs.X-tableAbs.X),
		c.Position().Y-(cellAbs.Y-tableAbs.Y-rowH)) // the header row is as tall as a cell
	off.X -= ev.Scrolled.DX
	off.Y -= ev.Scrolled.DY / wheelUnit * wheelRows * stride
	view := l.table.Size().Height - rowH
	content := float32(len(l.pane.model.rows))*stride - theme.Padding()
	off.Y = max(min(off.Y, content-view), 0)
	off.X = max(off.X, 0)
	l.table.ScrollToOffset(off)
}

// Scrolled moves the queue by wheelRows rows for each click of the wheel.
func (r *queueRow) Scrolled(ev *fyne.ScrollEvent) {
	l := r.qp.lists[tabOf(r.job)]
	step := r.MinSize().Height + theme.Padding()
	n := len(r.qp.tabs[tabOf(r.job)])
	most := max(float32(n)*step-theme.Padding()-l.Size().Height, 0)
	off := l.GetScrollOffset() - ev.Scrolled.DY/wheelUnit*wheelRows*step
	l.ScrollToOffset(min(max(off, 0), most))
}
