package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/queue"
)

// newServer starts a test server with a small tree.
func newServer(t *testing.T, opts ...ftptest.Option) *ftptest.Server {
	t.Helper()
	srv := ftptest.NewServer(t, append([]ftptest.Option{ftptest.WithUser("ferry", "s3cret")}, opts...)...)
	fs := srv.FS()
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, d := range []string{"/pub", "/pub/deep", "/incoming"} {
		if err := fs.Mkdir(d); err != nil {
			t.Fatal(err)
		}
	}
	for name, size := range map[string]int{"/readme.txt": 10, "/big.bin": 3000, "/pub/a.txt": 5, "/zeta.dat": 200} {
		if err := fs.WriteFile(name, bytes.Repeat([]byte("x"), size), when); err != nil {
			t.Fatal(err)
		}
	}
	return srv
}

// localTree makes a local folder with a few files.
func localTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, size := range map[string]int{"b.txt": 300, "a.txt": 10, "c.bin": 20} {
		if err := os.WriteFile(filepath.Join(dir, name), bytes.Repeat([]byte("y"), size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestConnectAndNavigate(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)

	if p.dir != "/" {
		t.Fatalf("dir = %q, want /", p.dir)
	}
	want := []string{"incoming", "pub", "big.bin", "readme.txt", "zeta.dat"}
	if got := names(p); !slices.Equal(got, want) {
		t.Fatalf("names = %q, want %q", got, want)
	}
	if !strings.Contains(p.status.Text, "3") || !strings.Contains(p.status.Text, "2") {
		t.Errorf("status %q lacks the counts", p.status.Text)
	}

	// A double click on a folder opens it; ".." comes first.
	row := p.model.rowOf("pub")
	test.Tap(h.cellAt(p, row, colName))
	test.Tap(h.cellAt(p, row, colName))
	h.waitFor("/pub listed", func() bool { return p.dir == "/pub" && p.busy.Hidden })
	if got := names(p); !slices.Equal(got, []string{"..", "deep", "a.txt"}) {
		t.Fatalf("names in /pub = %q", got)
	}

	// Backspace goes up with the cursor on the folder we left.
	p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	h.waitFor("/ listed again", func() bool { return p.dir == "/" && p.busy.Hidden })
	if e := p.model.entryAt(p.model.cursor); e == nil || e.Name != "pub" {
		t.Errorf("cursor on %v, want pub", e)
	}

	// A folder typed in the path bar is opened.
	p.pathBar.SetText("/pub/deep")
	p.pathBar.OnSubmitted(p.pathBar.Text)
	h.waitFor("/pub/deep listed", func() bool { return p.dir == "/pub/deep" && p.busy.Hidden })

	// The log has the dialogue, with the password masked.
	log := h.mw.log.text()
	if !strings.Contains(log, "USER ferry") || strings.Contains(log, "s3cret") {
		t.Errorf("log does not show USER or shows the password:\n%s", log)
	}
}

func TestSortByHeader(t *testing.T) {
	h := newHarness(t, localTree(t))
	p := h.mw.panes[0]
	if got := names(p)[1:]; !slices.Equal(got, []string{"sub", "a.txt", "b.txt", "c.bin"}) {
		t.Fatalf("by name: %q", got)
	}
	test.Tap(h.header(p, colSize))
	if got := names(p)[1:]; !slices.Equal(got, []string{"sub", "a.txt", "c.bin", "b.txt"}) {
		t.Fatalf("by size: %q", got)
	}
	if !strings.HasSuffix(h.header(p, colSize).full, "▲") {
		t.Errorf("size header %q has no up arrow", h.header(p, colSize).full)
	}
	test.Tap(h.header(p, colSize))
	if got := names(p)[1:]; !slices.Equal(got, []string{"sub", "b.txt", "c.bin", "a.txt"}) {
		t.Fatalf("by size, descending: %q", got)
	}
	if c, desc := h.mw.prefs.sort(0); c != colSize || !desc {
		t.Errorf("remembered sort = %v %v", c, desc)
	}
}

func TestMultiSelect(t *testing.T) {
	h := newHarness(t, localTree(t))
	p := h.mw.panes[0]
	click := func(row int, mod fyne.KeyModifier) {
		c := h.cellAt(p, row, colName)
		c.MouseDown(&desktop.MouseEvent{Modifier: mod})
		test.Tap(c)
		time.Sleep(doubleClickTime) // a second click on a row is not a double click
	}
	selected := func() []string {
		var out []string
		for _, e := range p.model.selection() {
			out = append(out, e.Name)
		}
		return out
	}
	click(2, 0)                     // a.txt
	click(4, fyne.KeyModifierShift) // through c.bin
	if got := selected(); !slices.Equal(got, []string{"a.txt", "b.txt", "c.bin"}) {
		t.Fatalf("shift selection = %q", got)
	}
	click(3, fyne.KeyModifierControl) // drop b.txt
	if got := selected(); !slices.Equal(got, []string{"a.txt", "c.bin"}) {
		t.Fatalf("ctrl selection = %q", got)
	}
	if !strings.Contains(p.status.Text, "30 B") {
		t.Errorf("status %q does not total the selection", p.status.Text)
	}
	click(1, 0)
	if got := selected(); !slices.Equal(got, []string{"sub"}) {
		t.Fatalf("plain click selection = %q", got)
	}
}

func TestDragBetweenPanes(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	left := h.mw.panes[0]
	right := h.connect(srv, "ferry", "s3cret", 1)

	// Drag b.txt from the left pane and hover the right one: the badge
	// follows and the right pane is outlined.
	row := left.model.rowOf("b.txt")
	cell := h.cellAt(left, row, colName)
	d := fyne.CurrentApp().Driver()
	start := d.AbsolutePositionForObject(cell).Add(fyne.NewPos(10, 5))
	target := d.AbsolutePositionForObject(right.list).Add(fyne.NewPos(60, 80))
	cell.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(10, 5)},
		Dragged: fyne.NewDelta(target.X-start.X, target.Y-start.Y)})
	if !h.mw.drag.badge.Visible() || h.mw.drag.label.Text != "b.txt" {
		t.Fatalf("no drag badge (visible %v, text %q)", h.mw.drag.badge.Visible(), h.mw.drag.label.Text)
	}
	if !right.dropMark.Visible() {
		t.Fatal("the right pane is not outlined as the drop target")
	}
	cell.DragEnd()
	if h.mw.drag.badge.Visible() || right.dropMark.Visible() {
		t.Fatal("drag indicators remain after the drop")
	}
	h.waitFor("upload done", func() bool {
		data, err := srv.FS().ReadFile("/b.txt")
		return err == nil && len(data) == 300
	})
	h.waitFor("right pane refreshed", func() bool { return right.model.rowOf("b.txt") >= 0 })

	// The same through the test driver's drag, the other way: a download.
	rrow := right.model.rowOf("zeta.dat")
	rcell := h.cellAt(right, rrow, colName)
	from := d.AbsolutePositionForObject(rcell).Add(fyne.NewPos(5, 5))
	// Below the rows: a folder row would take the file in.
	to := d.AbsolutePositionForObject(left.list).Add(fyne.NewPos(40, left.list.Size().Height-10))
	test.Drag(h.win.Canvas(), from, to.X-from.X, to.Y-from.Y)
	h.waitFor("download done", func() bool {
		st, err := os.Stat(filepath.Join(left.dir, "zeta.dat"))
		return err == nil && st.Size() == 200
	})
}

func TestDropFromOS(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	right := h.connect(srv, "ferry", "s3cret", 1)
	outside := t.TempDir()
	file := filepath.Join(outside, "dropped.txt")
	if err := os.WriteFile(file, []byte("from the file manager"), 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(outside, "album")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(folder, "one.jpg"), []byte("jpeg"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Below the rows: a folder row would take the files in.
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(right.list).Add(fyne.NewPos(30, right.list.Size().Height-10))
	h.mw.drag.osDrop(pos, []fyne.URI{storage.NewFileURI(file), storage.NewFileURI(folder)})
	h.waitFor("dropped files uploaded", func() bool {
		a, err1 := srv.FS().ReadFile("/dropped.txt")
		b, err2 := srv.FS().ReadFile("/album/one.jpg")
		return err1 == nil && err2 == nil && string(a) == "from the file manager" && string(b) == "jpeg"
	})

	// Dropped on the local pane, files are copied.
	left := h.mw.panes[0]
	lpos := fyne.CurrentApp().Driver().AbsolutePositionForObject(left.list).Add(fyne.NewPos(30, left.list.Size().Height-10))
	h.mw.drag.osDrop(lpos, []fyne.URI{storage.NewFileURI(file)})
	h.waitFor("copied locally", func() bool { return left.model.rowOf("dropped.txt") >= 0 })
}

func TestOverwriteDialog(t *testing.T) {
	srv := newServer(t)
	local := localTree(t)
	if err := os.WriteFile(filepath.Join(local, "readme.txt"), []byte("new content"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	left := h.mw.panes[0]
	h.connect(srv, "ferry", "s3cret", 1)

	left.model.click(left.model.rowOf("readme.txt"), false, false)
	left.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.waitFor("file exists dialog", func() bool { return h.overlayButton("OK") != nil })
	test.Tap(h.overlayButton("OK")) // Overwrite is preselected
	h.waitFor("file overwritten", func() bool {
		data, err := srv.FS().ReadFile("/readme.txt")
		return err == nil && string(data) == "new content"
	})
	h.waitFor("job in the successful tab", func() bool { return len(h.mw.qpanel.tabs[tabDone]) == 1 })
}

// startSlowDownload opens a window whose queue is downloading a 4 MiB
// file at 64 KiB/s, once bytes have come; running reports whether it
// still is.
func startSlowDownload(t *testing.T) (h *harness, running func() bool) {
	t.Helper()
	srv := newServer(t)
	if err := srv.FS().WriteFile("/huge.bin", bytes.Repeat([]byte("z"), 4<<20), time.Time{}); err != nil {
		t.Fatal(err)
	}
	srv.SetFault(ftptest.Fault{DataRate: 64 << 10})
	h = newHarness(t, localTree(t))
	right := h.connect(srv, "ferry", "s3cret", 1)
	right.model.click(right.model.rowOf("huge.bin"), false, false)
	h.mw.transfer(right, right.model.selection())
	running = func() bool {
		ids := h.mw.qpanel.tabs[tabQueued]
		return len(ids) == 1 && h.mw.qpanel.jobs[ids[0]].State == queue.JobActive &&
			h.mw.qpanel.jobs[ids[0]].Done > 0
	}
	h.waitFor("transfer running", running)
	return h, running
}

func TestCancelTransfer(t *testing.T) {
	h, _ := startSlowDownload(t)
	if !strings.Contains(h.mw.status.totals.Text, "1") {
		t.Errorf("status bar totals %q", h.mw.status.totals.Text)
	}
	job := h.mw.qpanel.jobs[h.mw.qpanel.tabs[tabQueued][0]]
	jobMenuItem(t, h.mw.qpanel.menu(job), "Cancel").Action()
	h.waitFor("job failed as cancelled", func() bool {
		ids := h.mw.qpanel.tabs[tabFailed]
		return len(ids) == 1 && h.mw.qpanel.jobs[ids[0]].Err != ""
	})
	if _, err := os.Stat(filepath.Join(h.mw.panes[0].dir, "huge.bin")); err == nil {
		t.Error("a cancelled download left a file under its final name")
	}
	// What it left to resume from shows in the pane.
	left := h.mw.panes[0]
	h.waitFor("the .part listed", func() bool {
		left.lastAuto = time.Time{}
		h.mw.redrawTick()
		return left.model.rowOf("huge.bin.part") >= 0
	})
}
