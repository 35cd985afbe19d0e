package ui

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// TestPaneKeys drives a server pane with the keyboard: Tab, F7, F2, Del
// (declined, then confirmed), Ctrl+R, Enter and Backspace.
func TestPaneKeys(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	left := h.mw.panes[0]
	p := h.connect(srv, "ferry", "s3cret", 1)
	key := func(on *pane, name fyne.KeyName) { on.list.TypedKey(&fyne.KeyEvent{Name: name}) }
	idle := func(what string, cond func() bool) {
		t.Helper()
		h.waitFor(what, func() bool { return p.busy.Hidden && cond() })
	}

	// Tab moves the keyboard from the left pane to the right one (its
	// folder tree, then its list), then to the queue.
	if h.mw.active != p {
		t.Fatal("the pane just connected is not the active one")
	}
	key(left, fyne.KeyTab)
	if h.mw.active != p || h.win.Canvas().Focused() != p.tree {
		t.Fatalf("after Tab in the left pane the active pane is %d, the focus on %T", h.mw.active.side, h.win.Canvas().Focused())
	}
	h.pressKey(fyne.KeyTab)
	if h.mw.active != p || h.win.Canvas().Focused() != p.list {
		t.Fatalf("after Tab in the right tree the focus is on %T", h.win.Canvas().Focused())
	}
	key(p, fyne.KeyTab)
	if h.mw.active != p || h.win.Canvas().Focused() != h.mw.qpanel.lists[tabQueued] {
		t.Fatalf("after Tab in the right pane the focus is on %T", h.win.Canvas().Focused())
	}

	// F7 creates a folder.
	key(p, fyne.KeyF7)
	entries := h.overlayEntries()
	if len(entries) != 1 {
		t.Fatalf("the new folder dialog has %d fields", len(entries))
	}
	entries[0].SetText("made")
	h.tapOverlay("Create")
	idle("new folder listed", func() bool { return p.model.rowOf("made") >= 0 })
	if st, err := srv.FS().Stat("/made"); err != nil || !st.IsDir() {
		t.Fatalf("no folder /made on the server: %v", err)
	}

	// F2 renames the file under the cursor (typing "r" puts it there).
	p.list.TypedRune('r')
	if sel := p.model.selection(); len(sel) != 1 || sel[0].Name != "readme.txt" {
		t.Fatalf("typing r selected %+v", sel)
	}
	key(p, fyne.KeyF2)
	entries = h.overlayEntries()
	if len(entries) != 1 || entries[0].Text != "readme.txt" {
		t.Fatalf("the rename dialog does not offer the old name: %d fields", len(entries))
	}
	entries[0].SetText("notes.txt")
	h.tapOverlay("Rename")
	idle("renamed file listed", func() bool {
		return p.model.rowOf("notes.txt") >= 0 && p.model.rowOf("readme.txt") < 0
	})
	if data, err := srv.FS().ReadFile("/notes.txt"); err != nil || len(data) != 10 {
		t.Fatalf("/notes.txt on the server: %d bytes, %v", len(data), err)
	}

	// A name already taken is refused, as on the local disk: the server's
	// RNTO would replace that file without a word.
	key(p, fyne.KeyF2)
	entries = h.overlayEntries()
	if len(entries) != 1 {
		t.Fatalf("the rename dialog: %d fields", len(entries))
	}
	entries[0].SetText("zeta.dat")
	h.tapOverlay("Rename")
	h.waitFor("the refusal", func() bool { return strings.Contains(h.overlayText(), "already exists") })
	if data, err := srv.FS().ReadFile("/zeta.dat"); err != nil || len(data) != 200 {
		t.Fatalf("/zeta.dat on the server: %d bytes, %v", len(data), err)
	}
	if data, err := srv.FS().ReadFile("/notes.txt"); err != nil || len(data) != 10 {
		t.Fatalf("/notes.txt on the server: %d bytes, %v", len(data), err)
	}
	h.typeKey(fyne.KeyEscape)
	h.waitFor("the refusal closed", func() bool { return h.overlayText() == "" })

	// Del asks first; "No" keeps the file.
	p.list.TypedRune('z')
	key(p, fyne.KeyDelete)
	if msg := h.overlayText(); !strings.Contains(msg, "zeta.dat") {
		t.Fatalf("the confirmation does not name the file: %q", msg)
	}
	h.tapOverlay("No")
	h.runTasks()
	if h.overlayButton("Yes") != nil {
		t.Fatal("the confirmation stays after No")
	}
	if _, err := srv.FS().Stat("/zeta.dat"); err != nil {
		t.Fatalf("declining deleted the file: %v", err)
	}
	if slices.ContainsFunc(srv.Commands(), func(c string) bool { return strings.HasPrefix(c, "DELE") }) {
		t.Fatal("DELE sent although the user said No")
	}
	// "Yes" deletes it.
	key(p, fyne.KeyDelete)
	h.tapOverlay("Yes")
	idle("deleted file gone from the pane", func() bool { return p.model.rowOf("zeta.dat") < 0 })
	if _, err := srv.FS().Stat("/zeta.dat"); err == nil {
		t.Fatal("the file is still on the server")
	}
	if !hasCommand(srv.Transcript(), "DELE /zeta.dat") {
		t.Errorf("no DELE /zeta.dat in %q", srv.Commands())
	}

	// Ctrl+R lists the folder again: a file added behind Ferry's back shows.
	if err := srv.FS().WriteFile("/fresh.txt", []byte("new"), time.Now()); err != nil {
		t.Fatal(err)
	}
	if p.model.rowOf("fresh.txt") >= 0 {
		t.Fatal("the new file shows before any refresh")
	}
	h.pressShortcut(fyne.KeyModifierShortcutDefault, fyne.KeyR)
	idle("refreshed listing", func() bool { return p.model.rowOf("fresh.txt") >= 0 })

	// Enter opens a folder, Backspace goes back up onto it.
	p.list.TypedRune('p')
	key(p, fyne.KeyReturn)
	idle("/pub listed", func() bool { return p.dir == "/pub" })
	key(p, fyne.KeyBackspace)
	idle("/ listed again", func() bool { return p.dir == "/" })
	if e := p.model.entryAt(p.model.cursor); e == nil || e.Name != "pub" {
		t.Errorf("after Backspace the cursor is on %v, want pub", e)
	}
}

// TestChmodDialog sets a remote file's permissions through the context
// menu's dialog, with the octal field and a check box.
func TestChmodDialog(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)

	h.contextAction(p, "readme.txt", "File permissions…")
	entries := h.overlayEntries()
	if len(entries) != 1 {
		t.Fatalf("the permissions dialog has %d text fields, want the octal one", len(entries))
	}
	var checks []*dialogCheck
	for _, o := range h.win.Canvas().Overlays().List() {
		checks = append(checks, findAll[*dialogCheck](o)...)
	}
	if len(checks) != 9 {
		t.Fatalf("%d check boxes, want 9", len(checks))
	}
	entries[0].SetText("600")
	checks[3].SetChecked(true) // group read
	if entries[0].Text != "640" {
		t.Fatalf("after ticking group read the field says %q", entries[0].Text)
	}
	h.tapOverlay("Apply")
	h.waitFor("mode applied", func() bool {
		st, err := srv.FS().Stat("/readme.txt")
		return err == nil && st.Mode().Perm() == 0o640
	})
	if !hasCommand(srv.Transcript(), "SITE CHMOD 640 /readme.txt") {
		t.Errorf("no SITE CHMOD 640 /readme.txt in %q", srv.Commands())
	}
	h.waitFor("pane listed again", func() bool { return p.busy.Hidden })
}

// TestCopyURL puts the selected entries' URLs on the clipboard: user,
// host and port, the path escaped, never the password.
func TestCopyURL(t *testing.T) {
	srv := newServer(t)
	if err := srv.FS().WriteFile("/pub/my file #1.txt", []byte("x"), time.Now()); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	base := "ftp://ferry@" + srv.Addr()

	h.contextAction(p, "readme.txt", "Copy URL to clipboard")
	if got, want := h.app.Clipboard().Content(), base+"/readme.txt"; got != want {
		t.Errorf("clipboard = %q, want %q", got, want)
	}

	p.navigate("/pub")
	h.waitFor("/pub listed", func() bool { return p.dir == "/pub" && p.busy.Hidden })
	p.model.click(p.model.rowOf("a.txt"), false, false)
	p.model.click(p.model.rowOf("my file #1.txt"), true, false)
	h.contextAction(p, "a.txt", "Copy URL to clipboard")
	got := h.app.Clipboard().Content()
	want := base + "/pub/a.txt\n" + base + "/pub/my%20file%20%231.txt"
	if got != want {
		t.Errorf("clipboard = %q, want %q", got, want)
	}
	if strings.Contains(got, "s3cret") {
		t.Error("the password is on the clipboard")
	}
}

// TestChmodSeveralKeepsEachOwn: with two files of different permissions
// selected, the dialog shows what they share and leaves each its own
// elsewhere. Ticking group write on a private file (600) and a public
// one (644) gives 620 and 664; before, both took the first one's
// permissions, the private file made readable by all or the public one
// by none.
func TestChmodSeveralKeepsEachOwn(t *testing.T) {
	srv := newServer(t)
	for name, mode := range map[string]os.FileMode{"/readme.txt": 0o644, "/zeta.dat": 0o600} {
		if err := srv.FS().Chmod(name, mode); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	p.refresh()
	h.waitFor("modes listed", func() bool {
		r := p.model.rowOf("zeta.dat")
		return p.busy.Hidden && r >= 0 && p.model.entryAt(r).Perm == "rw-------"
	})
	p.model.click(p.model.rowOf("readme.txt"), false, false)
	p.model.click(p.model.rowOf("zeta.dat"), true, false)
	p.selectionChanged()
	h.contextAction(p, "readme.txt", "File permissions…")

	checks := tickBoxesIn(overlay(t, h.win))
	entries := h.overlayEntries()
	if len(checks) != 9 || len(entries) != 1 {
		t.Fatalf("%d tick boxes and %d fields, want 9 and 1", len(checks), len(entries))
	}
	if !checks[3].Partial || checks[3].Checked || !checks[0].Checked || checks[0].Partial {
		t.Errorf("group read shows partial=%v ticked=%v, owner read ticked=%v: want group read neither ticked nor clear",
			checks[3].Partial, checks[3].Checked, checks[0].Checked)
	}
	if entries[0].Text != "6xx" {
		t.Errorf("the numeric value reads %q, want 6xx", entries[0].Text)
	}
	if !strings.Contains(h.overlayText(), "keeps each item's own") {
		t.Errorf("the dialog does not say that mixed permissions are kept: %q", h.overlayText())
	}
	checks[4].SetChecked(true) // group write, for both
	h.tapOverlay("Apply")
	mode := func(name string) os.FileMode {
		st, err := srv.FS().Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		return st.Mode().Perm()
	}
	h.waitFor("modes applied", func() bool { return mode("/readme.txt") == 0o664 && mode("/zeta.dat") == 0o620 })
	h.waitFor("pane listed again", func() bool { return p.busy.Hidden })
}

// TestChmodFormKeepsSpecialBits: set-user-ID, set-group-ID and sticky
// have no tick box; changing a box keeps them (before, "rwsr-xr-x" with
// owner write taken away was sent as 555, losing set-user-ID), and four
// digits typed set them.
func TestChmodFormKeepsSpecialBits(t *testing.T) {
	mode, _ := parsePerm("drwxrwxrwt")
	f := newChmodForm([]uint32{mode})
	if f.octal.Text != "1777" {
		t.Errorf("a sticky folder's numeric value reads %q, want 1777", f.octal.Text)
	}
	f.checks[7].SetChecked(false) // others write
	if f.octal.Text != "1775" {
		t.Errorf("after a click the numeric value reads %q, want 1775", f.octal.Text)
	}
	if got := f.apply(mode); got != 0o1775 {
		t.Errorf("sticky folder: applies %o, want 1775", got)
	}

	mode, _ = parsePerm("-rwsr-xr-x")
	f = newChmodForm([]uint32{mode})
	f.octal.SetText("555")
	if got := f.apply(mode); got != 0o4555 {
		t.Errorf("set-user-ID file, 555 typed: applies %o, want 4555", got)
	}
	f.octal.SetText("0755")
	if got := f.apply(mode); got != 0o755 {
		t.Errorf("set-user-ID file, 0755 typed: applies %o, want 755", got)
	}
}
