package compare

import (
	"fmt"
	"testing"
	"time"

	"ferry/ftpcore/listing"
)

var t0 = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func file(name string, size int64, mod time.Time, p listing.TimePrecision) listing.Entry {
	return listing.Entry{Name: name, Type: listing.TypeFile, Size: size, ModTime: mod, Precision: p}
}

func dir(name string) listing.Entry {
	return listing.Entry{Name: name, Type: listing.TypeDir, Size: -1}
}

func TestEntries(t *testing.T) {
	sec, min, day := listing.PrecisionSecond, listing.PrecisionMinute, listing.PrecisionDay
	tests := []struct {
		name string
		a, b listing.Entry
		opt  Options
		want State
	}{
		{"same size, by size", file("f", 10, t0, sec), file("f", 10, t0.Add(time.Hour), sec), Options{}, Identical},
		{"other size, by size", file("f", 10, t0, sec), file("f", 11, t0, sec), Options{}, DifferentSize},
		{"unknown size", file("f", -1, t0, sec), file("f", -1, t0, sec), Options{}, DifferentSize},
		{"approximate size", listing.Entry{Name: "f", Size: 512, SizeApprox: true}, file("f", 512, t0, sec), Options{}, DifferentSize},
		{"newer", file("f", 10, t0.Add(2*time.Second), sec), file("f", 10, t0, sec), Options{Mode: BySizeAndTime}, NewerHere},
		{"older", file("f", 10, t0, sec), file("f", 10, t0.Add(2*time.Second), sec), Options{Mode: BySizeAndTime}, OlderHere},
		{"newer beats size", file("f", 10, t0.Add(time.Hour), sec), file("f", 99, t0, sec), Options{Mode: BySizeAndTime}, NewerHere},
		{"same time, other size", file("f", 10, t0, sec), file("f", 99, t0, sec), Options{Mode: BySizeAndTime}, DifferentSize},
		{"sub-second apart", file("f", 10, t0.Add(900*time.Millisecond), listing.PrecisionSubSecond), file("f", 10, t0, sec), Options{Mode: BySizeAndTime}, Identical},
		{"minute listing, 40 s apart", file("f", 10, t0.Add(40*time.Second), listing.PrecisionSubSecond), file("f", 10, t0, min), Options{Mode: BySizeAndTime}, Identical},
		{"minute listing, 2 min apart", file("f", 10, t0.Add(2*time.Minute), listing.PrecisionSubSecond), file("f", 10, t0, min), Options{Mode: BySizeAndTime}, NewerHere},
		{"day listing, 20 h apart", file("f", 10, t0.Add(20*time.Hour), sec), file("f", 10, t0, day), Options{Mode: BySizeAndTime}, Identical},
		{"day listing, 2 days apart", file("f", 10, t0, sec), file("f", 10, t0.Add(48*time.Hour), day), Options{Mode: BySizeAndTime}, OlderHere},
		{"tolerance", file("f", 10, t0.Add(90*time.Second), sec), file("f", 10, t0, sec), Options{Mode: BySizeAndTime, Tolerance: 2 * time.Minute}, Identical},
		{"no time, same size", file("f", 10, time.Time{}, listing.PrecisionNone), file("f", 10, t0, sec), Options{Mode: BySizeAndTime}, Identical},
		{"file and folder", file("f", 10, t0, sec), dir("f"), Options{}, TypeMismatch},
		{"two folders", dir("d"), dir("d"), Options{Mode: BySizeAndTime}, Identical},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Entries(tt.a, tt.b, tt.opt); got != tt.want {
				t.Errorf("Entries = %v, want %v", got, tt.want)
			}
			if got := Entries(tt.b, tt.a, tt.opt); got != tt.want.Opposite() {
				t.Errorf("the other way round = %v, want %v", got, tt.want.Opposite())
			}
		})
	}
}

func TestDirs(t *testing.T) {
	a := []listing.Entry{
		dir("."), file("same", 5, t0, listing.PrecisionSecond), file("onlyA", 1, t0, listing.PrecisionSecond),
		file("new", 5, t0.Add(time.Hour), listing.PrecisionSecond), dir("sub"), file("Case.TXT", 3, t0, listing.PrecisionSecond),
		file("size", 5, t0, listing.PrecisionSecond),
	}
	b := []listing.Entry{
		file("size", 6, t0, listing.PrecisionMinute), dir("sub"), file("new", 5, t0, listing.PrecisionMinute),
		file("same", 5, t0, listing.PrecisionMinute), dir("onlyB"), file("case.txt", 3, t0, listing.PrecisionMinute), dir(".."),
	}
	t.Run("exact names", func(t *testing.T) {
		r := Dirs(a, b, Options{Mode: BySizeAndTime})
		wantA := []State{Identical, Identical, OnlyHere, NewerHere, Identical, OnlyHere, DifferentSize}
		wantB := []State{DifferentSize, Identical, OlderHere, Identical, OnlyHere, OnlyHere, Identical}
		if fmt.Sprint(r.A) != fmt.Sprint(wantA) || fmt.Sprint(r.B) != fmt.Sprint(wantB) {
			t.Errorf("got\n A %v\n B %v\nwant\n A %v\n B %v", r.A, r.B, wantA, wantB)
		}
	})
	t.Run("folding case", func(t *testing.T) {
		r := Dirs(a, b, Options{FoldCase: true})
		if r.A[5] != Identical || r.B[5] != Identical {
			t.Errorf("Case.TXT %v, case.txt %v", r.A[5], r.B[5])
		}
		if r.A[3] != Identical {
			t.Errorf("by size, a newer file of the same size is %v", r.A[3])
		}
	})
}

// bigFolders builds two folders of n files each, most of them alike.
func bigFolders(n int) (a, b []listing.Entry) {
	a = make([]listing.Entry, n)
	b = make([]listing.Entry, n)
	for i := range n {
		name := fmt.Sprintf("file-%07d.dat", i)
		a[i] = file(name, int64(i), t0.Add(time.Duration(i)*time.Second), listing.PrecisionSubSecond)
		b[n-1-i] = file(name, int64(i+i%3), t0.Add(time.Duration(i%5)*time.Minute), listing.PrecisionMinute)
	}
	b[0].Name = "only-on-b"
	return a, b
}

func TestDirsLarge(t *testing.T) {
	a, b := bigFolders(1000)
	r := Dirs(a, b, Options{Mode: BySizeAndTime})
	counts := map[State]int{}
	for _, s := range r.A {
		counts[s]++
	}
	if counts[OnlyHere] != 1 || r.B[0] != OnlyHere || len(r.A) != 1000 {
		t.Errorf("counts %v, b[0] %v", counts, r.B[0])
	}
}

// BenchmarkCompareDirs100k compares two folders of 100,000 entries each.
func BenchmarkCompareDirs100k(b *testing.B) {
	x, y := bigFolders(100_000)
	b.ResetTimer()
	for b.Loop() {
		Dirs(x, y, Options{Mode: BySizeAndTime})
	}
}
