package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/queue"
)

// lsLines joins listing lines with CRLF, as servers send them.
func lsLines(lines ...string) []byte {
	return []byte(strings.Join(lines, "\r\n") + "\r\n")
}

// TestUnparsedListingLines lists a folder whose LIST output carries two
// junk lines among good ones: the good entries are shown, the pane warns
// with the count, and the log has the junk verbatim.
func TestUnparsedListingLines(t *testing.T) {
	const junk1, junk2 = "this line is junk from a broken server", "@@ 12 ## not a listing %%"
	srv := newServer(t, ftptest.WithoutFeatures("MLST"))
	srv.SetFault(ftptest.Fault{Listings: map[string][]byte{"/": lsLines(
		"total 12",
		"drwxr-xr-x    2 ftp      ftp          4096 Mar 01  2025 pub",
		junk1,
		"-rw-r--r--    1 ftp      ftp            10 Mar 01  2025 readme.txt",
		junk2,
		"-rw-r--r--    1 ftp      ftp           200 Mar 01  2025 zeta.dat",
	)}})
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)

	if !hasCommand(srv.Transcript(), "LIST") {
		t.Fatalf("the listing was not made with LIST: %q", srv.Commands())
	}
	if got, want := names(p), []string{"pub", "readme.txt", "zeta.dat"}; !slices.Equal(got, want) {
		t.Fatalf("names = %q, want %q", got, want)
	}
	if !p.warning.Visible() {
		t.Fatal("no warning about the unreadable lines")
	}
	if !strings.Contains(p.warning.Text, "2") {
		t.Errorf("the warning %q does not give the count", p.warning.Text)
	}
	log := h.mw.log.text()
	for _, j := range []string{junk1, junk2} {
		if !strings.Contains(log, j) {
			t.Errorf("the log lacks the skipped line %q:\n%s", j, log)
		}
	}
	if strings.Contains(log, "line: total 12") {
		t.Error("the total line is reported as unreadable")
	}

	// A clean listing takes the warning away.
	p.navigate("/pub")
	h.waitFor("/pub listed", func() bool { return p.dir == "/pub" && p.busy.Hidden })
	if p.warning.Visible() {
		t.Errorf("the warning %q stays over a clean listing", p.warning.Text)
	}
}

// TestHostileNamesNotDownloaded lists names that would leave the
// destination folder or mean a path: dragging them to the local pane is
// refused with a message, downloading their folder fails just them, and
// nothing is written outside the destination.
func TestHostileNamesNotDownloaded(t *testing.T) {
	srv := newServer(t, ftptest.WithoutFeatures("MLST"))
	fsys := srv.FS()
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if err := fsys.Mkdir("/hostile"); err != nil {
		t.Fatal(err)
	}
	// Real files where the hostile names point, so that following them
	// would fetch something and leave a trace.
	for name, data := range map[string]string{"/hostile/good.txt": "fine", "/evil": "pwned", "/a": "not a folder"} {
		if err := fsys.WriteFile(name, []byte(data), when); err != nil {
			t.Fatal(err)
		}
	}
	srv.SetFault(ftptest.Fault{Listings: map[string][]byte{"/hostile": lsLines(
		"-rw-r--r--    1 ftp      ftp             4 Mar 01  2025 good.txt",
		"-rw-r--r--    1 ftp      ftp             5 Mar 01  2025 ../evil",
		`-rw-r--r--    1 ftp      ftp             5 Mar 01  2025 a\b`,
	)}})

	root := t.TempDir()
	dest := filepath.Join(root, "dest")
	if err := os.Mkdir(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, dest)
	left := h.mw.panes[0]
	right := h.connect(srv, "ferry", "s3cret", 1)
	right.navigate("/hostile")
	h.waitFor("/hostile listed", func() bool { return right.dir == "/hostile" && right.busy.Hidden })
	// "../evil" starts with a dot: the pane shows it with hidden files.
	test.Tap(right.hidden)
	h.waitFor("/hostile listed with hidden files", func() bool { return right.model.rowOf("../evil") >= 0 })
	for _, n := range []string{"../evil", `a\b`} {
		r := right.model.rowOf(n)
		if r < 0 {
			t.Fatalf("%q not listed: %q", n, names(right))
		}
		if !right.model.entryAt(r).Unsafe {
			t.Fatalf("%q is not marked unsafe", n)
		}
	}

	// Dragged on their own: refused at once, with the names and why.
	right.model.click(right.model.rowOf("../evil"), false, false)
	right.model.click(right.model.rowOf(`a\b`), true, false)
	h.dragRows(right, "../evil", left)
	if jobs := h.mw.queue.Jobs(); len(jobs) != 0 {
		t.Fatalf("hostile names were queued: %+v", jobs)
	}
	msg := h.overlayText()
	if !strings.Contains(msg, "../evil") || !strings.Contains(msg, `a\\b`) ||
		!strings.Contains(msg, errorText(queue.ErrUnsafePath)) {
		t.Fatalf("no clear error for the refused names; dialogs say %q", msg)
	}
	test.Tap(h.overlayButton("OK"))
	if !strings.Contains(h.mw.log.text(), "../evil") {
		t.Error("the refusal is not in the message log")
	}

	// Inside a dragged folder: those two jobs fail, the good file arrives.
	right.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	h.waitFor("/ listed", func() bool { return right.dir == "/" && right.busy.Hidden })
	h.dragRows(right, "hostile", left)
	done, failed := h.queueSettled(4)
	if len(failed) != 2 {
		t.Fatalf("%d failed jobs, want the 2 hostile names: %+v", len(failed), failed)
	}
	for _, j := range failed {
		if !strings.Contains(j.Err, queue.ErrUnsafePath.Error()) {
			t.Errorf("job %s failed with %q, not the unsafe-name error", j.Src.Path, j.Err)
		}
		if j.Dst.Path != filepath.Join(dest, "hostile") {
			t.Errorf("failed job %s points at %s", j.Src.Path, j.Dst.Path)
		}
	}
	if len(done) != 2 { // the folder and good.txt
		t.Errorf("%d successful jobs, want 2: %+v", len(done), done)
	}
	if data, err := os.ReadFile(filepath.Join(dest, "hostile", "good.txt")); err != nil || string(data) != "fine" {
		t.Errorf("good.txt: %q, %v", data, err)
	}
	var written []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		written = append(written, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{".", "dest", "dest/hostile", "dest/hostile/good.txt"}; !slices.Equal(written, want) {
		t.Errorf("on disk: %q, want %q", written, want)
	}
	for _, c := range srv.Commands() {
		if strings.HasPrefix(c, "RETR") && !strings.HasSuffix(c, "/good.txt") {
			t.Errorf("the server was asked %q", c)
		}
	}
}
