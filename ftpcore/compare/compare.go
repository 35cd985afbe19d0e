// Package compare classifies the entries of two directory listings against
// each other, as a directory comparison shows them: only on this side,
// newer on this side, of a different size, or identical. It is pure: no
// I/O, no clock, safe for concurrent use.
package compare

import (
	"strings"
	"time"

	"ferry/ftpcore/listing"
)

// Mode chooses what makes two files of the same name identical.
type Mode uint8

// The comparison modes. BySize looks at sizes only, as when the servers'
// clocks cannot be trusted; BySizeAndTime also orders the modification
// times, within the coarser of the two entries' precisions.
const (
	BySize Mode = iota
	BySizeAndTime
)

// State is how one entry compares with its namesake on the other side,
// seen from the entry's own side.
type State uint8

// The states of an entry. OlderHere is the other side's NewerHere; a
// TypeMismatch is a file on one side and a folder on the other.
const (
	Identical State = iota
	OnlyHere
	NewerHere
	OlderHere
	DifferentSize
	TypeMismatch
)

// String names the state in English, for logs and tests.
func (s State) String() string {
	switch s {
	case OnlyHere:
		return "only here"
	case NewerHere:
		return "newer here"
	case OlderHere:
		return "older here"
	case DifferentSize:
		return "different size"
	case TypeMismatch:
		return "type mismatch"
	}
	return "identical"
}

// Opposite returns the state the other side's entry has when this one
// has s.
func (s State) Opposite() State {
	switch s {
	case NewerHere:
		return OlderHere
	case OlderHere:
		return NewerHere
	}
	return s
}

// Options tune a comparison. The zero value compares by size, names
// matching exactly.
type Options struct {
	Mode Mode
	// Tolerance is added to the precision-derived slack when ordering
	// times: two minutes, say, for clocks that drift apart.
	Tolerance time.Duration
	// FoldCase matches names regardless of case, for a side whose file
	// system ignores it (Windows, macOS).
	FoldCase bool
}

// Result holds one state per entry of each side, in the order the entries
// were given.
type Result struct {
	A, B []State
}

// Dirs compares the entries of two folders. Folders match folders by
// name and are Identical (their contents are another comparison); "."
// and ".." are ignored and left Identical.
func Dirs(a, b []listing.Entry, opt Options) Result {
	res := Result{A: make([]State, len(a)), B: make([]State, len(b))}
	index := make(map[string]int, len(b))
	for j := range b {
		if dotName(b[j].Name) {
			continue
		}
		res.B[j] = OnlyHere
		index[key(b[j].Name, opt.FoldCase)] = j
	}
	for i := range a {
		if dotName(a[i].Name) {
			continue
		}
		j, ok := index[key(a[i].Name, opt.FoldCase)]
		if !ok {
			res.A[i] = OnlyHere
			continue
		}
		s := Entries(a[i], b[j], opt)
		res.A[i], res.B[j] = s, s.Opposite()
	}
	return res
}

func dotName(n string) bool { return n == "." || n == ".." }

func key(name string, fold bool) string {
	if fold {
		return strings.ToLower(name)
	}
	return name
}

// Entries compares two entries of the same name, from a's side.
func Entries(a, b listing.Entry, opt Options) State {
	if a.IsDir() != b.IsDir() {
		return TypeMismatch
	}
	if a.IsDir() {
		return Identical
	}
	if opt.Mode == BySizeAndTime {
		if order, known := TimeOrder(a, b, opt.Tolerance); known && order != 0 {
			if order > 0 {
				return NewerHere
			}
			return OlderHere
		}
	}
	if !SameSize(a, b) {
		return DifferentSize
	}
	return Identical
}

// SameSize reports whether both sizes are known, exact and equal.
func SameSize(a, b listing.Entry) bool {
	return a.Size >= 0 && b.Size >= 0 && !a.SizeApprox && !b.SizeApprox && a.Size == b.Size
}

// TimeOrder orders two modification times: 1 when a is newer, -1 when
// older, 0 when they are within the slack of the coarser precision (a
// day for a listing that gives days, a minute for one that gives
// minutes, a second otherwise) plus tolerance. known is false when
// either time is missing.
func TimeOrder(a, b listing.Entry, tolerance time.Duration) (order int, known bool) {
	if a.ModTime.IsZero() || b.ModTime.IsZero() {
		return 0, false
	}
	slack := Slack(min(precisionOr(a.Precision), precisionOr(b.Precision))) + max(tolerance, 0)
	d := a.ModTime.Sub(b.ModTime)
	switch {
	case d >= slack:
		return 1, true
	case -d >= slack:
		return -1, true
	}
	return 0, true
}

// Slack is how far apart two times of precision p may be and still be
// the same time: less than one unit of the precision.
func Slack(p listing.TimePrecision) time.Duration {
	switch p {
	case listing.PrecisionDay:
		return 24 * time.Hour
	case listing.PrecisionMinute:
		return time.Minute
	}
	return time.Second
}

// precisionOr reads an unknown precision, on an entry that has a time,
// as the finest: the other side's precision then decides.
func precisionOr(p listing.TimePrecision) listing.TimePrecision {
	if p == listing.PrecisionNone {
		return listing.PrecisionSubSecond
	}
	return p
}
