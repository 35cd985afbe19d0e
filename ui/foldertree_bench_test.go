package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/ftptest"
)

// BenchmarkTreeBigFolder measures what the UI goroutine does when a pane
// shows a folder of 100,000 entries, 5,000 of them folders: keep the
// folders, merge them into the tree, lay out the rows.
func BenchmarkTreeBigFolder(b *testing.B) {
	l := bigListing(100_000)
	m := newTreeModel((&remoteSource{}).join)
	root := m.addRoot("/")
	m.current, root.open = root, true
	for b.Loop() {
		m.setChildren(root, folderChildren(false, l))
		m.rebuild()
	}
}

// BenchmarkTreeList100k shows a server folder of 100,000 entries, 5,000
// of them folders, in the right pane with its tree, and reports the time
// until the first frame showing both is drawn and the time to draw a
// frame with the tree scrolled to the middle of the folders.
func BenchmarkTreeList100k(b *testing.B) {
	const n, every = 100_000, 20
	srv := ftptest.NewServer(b, ftptest.WithUser("ferry", "s3cret"))
	if err := srv.FS().Mkdir("/big"); err != nil {
		b.Fatal(err)
	}
	when := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	for i := range n {
		var err error
		if i%every == 0 {
			err = srv.FS().Mkdir(fmt.Sprintf("/big/dir-%06d", i))
		} else {
			err = srv.FS().WriteFile(fmt.Sprintf("/big/file-%06d.dat", i), nil, when)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	h := newHarness(b, b.TempDir())
	p := h.connect(srv, "ferry", "s3cret", 1)
	c := h.win.Canvas().(test.WindowlessCanvas)

	var shown, scrolled time.Duration
	for b.Loop() {
		p.navigate("/")
		h.waitFor("root", func() bool { return p.dir == "/" && p.busy.Hidden })
		start := time.Now()
		p.navigate("/big")
		h.waitFor("big folder", func() bool { return p.dir == "/big" && p.busy.Hidden })
		c.Capture()
		shown += time.Since(start)

		start = time.Now()
		p.tree.list.ScrollTo(n / every / 2)
		c.Capture()
		scrolled += time.Since(start)
		if got := len(p.tree.model.byPath["/big"].kids); got != n/every {
			b.Fatalf("%d folders in the tree, want %d", got, n/every)
		}
	}
	b.ReportMetric(float64(shown.Milliseconds())/float64(b.N), "ms-to-shown")
	b.ReportMetric(float64(scrolled.Milliseconds())/float64(b.N), "ms-scroll-frame")
}
