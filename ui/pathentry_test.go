package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestPathDropDown: the path bar's drop-down button (the window's own,
// not Fyne's) lists the folders given and puts the one chosen in the
// field.
func TestPathDropDown(t *testing.T) {
	h := newHarness(t, localTree(t))
	bar := h.mw.panes[0].pathBar
	bar.SetOptions([]string{"/one", "/two"})
	test.Tap(bar.ActionItem.(*flatButton))
	var pop *widget.PopUpMenu
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			if m, ok := o.(*widget.PopUpMenu); ok {
				pop = m
			}
		})
	}
	if pop == nil {
		t.Fatal("no menu dropped down")
	}
	if got := shownText(pop); got != "/one/two" {
		t.Fatalf("the menu shows %q", got)
	}
	pop.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	pop.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	pop.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if bar.Text != "/two" {
		t.Errorf("the field holds %q after choosing /two", bar.Text)
	}
}
