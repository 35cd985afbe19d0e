package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestQueueTabs: a tap on a tab shows its list alone and marks the tab,
// as do the arrow keys and Home and End on the focused row of tabs; the
// titles count the jobs of each tab.
func TestQueueTabs(t *testing.T) {
	h := newHarness(t, localTree(t))
	qp := h.mw.qpanel
	if qp.tabc.SelectedIndex() != tabQueued || !qp.lists[tabQueued].Visible() {
		t.Fatal("the queued files' tab is not the one shown at start")
	}
	test.Tap(qp.tabc.tabs[tabFailed])
	if got := qp.tabc.SelectedIndex(); got != tabFailed {
		t.Fatalf("tab %d selected after a tap on the failed transfers'", got)
	}
	for tab, l := range qp.lists {
		if l.Visible() != (tab == tabFailed) || qp.tabc.tabs[tab].selected() != (tab == tabFailed) {
			t.Errorf("tab %d: list shown %v, marked %v", tab, l.Visible(), qp.tabc.tabs[tab].selected())
		}
	}
	if got := qp.tabc.Title(tabDone); got != "Successful transfers" {
		t.Errorf("title %q", got)
	}
	// The keyboard: the row takes the focus, the arrows and Home and End
	// move between the tabs, and the selected one shows the focus.
	h.win.Canvas().Focus(qp.tabc.row)
	for _, k := range []struct {
		key  fyne.KeyName
		want int
	}{{fyne.KeyRight, tabDone}, {fyne.KeyRight, tabSkipped}, {fyne.KeyRight, tabSkipped}, {fyne.KeyHome, tabQueued},
		{fyne.KeyLeft, tabQueued}, {fyne.KeyRight, tabFailed}, {fyne.KeyEnd, tabSkipped}, {fyne.KeyLeft, tabDone}} {
		h.pressKey(k.key)
		if got := qp.tabc.SelectedIndex(); got != k.want || !qp.lists[k.want].Visible() {
			t.Fatalf("%s: tab %d selected, want %d", k.key, got, k.want)
		}
	}
	bg := func(tab int) color.Color {
		return test.WidgetRenderer(qp.tabc.tabs[tab]).(*queueTabRenderer).bg.FillColor
	}
	focus := theme.Color(theme.ColorNameFocus)
	if bg(tabDone) != focus || bg(tabQueued) == focus {
		t.Errorf("with the focus, the selected tab is drawn on %v, another on %v", bg(tabDone), bg(tabQueued))
	}
	h.win.Canvas().Unfocus()
	if bg(tabDone) == focus {
		t.Error("the selected tab keeps the focus colour once the row lost the focus")
	}
	qp.tabs[tabDone] = []int64{1, 2}
	qp.retitle()
	if got := qp.tabc.Title(tabDone); got != "Successful transfers (2)" {
		t.Errorf("title %q with two jobs", got)
	}
}
