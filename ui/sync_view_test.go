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
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/profile"
	"ferry/ftpcore/queue"
	"ferry/ftpcore/syncplan"
)

// syncTrees makes a local folder and a server folder with every kind of
// difference a synchronisation plans for. It returns the local files'
// contents by slash path.
func syncTrees(t *testing.T) (local string, srv *ftptest.Server, files map[string][]byte) {
	t.Helper()
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	local = t.TempDir()
	files = map[string][]byte{
		"same.txt":          []byte("identical!"),
		"newer.txt":         []byte("local"),
		"older.txt":         []byte("four"),
		"size.txt":          []byte("seven77"),
		"onlylocal.txt":     []byte("only on this disk"),
		"skip.txt":          []byte("unticked"),
		"newdir/inner.txt":  bytes.Repeat([]byte("inner\x00"), 5000),
		"newdir/deep/z.bin": bytes.Repeat([]byte{1, 2, 3}, 10000),
		"kind":              []byte("a file here, a folder there"),
	}
	for rel, data := range files {
		p := filepath.Join(local, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		mod := when
		if rel == "newer.txt" {
			mod = when.Add(time.Hour)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	srv = ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"))
	for _, d := range []string{"/kind", "/oldir"} {
		if err := srv.FS().Mkdir(d); err != nil {
			t.Fatal(err)
		}
	}
	for name, c := range map[string]string{"/same.txt": "identical!", "/newer.txt": "remot", "/older.txt": "sixsix",
		"/size.txt": "ninenine9", "/stale.txt": "gone soon", "/oldir/x": "x", "/kind/k": "k"} {
		mod := when
		if name == "/older.txt" {
			mod = when.Add(time.Hour)
		}
		if err := srv.FS().WriteFile(name, []byte(c), mod); err != nil {
			t.Fatal(err)
		}
	}
	return local, srv, files
}

// previewLines renders the preview's rows as "[x] action | path | detail".
func previewLines(h *harness, sp *syncPreview) []string {
	var out []string
	for i, it := range sp.plan {
		mark := "[ ]"
		if sp.chosen[i] {
			mark = "[x]"
		}
		out = append(out, mark+" "+sp.actionText(it)+" | "+it.Rel()+" | "+detailText(it))
	}
	return out
}

func waitPlan(h *harness, sp *syncPreview) {
	h.t.Helper()
	h.waitFor("the plan", func() bool {
		return sp.ready
	})
}

func TestSyncPreview(t *testing.T) {
	local, srv, files := syncTrees(t)
	h := newHarness(t, local)
	h.connect(srv, "ferry", "s3cret", 1)
	h.mw.setActive(h.mw.panes[0])

	if h.menuAction("Transfer", "Synchronise folders…") == nil {
		t.Fatal("no menu item")
	}
	sp := h.mw.openSync()
	if sp == nil {
		t.Fatal("no preview")
	}
	waitPlan(h, sp)
	want := []string{
		"[ ] Conflict | kind | a file on one side, a folder on the other",
		"[x] Create folder → | newdir | new",
		"[x] Create folder → | newdir/deep | new",
		"[x] Upload → | newdir/deep/z.bin | new",
		"[x] Upload → | newdir/inner.txt | new",
		"[x] Upload → | newer.txt | newer",
		"[ ] Upload → | older.txt | replaces a newer file", // the user ticks it if they mean it
		"[x] Upload → | onlylocal.txt | new",
		"[x] Upload → | size.txt | different size",
		"[x] Upload → | skip.txt | new",
	}
	if got := previewLines(h, sp); !slices.Equal(got, want) {
		t.Fatalf("plan:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if !strings.Contains(sp.summary.Text, "1 up to date") || !strings.Contains(sp.summary.Text, "2 folders to create,") || sp.run.Disabled() {
		t.Errorf("summary %q, run disabled %v", sp.summary.Text, sp.run.Disabled())
	}

	// Both ways, the server's files come down and nothing is deleted.
	sp.direction.SetSelectedIndex(2)
	waitPlan(h, sp)
	if got := previewLines(h, sp); !slices.Contains(got, "[x] Download ← | stale.txt | new") ||
		!slices.Contains(got, "[x] Download ← | oldir/x | new") || !slices.Contains(got, "[x] Upload → | newer.txt | newer") ||
		!slices.Contains(got, "[x] Download ← | older.txt | newer") || !slices.Contains(got, "[ ] Conflict | size.txt | sizes differ and neither file is newer") {
		t.Errorf("both ways:\n  %s", strings.Join(got, "\n  "))
	}
	if !sp.del.Disabled() {
		t.Error("deleting is offered both ways")
	}

	// Left to right with deletions, and skip.txt unticked by the user.
	sp.direction.SetSelectedIndex(0)
	test.Tap(sp.del)
	waitPlan(h, sp)
	got := previewLines(h, sp)
	for _, line := range []string{"[x] Delete → | oldir | not in the source", "[x] Delete → | stale.txt | not in the source"} {
		if !slices.Contains(got, line) {
			t.Errorf("no %q in\n  %s", line, strings.Join(got, "\n  "))
		}
	}
	tapRow(t, h, sp, "skip.txt")
	if i := slices.IndexFunc(sp.plan, func(it syncplan.Item) bool { return it.Rel() == "skip.txt" }); sp.chosen[i] {
		t.Fatal("skip.txt still ticked")
	}
	tapRow(t, h, sp, "older.txt")

	test.Tap(sp.run)
	t.Cleanup(func() {
		if t.Failed() {
			for _, j := range h.mw.queue.Jobs() {
				t.Logf("job %s -> %s: %v %s", j.Src.Path, j.Dst.Path, j.State, j.Err)
			}
			t.Logf("log: %s", h.overlayText())
		}
	})
	h.waitFor("the synchronisation", func() bool {
		tot := h.mw.queue.Totals()
		_, err := srv.FS().Stat("/stale.txt")
		return tot.Queued == 0 && tot.Active == 0 && tot.Done == 6 && err != nil
	})
	for rel, data := range files {
		got, err := srv.FS().ReadFile("/" + rel)
		switch rel {
		case "skip.txt":
			if err == nil {
				t.Error("the unticked skip.txt was uploaded")
			}
		case "kind":
			if st, err := srv.FS().Stat("/kind"); err != nil || !st.IsDir() {
				t.Errorf("the conflict on kind was touched: %v", err)
			}
		default:
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s on the server: %d bytes, %v; want %d bytes", rel, len(got), err, len(data))
			}
		}
	}
	if _, err := srv.FS().Stat("/oldir"); err == nil {
		t.Error("oldir was kept")
	}
	if tot := h.mw.queue.Totals(); tot.Failed != 0 {
		t.Errorf("totals %+v", tot)
	}
}

// tapRow taps the tick box of the preview's row for rel.
func tapRow(t *testing.T, h *harness, sp *syncPreview, rel string) {
	t.Helper()
	tapped := false
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			c, ok := o.(*fyne.Container)
			if r := sp.rows[c]; ok && r != nil && c.Visible() && r.path.Text == rel && !tapped {
				test.Tap(r.check)
				tapped = true
			}
		})
	}
	if !tapped {
		t.Fatalf("no row shows %s", rel)
	}
}

// TestSyncUsesComparisonTolerance: files the comparison of the panes calls
// identical (same size, dates 40 s apart, within the default tolerance of
// a minute) are up to date for the synchronisation too.
func TestSyncUsesComparisonTolerance(t *testing.T) {
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	local := t.TempDir()
	p := filepath.Join(local, "t.txt")
	if err := os.WriteFile(p, []byte("thirteen byte"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, when.Add(40*time.Second), when.Add(40*time.Second)); err != nil {
		t.Fatal(err)
	}
	srv := ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"))
	if err := srv.FS().WriteFile("/t.txt", []byte("thirteen byte"), when); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	h.connect(srv, "ferry", "s3cret", 1)
	h.mw.setActive(h.mw.panes[0])
	sp := h.mw.openSync()
	waitPlan(h, sp)
	if got := previewLines(h, sp); len(got) != 0 || sp.upToDate != 1 {
		t.Errorf("plan %q, %d up to date; want t.txt up to date", got, sp.upToDate)
	}
}

func TestSyncNeedsServer(t *testing.T) {
	h := newHarness(t, t.TempDir())
	if sp := h.mw.openSync(); sp != nil {
		t.Fatal("two local panes were offered a synchronisation")
	}
	if !strings.Contains(h.overlayText(), errorText(errSyncNeedsServer)) {
		t.Errorf("the refusal is not shown: %q", h.overlayText())
	}
}

// TestSyncBetweenServers plans and runs a synchronisation from a server
// in the right pane to a server in the left one: the copies are FXP, a
// missing folder is made on the target, and the bytes arrive intact.
func TestSyncBetweenServers(t *testing.T) {
	from := ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"))
	to := ftptest.NewServer(t, ftptest.WithUser("alice", "w0nderland"))
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	files := map[string][]byte{"/a.bin": randomBytes(t, 90<<10), "/sub/b.bin": randomBytes(t, 1234), "/same.txt": []byte("same")}
	if err := from.FS().Mkdir("/sub"); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := from.FS().WriteFile(name, data, when); err != nil {
			t.Fatal(err)
		}
	}
	if err := to.FS().WriteFile("/same.txt", []byte("same"), when); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, t.TempDir())
	h.connect(to, "alice", "w0nderland", 0)
	right := h.connect(from, "ferry", "s3cret", 1)
	h.mw.setActive(right)

	sp := h.mw.openSync()
	waitPlan(h, sp)
	if sp.direction.SelectedIndex() != 1 {
		t.Errorf("from the active right pane, the direction is %q", sp.direction.Selected)
	}
	want := []string{"[x] Server to server ← | a.bin | new", "[x] Create folder ← | sub | new", "[x] Server to server ← | sub/b.bin | new"}
	if got := previewLines(h, sp); !slices.Equal(got, want) {
		t.Fatalf("plan:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	test.Tap(sp.run)
	done, failed := h.queueSettled(2)
	if len(failed) != 0 || len(done) != 2 {
		t.Fatalf("%d done, %d failed (%+v)", len(done), len(failed), failed)
	}
	for _, j := range done {
		if j.Kind != queue.JobFXP {
			t.Errorf("%s went as %v", j.Src.Path, j.Kind)
		}
	}
	for name, data := range files {
		if got, err := to.FS().ReadFile(name); err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s on the target: %d bytes, %v", name, len(got), err)
		}
	}
}

// TestSyncSettleConflict settles a conflict in the preview, both ways:
// the file of the chosen side replaces the other.
func TestSyncSettleConflict(t *testing.T) {
	local, srv, files := syncTrees(t)
	h := newHarness(t, local)
	h.connect(srv, "ferry", "s3cret", 1)
	h.mw.setActive(h.mw.panes[0])
	sp := h.mw.openSync()
	sp.direction.SetSelectedIndex(2)
	waitPlan(h, sp)
	before := sp.summary.Text

	var row *syncRow
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			c, ok := o.(*fyne.Container)
			if r := sp.rows[c]; ok && r != nil && c.Visible() && r.path.Text == "size.txt" {
				row = r
			}
		})
	}
	if row == nil || !row.choice.Visible() {
		t.Fatalf("no choice on the conflict's row (%v)", row)
	}
	for _, r := range sp.rows {
		if r.path.Text != "size.txt" && r.path.Text != "kind" && r.choice.Visible() {
			t.Errorf("%s offers to settle a conflict", r.path.Text)
		}
		if r.path.Text == "kind" && r.choice.Visible() {
			t.Error("a file against a folder offers to be settled by a copy")
		}
	}
	row.choice.SetSelectedIndex(conflictLeftToRight)
	if sp.summary.Text == before || !strings.Contains(sp.summary.Text, "1 conflict and") {
		t.Errorf("summary %q, before %q", sp.summary.Text, before)
	}
	test.Tap(sp.run)
	h.waitFor("size.txt uploaded", func() bool {
		got, err := srv.FS().ReadFile("/size.txt")
		return err == nil && bytes.Equal(got, files["size.txt"])
	})
}

// TestSyncLinkInTheWay: a local link where the server has a folder is
// refused, never written through, and never deleted.
func TestSyncLinkInTheWay(t *testing.T) {
	local, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(local, "linked")); err != nil {
		t.Fatal(err)
	}
	srv := ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"))
	if err := srv.FS().WriteFile("/linked/f.txt", []byte("f"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	right := h.connect(srv, "ferry", "s3cret", 1)
	h.mw.setActive(right)
	sp := h.mw.openSync()
	test.Tap(sp.del)
	waitPlan(h, sp)
	if got := previewLines(h, sp); !slices.Equal(got, []string{"[ ] Refused | linked | a link is in the way"}) {
		t.Errorf("plan %q", got)
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Errorf("something was written through the link: %v", ents)
	}
}

// TestSyncPreviewOwnsKeys: while the preview is open the panes take no
// key, Enter runs the plan and Escape would close it.
func TestSyncPreviewOwnsKeys(t *testing.T) {
	local, srv, _ := syncTrees(t)
	if err := os.MkdirAll(filepath.Join(local, "newdir", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, filepath.Join(local, "newdir"))
	left := h.mw.panes[0]
	h.connect(srv, "ferry", "s3cret", 1)
	h.mw.setActive(left)
	sp := h.mw.openSync()
	waitPlan(h, sp)
	h.mw.paneKey(left, &fyne.KeyEvent{Name: fyne.KeyBackspace})
	h.runTasks()
	if left.dir != filepath.Join(local, "newdir") {
		t.Fatalf("Backspace under the preview moved the pane to %s", left.dir)
	}
	h.mw.paneKey(left, &fyne.KeyEvent{Name: fyne.KeyReturn})
	done, failed := h.queueSettled(1)
	if len(failed) != 0 || len(done) == 0 || h.mw.modals.top(h.win) != nil {
		t.Fatalf("Enter: %d done, %d failed, dialog still open %v", len(done), len(failed), h.mw.modals.top(h.win) != nil)
	}

	if h.mw.openSync() == nil {
		t.Fatal("no second preview")
	}
	h.mw.paneKey(left, &fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.mw.modals.top(h.win) != nil {
		t.Error("Escape left the preview open")
	}

	// Escape also closes it while one of its controls has the focus, as
	// the direction does once its list was used, or a row's tick once
	// clicked: each took the key and the dialog stayed.
	type control struct {
		name string
		get  func(*syncPreview) fyne.Focusable
	}
	for _, c := range []control{
		{"direction", func(sp *syncPreview) fyne.Focusable { return sp.direction }},
		{"delete", func(sp *syncPreview) fyne.Focusable { return sp.del }},
		{"by size", func(sp *syncPreview) fyne.Focusable { return sp.bySize }},
		{"a row's tick", func(sp *syncPreview) fyne.Focusable {
			for _, r := range sp.rows {
				if r.check.Visible() {
					return r.check
				}
			}
			return nil
		}},
	} {
		sp := h.mw.openSync()
		waitPlan(h, sp)
		sp.list.Refresh()
		if c.name == "direction" {
			// The dialog holds the widget itself, not the Select inside
			// it: the GL driver finds a select's canvas through the
			// object it holds, and a click on a select it could not place
			// crashed the app (the test driver has one canvas for all).
			found := false
			walk(h.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
				found = found || o == fyne.CanvasObject(sp.direction)
			})
			if !found {
				t.Fatal("the dialog does not hold the direction widget itself")
			}
		}
		f := c.get(sp)
		if f == nil {
			t.Fatalf("%s: not found", c.name)
		}
		// What the driver does with a key while f has the focus.
		f.FocusGained()
		f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if h.mw.modals.top(h.win) != nil {
			t.Errorf("Escape on the focused %s left the preview open", c.name)
			sp.dlg.Hide()
		}
	}
}

// TestSyncPreviewReasonsReadable: the reason beside each item ("newer",
// "different size") reads at 4.5:1 at least on the dialog, in the dark
// and the light theme; it was drawn in the disabled colour, at 1.5:1.
func TestSyncPreviewReasonsReadable(t *testing.T) {
	local, srv, _ := syncTrees(t)
	h := newHarness(t, local)
	h.connect(srv, "ferry", "s3cret", 1)
	h.mw.setActive(h.mw.panes[0])
	sp := h.mw.openSync()
	waitPlan(h, sp)
	for _, choice := range []string{profile.ThemeDark, profile.ThemeLight} {
		h.mw.applyTheme(choice)
		sp.list.Refresh()
		th, v := h.app.Settings().Theme(), h.app.Settings().ThemeVariant()
		bg := over(th.Color(theme.ColorNameOverlayBackground, v), th.Color(theme.ColorNameBackground, v))
		seen := 0
		for _, o := range h.win.Canvas().Overlays().List() {
			walk(o, func(o fyne.CanvasObject) {
				txt, ok := o.(*canvas.Text)
				if !ok || (txt.Text != "newer" && txt.Text != "different size") {
					return
				}
				seen++
				if c := contrast(txt.Color, bg); c < 4.5 {
					t.Errorf("%s theme: %q at %.2f:1", choice, txt.Text, c)
				}
			})
		}
		if seen == 0 {
			t.Fatalf("%s theme: no reason shown", choice)
		}
	}
}

// TestSyncSpecKeepsDownloadsInside checks that a copy the synchronisation
// writes into a local folder names that folder as the job's root: a
// folder of the plan replaced by a link before the copy runs must not take
// the file outside it (the queue refuses to write through it).
func TestSyncSpecKeepsDownloadsInside(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	s := syncSides{{src: &localSource{start: a}, root: a}, {src: &localSource{start: b}, root: b}}
	spec := s.spec(syncplan.Item{Action: syncplan.Copy, Parent: "sub", Name: "f.txt", To: syncplan.SideB})
	if spec.Root != b || spec.Dst.Path != filepath.Join(b, "sub", "f.txt") {
		t.Errorf("root %q, destination %q; want the root %q", spec.Root, spec.Dst.Path, b)
	}
}

// TestSyncLinkOutside: synchronising a local folder to a server leaves
// out a link that leads outside the folder (to a key, to a folder of
// private files): the preview says why, and running the plan sends the
// rest, not what the links lead to. A link inside the folder is copied.
func TestSyncLinkOutside(t *testing.T) {
	base := t.TempDir()
	local, private := filepath.Join(base, "site"), filepath.Join(base, "private")
	for p, c := range map[string]string{filepath.Join(local, "a.txt"): "a", filepath.Join(base, "secret.key"): "key",
		filepath.Join(private, "notes"): "n"} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"key": filepath.Join(base, "secret.key"), "private": private, "alias.txt": "a.txt"} {
		if err := os.Symlink(target, filepath.Join(local, link)); err != nil {
			t.Fatal(err)
		}
	}
	srv := ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"))
	h := newHarness(t, local)
	h.connect(srv, "ferry", "s3cret", 1)
	h.mw.setActive(h.mw.panes[0])
	sp := h.mw.openSync()
	waitPlan(h, sp)
	got := previewLines(h, sp)
	slices.Sort(got)
	want := []string{
		"[ ] Refused | key | a link that leads outside the folder",
		"[ ] Refused | private | a link that leads outside the folder",
		"[x] Upload → | a.txt | new",
		"[x] Upload → | alias.txt | new",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("plan %q, want %q", got, want)
	}
	sp.start()
	h.waitFor("the uploads", func() bool {
		_, e1 := srv.FS().Stat("/a.txt")
		_, e2 := srv.FS().Stat("/alias.txt")
		return e1 == nil && e2 == nil
	})
	for _, p := range []string{"/key", "/private", "/private/notes"} {
		if _, err := srv.FS().Stat(p); err == nil {
			t.Errorf("%s was sent", p)
		}
	}
}
