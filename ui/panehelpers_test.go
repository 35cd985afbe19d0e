package ui

import (
	"crypto/rand"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/queue"
)

// dragRows drags the row named name (with the rest of the selection, when
// it is selected) from one pane and drops it on the other, as a pointer
// would, below the other list's rows: into the folder it shows.
func (h *harness) dragRows(from *pane, name string, to *pane) {
	h.t.Helper()
	row := from.model.rowOf(name)
	if row < 0 {
		h.t.Fatalf("no row %q in %q", name, names(from))
	}
	cell := h.cellAt(from, row, colName)
	d := fyne.CurrentApp().Driver()
	start := d.AbsolutePositionForObject(cell).Add(fyne.NewPos(10, 5))
	target := d.AbsolutePositionForObject(to.list).Add(fyne.NewPos(60, to.list.Size().Height-10))
	cell.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(10, 5)},
		Dragged: fyne.NewDelta(target.X-start.X, target.Y-start.Y)})
	if !to.dropMark.Visible() {
		h.t.Fatalf("pane %d is not outlined as the drop target", to.side)
	}
	cell.DragEnd()
}

// menuItem finds an entry of the pop-up menu on screen by its label; nil
// when there is none.
func (h *harness) menuItem(label string) fyne.Tappable {
	var found fyne.Tappable
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			w, ok := o.(fyne.Widget)
			if !ok || !o.Visible() {
				return
			}
			tap, ok := o.(fyne.Tappable)
			if !ok {
				return
			}
			// A menu item draws its label itself; the menu around it is
			// tappable too but holds the label only deeper down.
			for _, c := range test.WidgetRenderer(w).Objects() {
				if txt, ok := c.(*canvas.Text); ok && txt.Text == label {
					found = tap
				}
			}
		})
	}
	return found
}

// contextAction opens the context menu of a pane's row and chooses label.
func (h *harness) contextAction(p *pane, name, label string) {
	h.t.Helper()
	row := p.model.rowOf(name)
	if row < 0 {
		h.t.Fatalf("no row %q in %q", name, names(p))
	}
	test.TapSecondary(h.cellAt(p, row, colName))
	item := h.menuItem(label)
	if item == nil {
		h.t.Fatalf("the context menu has no %q", label)
	}
	item.Tapped(&fyne.PointEvent{})
}

// overlayText gathers the text of every dialog and pop-up on screen.
func (h *harness) overlayText() string {
	var b strings.Builder
	for _, o := range h.win.Canvas().Overlays().List() {
		b.WriteString(textIn(o))
	}
	return b.String()
}

// overlayEntries returns the text fields of the dialogs on screen.
func (h *harness) overlayEntries() []*widget.Entry {
	var out []*widget.Entry
	for _, o := range h.win.Canvas().Overlays().List() {
		out = append(out, findAll[*widget.Entry](o)...)
		for _, e := range findAll[*dialogEntry](o) {
			out = append(out, &e.Entry)
		}
	}
	return out
}

// tapOverlay taps the dialog button labelled text once it is there.
func (h *harness) tapOverlay(text string) {
	h.t.Helper()
	h.waitFor("a dialog with "+text, func() bool { return h.overlayButton(text) != nil })
	test.Tap(h.overlayButton(text))
}

// queueSettled waits until no job is queued or running and at least n
// have finished, and returns the jobs that ended (successful or skipped)
// and the failed ones.
func (h *harness) queueSettled(n int) (done, failed []queue.Job) {
	h.t.Helper()
	qp := h.mw.qpanel
	h.waitFor("the queue to settle", func() bool {
		return len(qp.tabs[tabQueued]) == 0 && len(qp.tabs[tabDone])+len(qp.tabs[tabSkipped])+len(qp.tabs[tabFailed]) >= n
	})
	for _, id := range slices.Concat(qp.tabs[tabDone], qp.tabs[tabSkipped]) { // skipped has a tab of its own
		done = append(done, qp.jobs[id])
	}
	for _, id := range qp.tabs[tabFailed] {
		failed = append(failed, qp.jobs[id])
	}
	return done, failed
}

// randomBytes returns n bytes that no two files share by chance, so that
// a byte-for-byte comparison means the right file arrived.
func randomBytes(t testing.TB, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// commandsSince returns the transcript entries after the first skip ones.
func commandsSince(srv *ftptest.Server, skip int) []ftptest.Command {
	all := srv.Transcript()
	if skip > len(all) {
		return nil
	}
	return all[skip:]
}

// hasCommand reports whether a server received exactly line.
func hasCommand(cmds []ftptest.Command, line string) bool {
	for _, c := range cmds {
		if c.Line == line {
			return true
		}
	}
	return false
}
