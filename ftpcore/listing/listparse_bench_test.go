package listing

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
	"time"
)

// benchListing builds n lines in the shape of a real server's listing,
// names varied so that nothing is shared between entries.
func benchListing(n int, line func(i int) string) []byte {
	var b bytes.Buffer
	for i := range n {
		b.WriteString(line(i))
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

func unixBenchLine(i int) string {
	if i%10 == 0 {
		return fmt.Sprintf("drwxr-xr-x    2 ferry      ferry            4096 Nov 27 14:25 directory %d", i)
	}
	return fmt.Sprintf("-rw-r--r--    1 ferry      ferry         %7d Feb  3  2001 file-number-%06d.txt", i*37, i)
}

// rareBenchLine cycles through formats that only the fallback chain and
// the last pass of the ls date search read.
func rareBenchLine(i int) string {
	switch i % 5 {
	case 0:
		return fmt.Sprintf("-rw-r--r--   1 ferry    ferry   %7d 2019.08.30   file-%06d.txt", i*37, i)
	case 1:
		return fmt.Sprintf("%d  Apr 04, 2001 21:06 vshell-%06d.txt", i*37, i)
	case 2:
		return fmt.Sprintf("drwxr-xr-x 3 ferry ferry 512 dateless-%06d", i)
	case 3:
		return fmt.Sprintf("%d    Feb-28-1998  05:23:30   vxworks-%06d", i*37, i)
	}
	return fmt.Sprintf("0.1 26/02/03 0915 ----r-wr 1f3 %d os9-%06d", i*37, i)
}

func mlsdBenchLine(i int) string {
	return fmt.Sprintf("type=file;size=%d;modify=20261127142542;UNIX.mode=0644;UNIX.uid=1001;UNIX.gid=1001;unique=fe00g%06x; file-number-%06d.txt", i*37, i, i)
}

func benchmarkListing(b *testing.B, data []byte, lines int, opt Options) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var l *Result
	for b.Loop() {
		var err error
		l, err = Parse(bytes.NewReader(data), opt)
		if err != nil || len(l.Entries) != lines {
			b.Fatalf("got %d entries, err %v", len(l.Entries), err)
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	// Memory that stays with the result: what the UI pays per entry held,
	// the text the entries slice into included.
	l = nil
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	kept, _ := Parse(bytes.NewReader(data), opt)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(len(kept.Entries)), "B/entry")
	runtime.KeepAlive(kept)
	runtime.KeepAlive(data)
}

func BenchmarkParseListingUnix(b *testing.B) {
	const n = 100_000
	data := benchListing(n, unixBenchLine)
	benchmarkListing(b, data, n, Options{Now: time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)})
}

func BenchmarkParseListingMLSD(b *testing.B) {
	const n = 100_000
	data := benchListing(n, mlsdBenchLine)
	benchmarkListing(b, data, n, Options{Now: time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC), ServerType: ServerMLSD})
}

func BenchmarkParseListingRare(b *testing.B) {
	const n = 100_000
	data := benchListing(n, rareBenchLine)
	benchmarkListing(b, data, n, Options{Now: time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)})
}
