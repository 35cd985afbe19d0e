package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore/listing"
)

// dragController moves rows between panes: a drag on a row carries the
// pane's selection, a floating badge follows the pointer and the pane
// under it is outlined; releasing over the other pane transfers there.
// It also receives files dropped from the operating system. UI goroutine
// only.
type dragController struct {
	mw      *mainWindow
	layer   *fyne.Container // above the window content, never takes events
	badge   *fyne.Container
	label   *canvas.Text
	from    *pane
	entries []listing.Entry
	pos     fyne.Position // pointer, absolute
	over    *pane
}

func newDragController(mw *mainWindow) *dragController {
	d := &dragController{mw: mw}
	// Regular, as all the window's text: its size is measured as the
	// window is built, and bold would keep the bold fonts parsed.
	d.label = canvas.NewText("", theme.Color(theme.ColorNameForegroundOnPrimary))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	bg.CornerRadius = theme.InputRadiusSize()
	d.badge = container.NewStack(bg, container.NewPadded(d.label))
	d.badge.Hide()
	d.layer = container.NewWithoutLayout(d.badge)
	return d
}

// active reports whether a drag is in progress.
func (d *dragController) active() bool { return d.from != nil }

// move follows the pointer. The first call starts the drag with the
// selection, or with the dragged row alone when it is not selected.
func (d *dragController) move(p *pane, cell fyne.CanvasObject, row int, ev *fyne.DragEvent) {
	if d.from == nil {
		if p.model.entryAt(row) == nil {
			return // ".." is not something to transfer
		}
		if !p.model.isSelected(row) {
			p.model.click(row, false, false)
			p.selectionChanged()
		}
		d.from, d.entries = p, p.model.selection()
		// Drivers differ: a live pointer reports each step with its
		// absolute position, a synthetic drag one total delta from where
		// it started.
		start := fyne.CurrentApp().Driver().AbsolutePositionForObject(cell).Add(ev.Position)
		if ev.AbsolutePosition.IsZero() {
			d.pos = start.Add(ev.Dragged)
		} else {
			d.pos = ev.AbsolutePosition
		}
		d.label.Text = dragText(d.entries)
		d.label.Refresh()
		d.badge.Show()
	} else if ev.AbsolutePosition.IsZero() {
		d.pos = d.pos.Add(ev.Dragged)
	} else {
		d.pos = ev.AbsolutePosition
	}
	d.badge.Resize(d.badge.MinSize())
	d.badge.Move(d.pos.Add(fyne.NewPos(14, 10)))
	d.setOver(d.mw.paneAt(d.pos))
	d.trackTreeDrop(d.over)
}

func (d *dragController) setOver(p *pane) {
	if p == d.from {
		p = nil
	}
	if p == d.over {
		return
	}
	if d.over != nil {
		d.over.setDropTarget(false)
	}
	d.over = p
	if p != nil {
		p.setDropTarget(true)
	}
}

// end drops the rows on the pane under the pointer, if it is the other.
func (d *dragController) end() {
	if d.from == nil {
		return
	}
	from, entries, to := d.from, d.entries, d.over
	dir := ""
	if to != nil {
		dir = to.dropDir(d.pos) // a folder of its tree, or its list's
	}
	d.setOver(nil)
	d.trackTreeDrop(nil)
	d.from, d.entries = nil, nil
	d.badge.Hide()
	if to != nil && to.src != nil {
		d.mw.transferTo(from, entries, to, dir)
	}
}

func dragText(entries []listing.Entry) string {
	if len(entries) == 1 {
		return entries[0].Name
	}
	return lang.X("drag.items", "{{.N}} items", map[string]any{"N": len(entries)})
}

// osDrop receives files and folders dropped from the system's file
// manager: uploaded into a server pane, copied into a local one.
func (d *dragController) osDrop(pos fyne.Position, uris []fyne.URI) {
	p := d.mw.paneAt(pos)
	if p == nil {
		p = d.mw.active
	}
	if p == nil || p.src == nil || p.dir == "" {
		return
	}
	var paths []string
	for _, u := range uris {
		if u.Scheme() == storage.NewFileURI("/").Scheme() {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) == 0 {
		return
	}
	dir := p.dropDir(pos)
	if p.src.local() {
		d.mw.copyLocal(paths, p, dir)
	} else {
		d.mw.uploadPaths(paths, p, dir)
	}
}

// paneAt returns the pane under an absolute position, or nil.
func (mw *mainWindow) paneAt(pos fyne.Position) *pane {
	for _, p := range mw.panes {
		if p.contains(pos) {
			return p
		}
	}
	return nil
}
