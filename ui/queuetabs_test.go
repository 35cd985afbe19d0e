package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestQueueTabs: a tap on a tab shows its list alone and marks the tab;
// the titles count the jobs of each tab.
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
	qp.tabs[tabDone] = []int64{1, 2}
	qp.retitle()
	if got := qp.tabc.Title(tabDone); got != "Successful transfers (2)" {
		t.Errorf("title %q with two jobs", got)
	}
}
