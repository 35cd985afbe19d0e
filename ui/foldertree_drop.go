package ui

import "fyne.io/fyne/v2"

// dirAt returns the folder of the tree row under an absolute position,
// and the row; ok is false when the tree is hidden or the position is
// over no folder.
func (t *folderTree) dirAt(pos fyne.Position) (dir string, row int, ok bool) {
	if !t.pane.treeShown() || !t.Visible() {
		return "", -1, false
	}
	d := fyne.CurrentApp().Driver()
	to := d.AbsolutePositionForObject(t)
	ts := t.Size()
	if pos.X < to.X || pos.Y < to.Y || pos.X >= to.X+ts.Width || pos.Y >= to.Y+ts.Height {
		return "", -1, false
	}
	// Every row has the same height.
	lo := d.AbsolutePositionForObject(t.list)
	step := t.rowPitch()
	row = int((pos.Y - lo.Y + t.list.GetScrollOffset()) / step)
	if n := t.model.nodeAt(row); n != nil && pos.Y >= lo.Y {
		return n.path, row, true
	}
	return "", -1, false
}

// setDropRow frames the row a drag would drop on; -1 for none.
func (t *folderTree) setDropRow(row int) {
	if row != t.dropRow {
		t.dropRow = row
		t.list.Refresh()
	}
}

// dropDir is where a drop at pos on pane p lands: the tree folder under
// the pointer, else the folder row of the list under it (as in
// FileZilla), else the folder the pane shows.
func (p *pane) dropDir(pos fyne.Position) string {
	if dir, _, ok := p.tree.dirAt(pos); ok {
		return dir
	}
	if dir, _, ok := p.list.dirAt(pos); ok {
		return dir
	}
	return p.dir
}

// trackTreeDrop frames the tree folder or the list's folder row under
// the pointer of a drag over pane p (nil: over no pane), and clears the
// frames elsewhere.
func (d *dragController) trackTreeDrop(p *pane) {
	for _, q := range d.mw.panes {
		row, listRow := -1, -1
		if q == p {
			_, row, _ = q.tree.dirAt(d.pos)
			_, listRow, _ = q.list.dirAt(d.pos)
		}
		q.tree.setDropRow(row)
		q.list.setDropRow(listRow)
	}
}

// dirAt returns the folder of the list's row under an absolute
// position, and the row; ok is false over a file, "..", the header or
// no row at all.
func (l *fileList) dirAt(pos fyne.Position) (dir string, row int, ok bool) {
	p := l.pane
	if p.src == nil || p.dir == "" || !l.Visible() {
		return "", -1, false
	}
	d := fyne.CurrentApp().Driver()
	lo, ls := d.AbsolutePositionForObject(l), l.Size()
	if pos.X < lo.X || pos.Y < lo.Y || pos.X >= lo.X+ls.Width || pos.Y >= lo.Y+ls.Height {
		return "", -1, false
	}
	for _, h := range l.headers { // drawn over the rows scrolled under it
		if ho := d.AbsolutePositionForObject(h); h.Visible() && pos.Y < ho.Y+h.Size().Height {
			return "", -1, false
		}
	}
	for _, c := range l.cells {
		if !c.Visible() || c.col != colName {
			continue
		}
		co, cs := d.AbsolutePositionForObject(c), c.Size()
		if pos.Y >= co.Y && pos.Y < co.Y+cs.Height {
			if e := p.model.entryAt(c.row); e != nil && e.IsDir() {
				return p.src.join(p.dir, e.Name), c.row, true
			}
			return "", -1, false
		}
	}
	return "", -1, false
}

// setDropRow frames the row a drag would drop into; -1 for none.
func (l *fileList) setDropRow(row int) {
	if row != l.dropRow {
		l.dropRow = row
		l.refreshRows()
	}
}
