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
// the pointer, else the folder the pane shows.
func (p *pane) dropDir(pos fyne.Position) string {
	if dir, _, ok := p.tree.dirAt(pos); ok {
		return dir
	}
	return p.dir
}

// trackTreeDrop frames the tree folder under the pointer of a drag over
// pane p (nil: over no pane), and clears the frame elsewhere.
func (d *dragController) trackTreeDrop(p *pane) {
	for _, q := range d.mw.panes {
		row := -1
		if q == p {
			_, row, _ = q.tree.dirAt(d.pos)
		}
		q.tree.setDropRow(row)
	}
}
