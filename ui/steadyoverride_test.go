package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestQueueTabsKeepTheirThemeScope checks that a new tab title, which
// refreshes every tab's content, leaves the queue's lists under the
// theme override they had: Fyne parses the fonts of the text under a new
// override again (about 1 MiB a text style) and keeps the old parse.
func TestQueueTabsKeepTheirThemeScope(t *testing.T) {
	h := newHarness(t, localTree(t))
	qp := h.mw.qpanel
	appPad := fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameInnerPadding)
	var before [numTabs]fyne.Theme
	for i, l := range qp.lists {
		before[i] = theme.CurrentForWidget(l)
		if got := before[i].Size(theme.SizeNameInnerPadding); got != appPad/4 {
			t.Fatalf("queue list %d has inner padding %v, want a quarter of the app's %v", i, got, appPad)
		}
	}
	for range 3 {
		qp.retitle()
	}
	for i, l := range qp.lists {
		if th := theme.CurrentForWidget(l); th != before[i] {
			t.Errorf("queue list %d is under a new theme override after new tab titles", i)
		}
	}
}
