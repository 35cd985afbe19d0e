package ui

import "testing"

// TestLayoutSavedAsItRests: a split moved is written to the preferences
// once it has rested for layoutSteadyTicks redraw ticks, not while it is
// being dragged, so that an app ended by SIGTERM (which Fyne handles
// without closing the window) still opens as it was left.
func TestLayoutSavedAsItRests(t *testing.T) {
	h := newHarness(t, localTree(t))
	mw := h.mw
	saved := func() float64 { return mw.prefs.split("split.panes", 0.5) }
	for i := range 3 * layoutSteadyTicks {
		mw.splits.panes.SetOffset(0.3 + float64(i%2)*0.1) // dragged back and forth
		mw.redrawTick()
	}
	if v := saved(); v == 0.3 || v == 0.4 {
		t.Fatalf("saved %v while the split moved", v)
	}
	mw.splits.panes.SetOffset(0.35)
	for range layoutSteadyTicks {
		mw.redrawTick()
	}
	if v := saved(); v == 0.35 {
		t.Fatalf("saved before the split rested")
	}
	mw.redrawTick()
	if v := saved(); v != 0.35 {
		t.Fatalf("split.panes = %v once rested, want 0.35", v)
	}
	mw.panes[1].treeSplit.SetOffset(0.6)
	for range layoutSteadyTicks + 2 {
		mw.redrawTick()
	}
	if v := mw.prefs.split(sideKey(mw.panes[1].side, "treesplit"), 0.24); v != 0.6 {
		t.Errorf("right tree split = %v, want 0.6", v)
	}
}
