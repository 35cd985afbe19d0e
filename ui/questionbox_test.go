package ui

import (
	"strings"
	"testing"
)

// TestQuestionBoxWrapsLongText: a question about a long name keeps to
// questionWidth, wrapping its text; a short one keeps its text on one line.
func TestQuestionBoxWrapsLongText(t *testing.T) {
	h := newHarness(t, t.TempDir())
	long := newQuestionBox("Delete", "Delete “"+strings.Repeat("a-very-long-file-name-", 12)+".txt”?", func(bool) {}, h.win)
	h.mw.modals.show(h.win, long, nil, long.keys()...)
	if w := long.MinSize().Width; w > questionWidth {
		t.Errorf("a long question is %v wide at least, more than %v", w, questionWidth)
	}
	h.typeKey("Escape")
	short := newQuestionBox("Delete", "Delete “a.txt”?", func(bool) {}, h.win)
	if w := short.MinSize().Width; w < 150 {
		t.Errorf("a short question is %v wide: its text was wrapped", w)
	}
}
