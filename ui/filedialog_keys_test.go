package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
)

// TestFileDialogControlsTakeEscape: in Fyne's file dialogs, Escape did
// nothing once Tab or a click gave the focus to one of Fyne's controls
// (Cancel, Save, the new folder, view and options buttons, the places,
// the path's buttons, the files). Now Escape closes Save log from each
// control Tab reaches and after a click in the files or the places, and
// nothing is written; Enter presses a focused button, and in the files
// opens the folder or picks the file under the keyboard cursor, which
// the arrow keys move. Import, an open dialog, closes from every control
// too.
func TestFileDialogControlsTakeEscape(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.log")
	if err := os.WriteFile(old, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, dir)
	h.mw.log.add(ftpcore.TranscriptLine{Time: time.Now(), Dir: ftpcore.DirError, Text: "a line to keep"})
	c := h.win.Canvas()
	untouched := func(from string) {
		t.Helper()
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if !slices.Equal(names, []string{"old.log", "sub"}) {
			t.Fatalf("after Escape with %s focused, the folder holds %v", from, names)
		}
		if b, _ := os.ReadFile(old); string(b) != "keep me" {
			t.Fatalf("after Escape with %s focused, old.log holds %q", from, b)
		}
		if h.mw.modals.top(h.win) != nil {
			t.Fatalf("after Escape with %s focused, the key owner still knows a dialog", from)
		}
	}
	var reached []string
	checkEscapeEverywhere(t, h.win, "Save log", h.mw.log.save, h.runTasks, func(from string) {
		untouched(from)
		reached = append(reached, from)
	})
	for _, want := range []string{"*ui.dialogEntry", "*ui.fileDialogButton", "*ui.fileDialogList", "*ui.fileDialogGrid"} {
		if !slices.Contains(reached, want) {
			t.Errorf("Tab never reached a %s in Save log; it reached %v", want, reached)
		}
	}

	open := func() fyne.CanvasObject {
		t.Helper()
		h.mw.log.save()
		h.runTasks()
		return overlay(t, h.win)
	}
	escape := func(from string) {
		t.Helper()
		escapeFrom(h.win)
		h.runTasks()
		if top := c.Overlays().Top(); top != nil {
			t.Fatalf("Escape %s left %q open", from, textIn(top))
		}
		untouched(from)
	}

	// A click on a file puts its name in the field; Escape still closes.
	d := open()
	test.Tap(fileDialogItem(t, d, "old"))
	if f, ok := c.Focused().(*dialogEntry); ok && f.Text != "old.log" {
		t.Fatalf("a click on old.log left %q in the name field", f.Text)
	}
	escape("after a click on a file")

	// A click on a place focuses the places; Escape closes.
	d = open()
	places := findAll[*fileDialogList](d)
	if len(places) == 0 {
		t.Fatal("no list of places in Save log")
	}
	var place fyne.Tappable
	for _, o := range objectsIn(places[0]) {
		if tp, ok := o.(fyne.Tappable); ok && fmt.Sprintf("%T", o) == "*widget.listItem" {
			place = tp
			break
		}
	}
	if place == nil {
		t.Fatal("no place to click in Save log")
	}
	test.Tap(place)
	if c.Focused() != fyne.Focusable(places[0]) {
		t.Fatalf("a click on a place gave the focus to %T, not the places: this checks nothing", c.Focused())
	}
	escape("after a click on a place")

	// The options button opens its menu under itself; a click on its
	// tick box focuses it, and Escape closes the menu alone.
	d = open()
	var options *fileDialogButton
	for _, b := range findAll[*fileDialogButton](d) {
		if b.Icon != nil && b.Icon.Name() == theme.SettingsIcon().Name() {
			options = b
		}
	}
	if options == nil {
		t.Fatal("no options button in Save log")
	}
	test.Tap(options)
	menu, ok := c.Overlays().Top().(*widget.PopUp)
	if !ok || menu == d {
		t.Fatalf("the options button opened no menu: %T on top", c.Overlays().Top())
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(options)
	if got := menu.Content.Position(); got.Y < at.Y+options.Size().Height || got.X > at.X+options.Size().Width {
		t.Errorf("the options menu stands at %v, not under its button at %v (%v)", got, at, options.Size())
	}
	checks := findAll[*fileDialogCheck](menu)
	if len(checks) != 1 {
		t.Fatalf("%d tick boxes in the options menu", len(checks))
	}
	clickFocuses(t, c, checks[0])
	escapeFrom(h.win)
	h.runTasks()
	if c.Overlays().Top() != d {
		t.Fatal("Escape on the options menu's tick box did not leave Save log alone open")
	}
	escape("after the options menu")

	// Enter on the focused Save button saves.
	d = open()
	typeInto(h.win, c.Focused().(*dialogEntry), "enter.log")
	c.Focus(fileDialogButtonIn(t, d, "Save"))
	h.typeKey(fyne.KeyReturn)
	saved := filepath.Join(dir, "enter.log")
	h.waitFor("the log saved", func() bool {
		b, err := os.ReadFile(saved)
		return err == nil && strings.Contains(string(b), "a line to keep")
	})
	if c.Overlays().Top() != nil {
		t.Fatal("Save log stayed open after Enter on Save")
	}
	if err := os.Remove(saved); err != nil {
		t.Fatal(err)
	}

	// In the files, the arrows move the keyboard cursor: the parent
	// folder, old.log, sub. Enter on old.log picks it and presses Save:
	// Fyne asks "Overwrite?", which Escape closes alone.
	d = open()
	grid := findAll[*fileDialogGrid](d)
	if len(grid) != 1 {
		t.Fatalf("%d grids of files in Save log", len(grid))
	}
	c.Focus(grid[0])
	h.typeKey(fyne.KeyRight)
	h.typeKey(fyne.KeyReturn)
	if top := c.Overlays().Top(); top == d || !strings.Contains(textIn(top), "overwrite") {
		t.Fatalf("Enter on old.log asked nothing: %q", textIn(top))
	}
	escapeFrom(h.win)
	h.runTasks()
	if c.Overlays().Top() != d {
		t.Fatal("Escape on the Overwrite question did not leave Save log open under it")
	}
	escape("on the files after the Overwrite question")

	// Enter on sub opens it; the files keep the focus and Escape closes.
	d = open()
	c.Focus(findAll[*fileDialogGrid](d)[0])
	h.typeKey(fyne.KeyRight)
	h.typeKey(fyne.KeyRight)
	h.typeKey(fyne.KeyReturn)
	if c.Overlays().Top() != d {
		t.Fatal("Enter on the folder sub closed Save log")
	}
	if path := findAll[*fileDialogButton](d); !slices.ContainsFunc(path, func(b *fileDialogButton) bool { return b.Text == "sub" }) {
		t.Fatal("Enter on the folder sub did not open it")
	}
	if _, ok := c.Focused().(*fileDialogGrid); !ok {
		t.Fatalf("after a folder opened, %T has the focus", c.Focused())
	}
	escape("on the files of sub")

	// Import, an open dialog: Escape from every control reads nothing.
	env := newTestEnv(t)
	sm := env.sm
	before := len(env.store.Sites())
	checkEscapeEverywhere(t, sm.win, "Import", func() { test.Tap(sm.importBtn) }, func() { env.settle(t) }, func(from string) {
		if !slices.Contains(env.app.Driver().AllWindows(), sm.win) {
			t.Fatalf("Escape on the Import dialog with %s focused closed the Site Manager", from)
		}
		if n := len(env.store.Sites()); n != before {
			t.Fatalf("Escape on the Import dialog with %s focused imported %d sites", from, n-before)
		}
	})
}

// fileDialogItem returns the file or folder called name (without its
// extension, as the grid shows it) in the file dialog d.
func fileDialogItem(t *testing.T, d fyne.CanvasObject, name string) fyne.Tappable {
	t.Helper()
	for _, o := range objectsIn(d) {
		if tp, ok := o.(fyne.Tappable); ok && fmt.Sprintf("%T", o) == "*dialog.fileDialogItem" && slices.Contains(strings.Split(textIn(o), "\n"), name) {
			return tp
		}
	}
	t.Fatalf("no file %q in %q", name, textIn(d))
	return nil
}

// fileDialogButtonIn returns the button of the file dialog d that says
// text.
func fileDialogButtonIn(t *testing.T, d fyne.CanvasObject, text string) *fileDialogButton {
	t.Helper()
	for _, b := range findAll[*fileDialogButton](d) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q in %q", text, textIn(d))
	return nil
}
