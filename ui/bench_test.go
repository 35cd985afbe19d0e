package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/ftptest"
)

// BenchmarkList100k lists a server folder of 100,000 files in the right
// pane and reports the time until the first frame showing it is drawn,
// the time to draw a frame scrolled to the middle, and the heap the
// listing keeps.
func BenchmarkList100k(b *testing.B) {
	const n = 100_000
	srv := ftptest.NewServer(b, ftptest.WithUser("ferry", "s3cret"))
	if err := srv.FS().Mkdir("/big"); err != nil {
		b.Fatal(err)
	}
	when := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	for i := range n {
		if err := srv.FS().WriteFile(fmt.Sprintf("/big/file-%06d.dat", i), nil, when); err != nil {
			b.Fatal(err)
		}
	}
	h := newHarness(b, b.TempDir())
	p := h.connect(srv, "ferry", "s3cret", 1)
	c := h.win.Canvas().(test.WindowlessCanvas)

	var shown, scrolled time.Duration
	var heap uint64
	for b.Loop() {
		p.navigate("/")
		h.waitFor("root", func() bool { return p.dir == "/" && p.busy.Hidden })
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)

		start := time.Now()
		p.navigate("/big")
		h.waitFor("big folder", func() bool { return p.dir == "/big" && p.busy.Hidden })
		c.Capture()
		shown += time.Since(start)

		start = time.Now()
		p.list.table.ScrollTo(widget.TableCellID{Row: n / 2})
		c.Capture()
		scrolled += time.Since(start)

		runtime.GC()
		runtime.ReadMemStats(&after)
		heap += after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
		if len(p.model.rows) != n+1 {
			b.Fatalf("%d rows, want %d", len(p.model.rows), n+1)
		}
	}
	b.ReportMetric(float64(shown.Milliseconds())/float64(b.N), "ms-to-shown")
	b.ReportMetric(float64(scrolled.Milliseconds())/float64(b.N), "ms-scroll-frame")
	b.ReportMetric(float64(heap)/float64(b.N)/(1<<20), "MiB-heap")
}

// BenchmarkRowRedraw redraws a file list's name cells one row further
// down at each step, as scrolling by a line does: the cost per cell is
// what a page of rows costs the window's goroutine when the list moves.
// "mixed" scrolls over two folders, a text file and an image (three cells
// in four change icon), "files" over four text files (the icon stays).
func BenchmarkRowRedraw(b *testing.B) {
	for _, bc := range []struct {
		name  string
		dirs  []string
		files []string
	}{
		{"mixed", []string{"a-folder", "b-folder"}, []string{"c.txt", "d.png"}},
		{"files", nil, []string{"a.txt", "b.txt", "c.txt", "d.txt"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dir := b.TempDir()
			for _, name := range bc.dirs {
				if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
					b.Fatal(err)
				}
			}
			for _, name := range bc.files {
				if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
					b.Fatal(err)
				}
			}
			h := newHarness(b, dir)
			p := h.mw.panes[0]
			h.waitFor("listed", func() bool { return p.busy.Hidden && len(p.model.rows) == 5 })
			var cells []*fileCell
			for _, c := range p.list.cells {
				if c.col == colName {
					cells = append(cells, c)
				}
			}
			if len(cells) < 4 {
				b.Fatalf("%d name cells", len(cells))
			}
			for i := 0; b.Loop(); i++ {
				for k, c := range cells[:4] {
					c.update(1+(i+k)%4, colName)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*4)/1000, "µs/cell")
		})
	}
}
