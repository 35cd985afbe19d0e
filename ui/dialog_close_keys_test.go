package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
	"ferry/ftpcore/queue"
)

// The dialogs built on Fyne's dialog.NewCustom, NewForm, ShowCustom and
// ShowInformation had buttons that kept Escape once Tab gave them the
// focus, and some were not known to the window's key owner at all. Each
// is checked here from every control Tab reaches, and with nothing
// focused.

// escapeFrom types Escape into w as the desktop driver does: to the
// focused control, or to the window when nothing has the focus.
func escapeFrom(w fyne.Window) {
	ev := &fyne.KeyEvent{Name: fyne.KeyEscape}
	c := w.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if typed := c.OnTypedKey(); typed != nil {
		typed(ev)
	}
}

// checkEscapeEverywhere opens a dialog over w with open, gives the focus
// to nothing, then to each control Tab reaches in turn, and checks that
// Escape closes the dialog from there; after, if set, checks what the
// dialog left behind. settle runs what the UI has to do.
func checkEscapeEverywhere(t *testing.T, w fyne.Window, what string, open, settle func(), after func(from string)) {
	t.Helper()
	c := w.Canvas()
	// How many controls Tab reaches: until the first one comes back.
	open()
	settle()
	if c.Overlays().Top() == nil {
		t.Fatalf("%s: no dialog opened", what)
	}
	c.Unfocus()
	c.FocusNext()
	first := c.Focused()
	if first == nil {
		t.Fatalf("%s: Tab reaches no control of the dialog", what)
	}
	n := 1
	for ; n < 30; n++ {
		c.FocusNext()
		if c.Focused() == first {
			break
		}
	}
	escapeFrom(w)
	settle()
	if c.Overlays().Top() != nil {
		t.Fatalf("%s: Escape from the first control (%T) left it open", what, first)
	}
	for i := 0; i <= n; i++ {
		open()
		settle()
		c.Unfocus()
		for range i {
			c.FocusNext()
		}
		from := "nothing focused"
		if f := c.Focused(); f != nil {
			from = fmt.Sprintf("%T", f)
		}
		escapeFrom(w)
		settle()
		if top := c.Overlays().Top(); top != nil {
			t.Fatalf("%s: Escape with %s left the dialog open: %q", what, from, textIn(top))
		}
		if after != nil {
			after(from)
		}
	}
}

func TestClosingDialogsTakeEscapeEverywhere(t *testing.T) {
	srv := newServer(t)
	h := newHarnessWithConfig(t, localTree(t), t.TempDir())
	right := h.connect(srv, "ferry", "s3cret", 1)
	settle := h.runTasks

	checkEscapeEverywhere(t, h.win, "About", h.menuAction("Help", "About Ferry").Action, settle, nil)

	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	job := queue.Job{ID: 7, State: queue.JobFailed, Err: "550 No such file", Added: when, Size: 12,
		Src: queue.Endpoint{Site: "ftp.example", Path: "/pub/a.txt"}, Dst: queue.Endpoint{Path: filepath.Join(t.TempDir(), "a.txt")}}
	checkEscapeEverywhere(t, h.win, "Transfer details", func() { h.mw.showJobDetails(job) }, settle, nil)

	if err := h.mw.marks.store.Add(profile.Bookmark{Name: "Mine", LocalDir: "/tmp", RemoteDir: "/pub"}); err != nil {
		t.Fatal(err)
	}
	checkEscapeEverywhere(t, h.win, "Manage bookmarks", h.menuAction("Bookmarks", "Manage bookmarks…").Action, settle, nil)

	// The certificate question: Escape rejects, from its copy buttons too.
	var answers []CertDecision
	checkEscapeEverywhere(t, h.win, "Unknown certificate", func() {
		cd := newCertDialog(h.win, sampleCert(), false, when, func(d CertDecision) { answers = append(answers, d) })
		h.mw.modals.show(h.win, cd.dialog, cd.enter, cd.keys()...)
	}, settle, func(from string) {
		if len(answers) == 0 || answers[len(answers)-1] != CertReject {
			t.Fatalf("Escape with %s focused answered %v, want a rejection", from, answers)
		}
	})

	checkEscapeEverywhere(t, h.win, "An error", func() { h.mw.showError("Test", errors.New("it broke")) }, settle, nil)

	// The custom command: Escape sends nothing, whatever has the focus.
	h.mw.setActive(right)
	sent := func() bool { return strings.Contains(h.mw.log.text(), "214 Help OK.") }
	checkEscapeEverywhere(t, h.win, "Enter custom command", func() {
		h.menuAction("Server", "Enter custom command…").Action()
		test.Type(h.overlayEntries()[0], "HELP")
	}, settle, func(from string) {
		h.runTasks()
		if sent() {
			t.Fatalf("Escape with %s sent the command", from)
		}
	})
	// And Enter in the field still sends it.
	h.menuAction("Server", "Enter custom command…").Action()
	test.Type(h.overlayEntries()[0], "HELP")
	h.typeKey(fyne.KeyReturn)
	h.waitFor("the reply in the log", sent)
}

// TestSiteManagerClosingDialogsTakeEscape: the Site Manager's password
// prompt (a site that asks for it) and the summary of an import close on
// Escape from wherever the keyboard is, and the prompt connects nothing.
func TestSiteManagerClosingDialogsTakeEscape(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm
	settle := func() { env.settle(t) }
	site := profile.Site{Name: "ask", Host: "ask.example", Port: 21, User: "me", Logon: profile.LogonAsk}
	checkEscapeEverywhere(t, sm.win, "Password", func() {
		sm.askPassword(site, func(string) { t.Error("the password prompt answered after Escape") })
	}, settle, nil)
	checkEscapeEverywhere(t, sm.win, "Import summary", func() {
		sm.showImportSummary("Imported 3 sites.\n\nTo check:\n  • one")
	}, settle, nil)
	checkEscapeEverywhere(t, sm.win, "Export done", func() {
		sm.modals.showMessage(sm.win, "Export for FileZilla", "Exported 3 sites to x.xml.", theme.InfoIcon())
	}, settle, nil)
	if len(env.connects) != 0 {
		t.Errorf("connected %d times", len(env.connects))
	}
}

// TestMasterPasswordEscapeEverywhere: Escape cancels the master password
// prompt from its fields (where the keyboard starts) and from its
// buttons after Tab; the fields kept the key before.
func TestMasterPasswordEscapeEverywhere(t *testing.T) {
	for _, tabs := range []int{0, 1, 2, 3} { // field, field, Cancel, OK while choosing
		c := startChoosing(t)
		w, done := c.win, c.done
		if _, ok := w.Canvas().Focused().(*dialogEntry); !ok {
			t.Fatalf("the prompt opens with %T focused, not its field", w.Canvas().Focused())
		}
		for range tabs {
			w.Canvas().FocusNext()
		}
		if w.Canvas().Focused() == nil {
			t.Fatalf("%d Tabs reach nothing", tabs)
		}
		focused := fmt.Sprintf("%T", w.Canvas().Focused())
		escapeFrom(w)
		if err := <-done; !errors.Is(err, ErrMasterPasswordCancelled) {
			t.Fatalf("Escape with %s (after %d Tabs) focused: %v, want it cancelled", focused, tabs, err)
		}
	}
}

// TestCertificateFingerprintCopies: the fingerprints, no longer
// selectable labels, are copied whole by their buttons, the SHA-256 one
// without the line break it is shown with.
func TestCertificateFingerprintCopies(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("t")
	info := sampleCert()
	cd := newCertDialog(w, info, false, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), func(CertDecision) {})
	if len(cd.copies) != 2 {
		t.Fatalf("%d copy buttons, want 2", len(cd.copies))
	}
	test.Tap(cd.copies[0])
	if got := a.Clipboard().Content(); got != info.SHA256 {
		t.Errorf("SHA-256 copied as %q, want %q", got, info.SHA256)
	}
	test.Tap(cd.copies[1])
	if got := a.Clipboard().Content(); got != sha1Fingerprint(info.DER) {
		t.Errorf("SHA-1 copied as %q, want %q", got, sha1Fingerprint(info.DER))
	}
}

// TestFileDialogsTakeEscape: Fyne's save dialog opens with the focus in
// its file name field, which kept Escape, and the window's key owner did
// not know the dialog: Escape never closed Save log. Now Escape closes it
// from the field and with nothing focused; Enter in the field saves, in
// the folder the local pane shows. The Site Manager's Import (an open
// dialog) closes on Escape too.
func TestFileDialogsTakeEscape(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, dir)
	h.mw.log.add(ftpcore.TranscriptLine{Time: time.Now(), Dir: ftpcore.DirError, Text: "a line to keep"})
	c := h.win.Canvas()
	for _, unfocus := range []bool{false, true} {
		h.mw.log.save()
		h.runTasks()
		if c.Overlays().Top() == nil {
			t.Fatal("Save log opened no dialog")
		}
		if _, ok := c.Focused().(*dialogEntry); !ok {
			t.Fatalf("Save log opens with %T focused, not its file name field", c.Focused())
		}
		if unfocus {
			c.Unfocus()
		}
		escapeFrom(h.win)
		h.runTasks()
		if c.Overlays().Top() != nil || h.mw.modals.top(h.win) != nil {
			t.Fatalf("Escape (field focused: %v) left Save log open", !unfocus)
		}
	}
	// Over an existing file Fyne asks "Overwrite?" over the dialog:
	// Escape closes that question only, and the file is left alone.
	old := filepath.Join(dir, "old.log")
	if err := os.WriteFile(old, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.mw.log.save()
	h.runTasks()
	fileDialog := c.Overlays().Top()
	typeInto(h.win, c.Focused().(*dialogEntry), "old.log")
	h.typeKey(fyne.KeyReturn)
	if top := c.Overlays().Top(); top == fileDialog || !strings.Contains(textIn(top), "overwrite") {
		t.Fatalf("no question before overwriting old.log: %q", textIn(top))
	}
	h.typeKey(fyne.KeyReturn) // Enter is not taken for Yes
	escapeFrom(h.win)
	h.runTasks()
	if c.Overlays().Top() != fileDialog {
		t.Fatal("Escape on the Overwrite question did not leave the file dialog open under it")
	}
	escapeFrom(h.win)
	h.runTasks()
	if c.Overlays().Top() != nil {
		t.Fatal("the second Escape left the file dialog open")
	}
	if b, _ := os.ReadFile(old); string(b) != "keep me" {
		t.Fatalf("old.log now holds %q", b)
	}

	h.mw.log.save()
	h.runTasks()
	field := c.Focused().(*dialogEntry)
	if field.Text != "ferry-log.txt" {
		t.Errorf("the file name field shows %q", field.Text)
	}
	typeInto(h.win, field, "saved.log")
	h.typeKey(fyne.KeyReturn)
	saved := filepath.Join(dir, "saved.log")
	h.waitFor("the log saved", func() bool {
		b, err := os.ReadFile(saved)
		return err == nil && strings.Contains(string(b), "a line to keep")
	})
	if c.Overlays().Top() != nil || h.mw.modals.top(h.win) != nil {
		t.Error("Save log stayed open after saving")
	}
	// Enter with nothing focused presses Save.
	h.mw.log.save()
	h.runTasks()
	typeInto(h.win, c.Focused().(*dialogEntry), "again.log")
	c.Unfocus()
	h.typeKey(fyne.KeyReturn)
	h.waitFor("the log saved again", func() bool { return exists(filepath.Join(dir, "again.log")) })

	env := newTestEnv(t)
	sm := env.sm
	test.Tap(sm.importBtn)
	env.settle(t)
	if sm.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Import opened no dialog")
	}
	escapeFrom(sm.win)
	env.settle(t)
	if sm.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape left the Import dialog open")
	}
	if !slices.Contains(env.app.Driver().AllWindows(), sm.win) {
		t.Fatal("Escape on the Import dialog closed the Site Manager")
	}
}

// TestListDialogsTakeEscapeEverywhere: Search files and Synchronise
// folders hold lists and buttons of their own; Escape closes them from
// each control Tab reaches.
func TestListDialogsTakeEscapeEverywhere(t *testing.T) {
	local, _, _ := syncTrees(t)
	srv := newServer(t)
	h := newHarness(t, local)
	h.connect(srv, "ferry", "s3cret", 1)
	h.mw.setActive(h.mw.panes[0])
	checkEscapeEverywhere(t, h.win, "Search files", func() {
		sv := h.mw.openSearch()
		sv.start()
		h.waitFor("results", func() bool { return len(sv.results) > 0 && sv.done })
	}, h.runTasks, nil)
	checkEscapeEverywhere(t, h.win, "Synchronise folders", func() {
		sp := h.mw.openSync()
		waitPlan(h, sp)
	}, h.runTasks, nil)
}

// TestEveryDialogTakesEscape sweeps the other dialogs a user opens from
// the menus and the panes: Escape closes each from every control Tab
// reaches, and acts on nothing (no folder made, nothing renamed or
// deleted, no bookmark added, no settings saved).
func TestEveryDialogTakesEscape(t *testing.T) {
	dir := sameNameTree(t)
	srv := newServer(t)
	h := newHarnessWithConfig(t, dir, t.TempDir())
	right := h.connect(srv, "ferry", "s3cret", 1)
	p := openSub(t, h, dir)
	sel := p.model.selection()
	settle := h.runTasks
	unchanged := func(what string) func(string) {
		return func(from string) {
			t.Helper()
			h.runTasks()
			if !exists(filepath.Join(dir, "sub", "same.txt")) {
				t.Fatalf("%s: Escape with %s deleted or renamed same.txt", what, from)
			}
			if exists(filepath.Join(dir, "sub", "Typed")) {
				t.Fatalf("%s: Escape with %s created Typed", what, from)
			}
		}
	}
	typed := func() {
		if e, ok := h.win.Canvas().Focused().(*dialogEntry); ok {
			typeInto(h.win, e, "Typed")
		}
	}
	checkEscapeEverywhere(t, h.win, "Delete", func() { p.askDelete(sel) }, settle, unchanged("Delete"))
	checkEscapeEverywhere(t, h.win, "Rename", func() { p.askRename(sel[0]); typed() }, settle, unchanged("Rename"))
	checkEscapeEverywhere(t, h.win, "Create folder", func() { p.askMkdir(); typed() }, settle, unchanged("Create folder"))
	checkEscapeEverywhere(t, h.win, "Create new file", func() { p.askCreateFile(); typed() }, settle, unchanged("Create new file"))
	checkEscapeEverywhere(t, h.win, "Add bookmark", func() { h.mw.addBookmark(); typed() }, settle, func(from string) {
		if n := len(h.mw.marks.store.All()); n != 0 {
			t.Fatalf("Add bookmark: Escape with %s added %d", from, n)
		}
	})
	before := h.mw.currentSettings()
	checkEscapeEverywhere(t, h.win, "Settings", h.mw.openSettings, settle, func(from string) {
		if !reflect.DeepEqual(h.mw.currentSettings(), before) {
			t.Fatalf("Settings: Escape with %s saved them", from)
		}
	})
	checkEscapeEverywhere(t, h.win, "Diagnose", func() { h.mw.diagnose() }, settle, nil)
	h.mw.setActive(right)
	row := right.model.rowOf("readme.txt")
	if row < 0 {
		t.Fatal("no readme.txt on the server")
	}
	right.model.click(row, false, false)
	checkEscapeEverywhere(t, h.win, "File permissions", func() { right.askChmod(right.model.selection()) }, settle, nil)
}

// TestSiteManagerDialogsTakeEscapeEverywhere: the Site Manager's own
// dialogs (new folder, rename, move, delete, export) close on Escape from
// each control Tab reaches, leave the site as it was, and leave the
// window open.
func TestSiteManagerDialogsTakeEscapeEverywhere(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm
	site := newSiteThroughUI(t, env, "sweep.example", "", "")
	if _, err := env.store.Add(profile.Site{Folder: []string{"Work"}, Name: "w", Host: "w.example"}); err != nil {
		t.Fatal(err) // a folder to move to
	}
	env.settle(t)
	settle := func() { env.settle(t) }
	kept := func(what string) func(string) {
		return func(from string) {
			t.Helper()
			got, err := env.store.Get(site.ID)
			if err != nil || got.Name != site.Name || !slices.Equal(got.Folder, site.Folder) {
				t.Fatalf("%s: Escape with %s changed the site: %+v, %v", what, from, got, err)
			}
			if !slices.Contains(env.app.Driver().AllWindows(), sm.win) {
				t.Fatalf("%s: Escape with %s closed the Site Manager", what, from)
			}
		}
	}
	for _, c := range []struct {
		what string
		tap  *dialogButton
	}{
		{"New folder", sm.newFolder}, {"Rename", sm.rename}, {"Move to…", sm.move},
		{"Delete", sm.remove}, {"Export for FileZilla", sm.exportBtn},
	} {
		checkEscapeEverywhere(t, sm.win, c.what, func() {
			sm.selectNode(siteID(site.ID))
			test.Tap(c.tap)
		}, settle, kept(c.what))
	}
}
