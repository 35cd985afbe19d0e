package ui

import (
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore/queue"
)

// TestWheelScrollsQueueThreeRows fills the queue and checks that a wheel
// click over it moves three rows.
func TestWheelScrollsQueueThreeRows(t *testing.T) {
	h := newHarness(t, localTree(t))
	h.mw.queue.Pause()
	var specs []queue.JobSpec
	for i := range 40 {
		specs = append(specs, queue.JobSpec{Kind: queue.JobDownload,
			Src: queue.Endpoint{Site: "ftp://nobody@127.0.0.1:1", Path: fmt.Sprintf("/f%02d", i)},
			Dst: queue.Endpoint{Path: filepath.Join(h.mw.panes[0].dir, fmt.Sprintf("f%02d", i))}, Size: 10})
	}
	if _, err := h.mw.queue.Add(specs...); err != nil {
		t.Fatal(err)
	}
	qp := h.mw.qpanel
	h.waitFor("jobs listed", func() bool { qp.tick(); return len(qp.tabs[tabQueued]) == 40 })
	c := h.win.Canvas().(test.WindowlessCanvas)
	c.Capture()
	l := qp.lists[tabQueued]
	var row *queueRow
	walk(l, func(o fyne.CanvasObject) {
		if r, ok := o.(*queueRow); ok && r.Visible() && row == nil {
			row = r
		}
	})
	if row == nil {
		t.Fatal("no queue row drawn")
	}
	step := row.MinSize().Height + theme.Padding()
	row.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -wheelUnit)})
	if off := l.GetScrollOffset(); off < 3*step-1 || off > 3*step+1 {
		t.Errorf("one wheel click scrolled the queue %v, want three rows (%v)", off, 3*step)
	}
	row.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, 2*wheelUnit)})
	if off := l.GetScrollOffset(); off != 0 {
		t.Errorf("scrolling up past the top left the queue at %v", off)
	}
}
