package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestOutsideOverrides: the folder tree's rows, the status bar's texts and
// a pane's status row sit under a dense theme override but draw in the window's theme, so
// that Fyne does not parse the fonts again for those overrides. The
// status bar's pause button, beside them, does take the dense theme.
func TestOutsideOverrides(t *testing.T) {
	h := newHarness(t, localTree(t))
	left := h.mw.panes[0]
	h.waitFor("the tree listed", func() bool { return len(left.tree.model.rows) > 0 })
	h.runTasks()
	var rows []fyne.Widget
	walk(left.tree, func(o fyne.CanvasObject) {
		if r, ok := o.(*treeRowView); ok {
			rows = append(rows, r)
		}
	})
	if len(rows) == 0 {
		t.Fatal("the tree shows no row")
	}
	// A widget outside every override reads the app's current theme.
	overridden := func(w fyne.Widget) bool {
		return w.(interface{ Theme() fyne.Theme }).Theme() != theme.Current()
	}
	sb := h.mw.status
	for _, w := range append(rows, sb.conns[0], sb.conns[1], sb.totals, left.status, left.warning, left.hidden) {
		if overridden(w) {
			t.Errorf("%T takes the dense theme", w)
		}
	}
	if !overridden(sb.pause) {
		t.Error("the pause button is outside the dense theme")
	}
}
