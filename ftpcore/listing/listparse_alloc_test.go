package listing

import (
	"bytes"
	"testing"
	"time"
)

// TestParseListingAllocsPerListing guards the parser's one-copy design:
// the allocations of a listing must not grow with its lines, on the common
// path and on the path of the rare formats alike (an Entry that escapes
// to the heap costs one allocation per line).
func TestParseListingAllocsPerListing(t *testing.T) {
	for _, tc := range []struct {
		name string
		line func(i int) string
	}{
		{"unix", unixBenchLine},
		{"rare", rareBenchLine},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := benchListing(2000, tc.line)
			opt := Options{Now: time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)}
			allocs := testing.AllocsPerRun(5, func() {
				l, err := Parse(bytes.NewReader(data), opt)
				if err != nil || len(l.Entries) != 2000 {
					t.Fatalf("%d entries, %d unparsed, err %v", len(l.Entries), len(l.Unparsed), err)
				}
			})
			if allocs > 50 {
				t.Errorf("%.0f allocations for 2000 lines", allocs)
			}
		})
	}
}
