package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/listing"
	"ferry/ftpcore/queue"
)

// sameNameTree makes a folder holding same.txt and sub/same.txt, the
// setting where a key leaking behind a "Delete same.txt?" question would
// delete the wrong file.
func sameNameTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"same.txt", "sub/same.txt", "sub/other.txt"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// typeKey delivers a key as the desktop driver does: to the focused
// widget of the topmost layer (a dialog's field, or nothing while a
// dialog without one is open), else to the window's own key handler.
func (h *harness) typeKey(name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	c := h.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if k := c.OnTypedKey(); k != nil {
		k(ev)
	}
	h.runTasks()
}

// openSub shows dir/sub in the left pane with same.txt selected.
func openSub(t *testing.T, h *harness, dir string) *pane {
	t.Helper()
	p := h.mw.panes[0]
	p.navigate(filepath.Join(dir, "sub"))
	h.waitFor("sub listed", func() bool { return p.dir == filepath.Join(dir, "sub") && p.busy.Hidden })
	p.list.focus()
	row := p.model.rowOf("same.txt")
	if row < 0 {
		t.Fatal("no same.txt in sub")
	}
	p.model.click(row, false, false)
	p.selectionChanged()
	return p
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestDialogOwnsKeyboard: while "Delete same.txt?" is open, the pane keys
// (Backspace, Return, Delete, F-keys, Tab, letters) change nothing behind
// it, whichever way they arrive; Enter then deletes the file of the
// folder shown when the question opened.
func TestDialogOwnsKeyboard(t *testing.T) {
	dir := sameNameTree(t)
	h := newHarness(t, dir)
	p := openSub(t, h, dir)

	p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if h.overlayButton("Yes") == nil {
		t.Fatal("Delete did not ask")
	}
	overlays := len(h.win.Canvas().Overlays().List())
	for _, k := range []fyne.KeyName{fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyF8,
		fyne.KeyF7, fyne.KeyF2, fyne.KeyF5, fyne.KeyTab, fyne.KeyUp, fyne.KeyHome, fyne.KeySpace} {
		h.typeKey(k)
		// A list that kept the focus hears nothing either.
		p.list.TypedKey(&fyne.KeyEvent{Name: k})
		p.list.TypedRune('o')
		h.runTasks()
	}
	if p.dir != filepath.Join(dir, "sub") || !p.busy.Hidden {
		t.Fatalf("the pane behind the dialog moved to %q", p.dir)
	}
	if n := len(h.win.Canvas().Overlays().List()); n != overlays {
		t.Fatalf("%d overlays after typing behind the dialog, want %d", n, overlays)
	}
	if h.mw.active != p {
		t.Fatal("Tab behind the dialog switched panes")
	}
	if sel := p.model.selection(); len(sel) != 1 || sel[0].Name != "same.txt" {
		t.Fatalf("selection behind the dialog became %+v", sel)
	}

	h.typeKey(fyne.KeyReturn)
	h.waitFor("the file deleted", func() bool { return !exists(filepath.Join(dir, "sub", "same.txt")) && p.busy.Hidden })
	if !exists(filepath.Join(dir, "same.txt")) || !exists(filepath.Join(dir, "sub", "other.txt")) {
		t.Fatal("Enter deleted more than the file asked about")
	}
	if len(h.win.Canvas().Overlays().List()) != 0 {
		t.Fatal("the dialog is still open after Enter")
	}
	// With the dialog gone the keys reach the pane again.
	h.typeKey(fyne.KeyBackspace)
	h.waitFor("the parent listed", func() bool { return p.dir == dir && p.busy.Hidden })
}

// TestDeleteActsOnCapturedItems: the pane moves to another folder while
// the question is open (a refresh, a navigation from elsewhere); Yes
// still deletes the file it named, never the namesake in the folder now
// shown.
func TestDeleteActsOnCapturedItems(t *testing.T) {
	dir := sameNameTree(t)
	h := newHarness(t, dir)
	p := openSub(t, h, dir)
	p.askDelete(p.model.selection())
	p.up()
	h.waitFor("the parent listed", func() bool { return p.dir == dir && p.busy.Hidden })
	h.tapOverlay("Yes")
	h.waitFor("the file deleted", func() bool { return !exists(filepath.Join(dir, "sub", "same.txt")) && p.busy.Hidden })
	if !exists(filepath.Join(dir, "same.txt")) {
		t.Fatal("the namesake in the folder shown at click time was deleted")
	}
}

// TestEnterEscapeInDialogs: Escape cancels and Enter confirms the dialogs
// with a text field, typed in the field itself.
func TestEnterEscapeInDialogs(t *testing.T) {
	dir := sameNameTree(t)
	h := newHarness(t, dir)
	p := openSub(t, h, dir)

	for _, tc := range []struct {
		name string
		open func()
		key  fyne.KeyName
		want func() bool
	}{
		{"new folder, Escape", p.askMkdir, fyne.KeyEscape, func() bool { return !exists(filepath.Join(dir, "sub", "made")) }},
		{"new folder, Enter", p.askMkdir, fyne.KeyReturn, func() bool { return exists(filepath.Join(dir, "sub", "made")) }},
		{"rename, Escape", func() { p.askRename(p.model.selection()[0]) }, fyne.KeyEscape,
			func() bool { return exists(filepath.Join(dir, "sub", "same.txt")) }},
		{"rename, Enter", func() { p.askRename(p.model.selection()[0]) }, fyne.KeyReturn,
			func() bool {
				return exists(filepath.Join(dir, "sub", "made")) && !exists(filepath.Join(dir, "sub", "same.txt"))
			}},
	} {
		tc.open()
		h.runTasks()
		fields := h.overlayEntries()
		if len(fields) != 1 || h.win.Canvas().Focused() == nil {
			t.Fatalf("%s: %d fields, focus %v", tc.name, len(fields), h.win.Canvas().Focused())
		}
		if tc.name == "rename, Enter" {
			if err := os.Remove(filepath.Join(dir, "sub", "made")); err != nil {
				t.Fatal(err)
			}
		}
		fields[0].SetText("made")
		h.typeKey(tc.key)
		h.waitFor(tc.name, func() bool { return p.busy.Hidden && tc.want() })
		if n := len(h.win.Canvas().Overlays().List()); n != 0 {
			t.Fatalf("%s: %d dialogs still open", tc.name, n)
		}
		p.refresh()
		h.waitFor("listed", func() bool { return p.busy.Hidden })
		if r := p.model.rowOf("same.txt"); r >= 0 {
			p.model.click(r, false, false)
		} else {
			p.model.click(p.model.rowOf("other.txt"), false, false)
		}
	}
}

// TestDialogButtonsKeepEscape: once Tab gave a dialog's button the focus,
// Escape still cancels the dialog, and Enter presses that button.
func TestDialogButtonsKeepEscape(t *testing.T) {
	dir := sameNameTree(t)
	h := newHarness(t, dir)
	p := openSub(t, h, dir)
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		p.askDelete(p.model.selection())
		h.win.Canvas().FocusNext() // Tab: "No" comes first
		if _, ok := h.win.Canvas().Focused().(*dialogButton); !ok {
			t.Fatalf("focus on %T after Tab", h.win.Canvas().Focused())
		}
		h.typeKey(key)
		if n := len(h.win.Canvas().Overlays().List()); n != 0 {
			t.Fatalf("%s on a focused button left %d dialogs open", key, n)
		}
		h.runTasks()
		if !exists(filepath.Join(dir, "sub", "same.txt")) {
			t.Fatalf("%s on the focused No deleted the file", key)
		}
	}
}

// TestDeleteSaysWhere: both panes look alike, so the delete question
// says which side it acts on: a folder of this computer, or a folder of
// the server it names.
func TestDeleteSaysWhere(t *testing.T) {
	srv := newServer(t)
	dir := sameNameTree(t)
	h := newHarness(t, dir)
	local := openSub(t, h, dir)
	local.askDelete(local.model.selection())
	h.runTasks()
	if got := h.overlayText(); !strings.Contains(got, filepath.Join(dir, "sub")) || !strings.Contains(got, "this computer") {
		t.Errorf("local delete question %q does not say where", got)
	}
	h.typeKey(fyne.KeyEscape)
	h.runTasks()

	remote := h.connect(srv, "ferry", "s3cret", 1)
	remote.model.click(remote.model.rowOf("readme.txt"), false, false)
	remote.askDelete(remote.model.selection())
	h.runTasks()
	if got := h.overlayText(); !strings.Contains(got, "In / on "+addrLabel(srv.Addr())) {
		t.Errorf("server delete question %q does not name the server", got)
	}
	h.typeKey(fyne.KeyEscape)
}

// TestExistsDialogKeysAfterClicks checks that the "File exists" dialog
// keeps Enter and Escape once its choices were clicked: a clicked tick box
// or choice had the focus and swallowed both keys, leaving the dialog open.
func TestExistsDialogKeysAfterClicks(t *testing.T) {
	h := newHarness(t, t.TempDir())
	q := queue.ExistsQuestion{
		Job: queue.Job{Kind: queue.JobDownload,
			Src: queue.Endpoint{Site: "ftp://example.org", Path: "/a.bin"}, Dst: queue.Endpoint{Path: "/tmp/a.bin"}},
		Src: queue.FileInfo{Size: 10}, Dst: queue.FileInfo{Size: 5},
	}
	ask := func() (chan queue.ExistsAnswer, fyne.CanvasObject) {
		got := make(chan queue.ExistsAnswer, 1)
		h.mw.existsDialog(q, func(a queue.ExistsAnswer) { got <- a })
		h.runTasks()
		return got, h.win.Canvas().Overlays().Top()
	}

	// The tick box clicked, then Enter: confirmed with it ticked.
	got, d := ask()
	test.Tap(findAll[*dialogCheck](d)[0])
	if h.win.Canvas().Focused() == nil {
		t.Fatal("a click on the tick box gave it no focus: this test checks nothing")
	}
	h.typeKey(fyne.KeyReturn)
	select {
	case a := <-got:
		if !a.ApplyToAll || a.Action != overwriteChoices()[0] {
			t.Errorf("answer %+v", a)
		}
	default:
		t.Fatal("Enter after a click on the tick box did not confirm")
	}

	// Another choice clicked, then Enter: confirmed with that choice.
	got, d = ask()
	radio := findAll[*widget.RadioGroup](d)[0]
	// A click on a choice focuses its item, then selects it.
	var item fyne.Focusable
	for _, o := range findAll[fyne.CanvasObject](d) {
		if f, ok := o.(fyne.Focusable); ok && fmt.Sprintf("%T", o) == "*widget.radioItem" && item == nil {
			item = f
		}
	}
	if item == nil {
		t.Fatal("no choice of the radio group found")
	}
	h.win.Canvas().Focus(item)
	radio.SetSelected(radio.Options[1])
	h.typeKey(fyne.KeyReturn)
	select {
	case a := <-got:
		if a.Action != overwriteChoices()[1] {
			t.Errorf("answer %+v, want %v", a, overwriteChoices()[1])
		}
	default:
		t.Fatal("Enter after a click on a choice did not confirm")
	}

	// Escape after a click: skipped.
	got, d = ask()
	test.Tap(findAll[*dialogCheck](d)[0])
	h.typeKey(fyne.KeyEscape)
	select {
	case a := <-got:
		if a.Action != queue.OverwriteSkip {
			t.Errorf("Escape answered %+v", a)
		}
	default:
		t.Fatal("Escape after a click did not close the dialog")
	}
}

// TestRenameSelectsTheStem: the rename dialog opens with the name before
// its extension selected, so that what is typed replaces it and the
// extension stays; a folder's whole name is selected, and so is a name
// whose only dot starts it.
func TestRenameSelectsTheStem(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"report.final.txt", "é clair.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "site.d"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, dir)
	p := h.mw.panes[0]
	p.navigate(dir)
	h.waitFor("listed", func() bool { return p.dir == dir && p.busy.Hidden && p.model.rowOf("site.d") >= 0 })
	for _, tc := range []struct{ name, selected, typed string }{
		{"report.final.txt", "report.final", "new.txt"},
		{"é clair.txt", "é clair", "new.txt"},
		{"site.d", "site.d", "new"},
	} {
		p.askRename(*p.model.entryAt(p.model.rowOf(tc.name)))
		h.runTasks()
		fields := h.overlayEntries()
		if len(fields) != 1 {
			t.Fatalf("%s: %d fields", tc.name, len(fields))
		}
		if got := fields[0].SelectedText(); got != tc.selected {
			t.Errorf("%s: %q selected, want %q", tc.name, got, tc.selected)
		}
		test.Type(fields[0], "new")
		if fields[0].Text != tc.typed {
			t.Errorf("%s: typing gave %q, want %q", tc.name, fields[0].Text, tc.typed)
		}
		h.typeKey(fyne.KeyEscape)
	}
	// A hidden file's name: the dot that starts it is no extension.
	e := newDialogEntry()
	e.SetText(".htaccess")
	test.NewTempWindow(t, e).Canvas().Focus(e)
	e.selectStem(false)
	if got := e.SelectedText(); got != ".htaccess" {
		t.Errorf(".htaccess: %q selected", got)
	}
}

// TestNewFolderDialogQuietUntilTyped: the New folder dialog does not open
// with "Not a valid name" under its empty field; OK stays disabled until a
// name is typed, and a name with a slash is told at once.
func TestNewFolderDialogQuietUntilTyped(t *testing.T) {
	dir := sameNameTree(t)
	h := newHarness(t, dir)
	p := openSub(t, h, dir)
	p.askMkdir()
	h.runTasks()
	ok := h.overlayButton("Create")
	if ok == nil {
		t.Fatal("no Create button")
	}
	if txt := h.overlayText(); strings.Contains(txt, "Not a valid name") || !ok.Disabled() {
		t.Errorf("empty field: Create disabled %v, text %q", ok.Disabled(), txt)
	}
	field := h.overlayEntries()[0]
	for _, tc := range []struct {
		text    string
		invalid bool
		message bool
	}{{"a/b", true, true}, {"ab", false, false}, {"", true, false}} {
		field.SetText(tc.text)
		h.runTasks()
		if ok.Disabled() != tc.invalid || strings.Contains(h.overlayText(), "Not a valid name") != tc.message {
			t.Errorf("%q: Create disabled %v, text %q", tc.text, ok.Disabled(), h.overlayText())
		}
	}
	h.typeKey(fyne.KeyEscape)
}

// TestDeleteQuestionListsNames: deleting several entries names them (the
// first six, then how many more), folders marked with a slash.
func TestDeleteQuestionListsNames(t *testing.T) {
	dir := t.TempDir()
	var sel []listing.Entry
	for i := range 8 {
		name := fmt.Sprintf("f%d.txt", i)
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		sel = append(sel, listing.Entry{Name: name, Type: listing.TypeFile})
	}
	h := newHarness(t, dir)
	p := h.mw.panes[0]
	p.navigate(dir)
	h.waitFor("listed", func() bool { return p.dir == dir && p.busy.Hidden })
	for _, tc := range []struct {
		sel       []listing.Entry
		want, not []string
	}{
		{sel[:2], []string{"Delete these 2 items?", "• f0.txt\n• f1.txt\n"}, []string{"more"}},
		{sel, []string{"Delete these 8 items?", "• f5.txt\n… and 2 more\n"}, []string{"f6.txt"}},
		{[]listing.Entry{{Name: "sub", Type: listing.TypeDir}, sel[0]}, []string{"• sub/\n• f0.txt"}, nil},
	} {
		p.askDelete(tc.sel)
		h.runTasks()
		txt := h.overlayText()
		for _, w := range tc.want {
			if !strings.Contains(txt, w) {
				t.Errorf("the question lacks %q:\n%s", w, txt)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(txt, w) {
				t.Errorf("the question has %q:\n%s", w, txt)
			}
		}
		h.typeKey(fyne.KeyEscape)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 8 {
		t.Errorf("%d files left after Escape, want 8", len(entries))
	}
}

// TestDialogTakenDownReleasesKeyboard: a dialog that leaves the window's
// overlays without closing itself (taken down with the dialog under it:
// an overlay leaves with those above) no longer keeps the keyboard. It
// did: every key went to it, so Escape closed nothing and the panes took
// no key until the app was restarted.
func TestDialogTakenDownReleasesKeyboard(t *testing.T) {
	dir := sameNameTree(t)
	h := newHarness(t, dir)
	p := openSub(t, h, dir)
	p.askDelete(p.model.selection())
	under := h.win.Canvas().Overlays().Top()
	h.mw.showError("Test", errors.New("over the question"))
	if h.mw.modals.top(h.win) == nil || h.win.Canvas().Overlays().Top() == under {
		t.Fatal("the error did not open over the question")
	}
	// The question's overlay goes, as Fyne takes it down, with the error above it.
	h.win.Canvas().Overlays().Remove(under)
	for _, o := range h.win.Canvas().Overlays().List() {
		h.win.Canvas().Overlays().Remove(o)
	}
	if m := h.mw.modals.top(h.win); m != nil {
		t.Fatal("a dialog no longer shown still owns the keyboard")
	}
	h.typeKey(fyne.KeyBackspace)
	h.waitFor("the parent listed", func() bool { return p.dir == dir && p.busy.Hidden })
	if !exists(filepath.Join(dir, "sub", "same.txt")) {
		t.Fatal("the file was deleted")
	}
}
