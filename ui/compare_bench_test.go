package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/compare"
	"ferry/ftpcore/listing"
)

// BenchmarkCompare100k reports what turning the directory comparison on
// costs the UI goroutine with 100,000 entries in each pane: classifying
// both, rebuilding both models (hiding identical files) and drawing the
// next frame, then turning it off; with and without hiding identical
// files. It bounds the time the window does not answer.
func BenchmarkCompare100k(b *testing.B) {
	const n = 100_000
	h := newHarness(b, b.TempDir())
	when := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	for side, p := range h.mw.panes {
		ents := make([]listing.Entry, n)
		for i := range ents {
			ents[i] = listing.Entry{Name: fmt.Sprintf("file-%06d.dat", i), Size: int64(i + side*(i%7)),
				ModTime: when.Add(time.Duration(side*(i%3)) * time.Minute), Precision: listing.PrecisionMinute}
		}
		p.show(p.dir, &listing.Result{Entries: ents}, false, "")
	}
	c := h.win.Canvas().(test.WindowlessCanvas)
	for _, hide := range []bool{false, true} {
		b.Run(fmt.Sprintf("hide=%v", hide), func(b *testing.B) {
			h.mw.compare.hideIdentical = hide
			for b.Loop() {
				h.mw.setComparison(true)
				c.Capture()
				// Row 0 is "..", row 1 a file: tinted unless hidden.
				s, ok := h.mw.panes[0].model.compareState(1)
				if !ok || hide && s == compare.Identical {
					b.Fatalf("row 1 is %v, %v", s, ok)
				}
				h.mw.setComparison(false)
			}
		})
	}
}
