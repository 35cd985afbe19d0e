package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// bigFolder makes a local folder of n files named file-0000.dat and up.
func bigFolder(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("file-%04d.dat", i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// topRow returns the first row of a pane that has a cell drawn.
func topRow(p *pane) int {
	top := -1
	walk(p.list, func(o fyne.CanvasObject) {
		if c, ok := o.(*fileCell); ok && c.Visible() && c.col == colName && (top < 0 || c.row < top) {
			top = c.row
		}
	})
	return top
}

// TestFilterShowsFirstMatches scrolls far down a big folder, then filters:
// the list must show the matches from the top, not the empty space where
// the rows scrolled past used to be.
func TestFilterShowsFirstMatches(t *testing.T) {
	h := newHarness(t, bigFolder(t, 2000))
	p := h.mw.panes[0]
	h.waitFor("folder listed", func() bool { return len(p.model.rows) == 2001 })
	p.list.showRow(1990)
	h.win.Canvas().(test.WindowlessCanvas).Capture()
	if r := topRow(p); r < 1900 {
		t.Fatalf("the list did not scroll down: top row %d", r)
	}
	test.Type(p.filter, "file-000")
	h.win.Canvas().(test.WindowlessCanvas).Capture()
	if n := len(p.model.rows); n != 11 { // "..", then file-0000 to file-0009
		t.Fatalf("%d rows match", n)
	}
	if r := topRow(p); r != 0 {
		t.Errorf("after filtering the first row drawn is %d, want 0", r)
	}
}

// TestWheelScrollsThreeRows checks that one click of the wheel over a file
// list moves it three rows, either way.
func TestWheelScrollsThreeRows(t *testing.T) {
	h := newHarness(t, bigFolder(t, 300))
	p := h.mw.panes[0]
	h.waitFor("folder listed", func() bool { return len(p.model.rows) == 301 })
	c := h.win.Canvas().(test.WindowlessCanvas)
	c.Capture()
	click := func(dy float32, want int) {
		t.Helper()
		h.cellAt(p, topRow(p)+1, colName).Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, dy)})
		c.Capture()
		if r := topRow(p); r != want {
			t.Errorf("after a wheel click of %v the top row is %d, want %d", dy, r, want)
		}
	}
	click(-wheelUnit, 3)
	click(-wheelUnit, 6)
	click(wheelUnit, 3)
	click(2*wheelUnit, 0) // never above the first row
}
