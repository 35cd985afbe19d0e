package ui

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestFileDialogPlacesInFrench: the places on the left of the file
// choosers (Home, Computer, the user's folders) were in English in the
// French window, Fyne naming them in English whatever the language. A
// French start shows them in French.
func TestFileDialogPlacesInFrench(t *testing.T) {
	systemLanguageAfter(t)
	cfg := t.TempDir()
	saveLanguage(t, cfg, "fr")
	h := newHarnessWithConfig(t, oneOfEach(t), cfg)
	h.mw.log.save()
	h.runTasks()
	var places *fileDialogList
	for _, l := range findAll[*fileDialogList](overlay(t, h.win)) {
		if !l.files {
			places = l
		}
	}
	if places == nil {
		t.Fatal("no places in Save log")
	}
	var shown []string
	for _, l := range findAll[*widget.Label](places) {
		shown = append(shown, l.Text)
	}
	for _, want := range []string{"Accueil", "Ordinateur"} {
		if !slices.Contains(shown, want) {
			t.Errorf("the places read %q, want %q among them", shown, want)
		}
	}
	for _, english := range []string{"Home", "Computer", "Desktop", "Downloads", "Pictures"} {
		if slices.Contains(shown, english) {
			t.Errorf("the places read %q: %q is English", shown, english)
		}
	}
}

// TestFileDialogNewFolderKeys: the New Folder form of a file chooser
// kept Escape in its name field once clicked, and Enter there created
// nothing. Now the field has the keyboard from the start: Escape closes
// the form alone, nothing created; Enter creates the folder; the file
// chooser stays open both times.
func TestFileDialogNewFolderKeys(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, dir)
	c := h.win.Canvas()
	h.mw.log.save()
	h.runTasks()
	d := overlay(t, h.win)
	var newFolder *fileDialogButton
	for _, b := range findAll[*fileDialogButton](d) {
		if b.Icon != nil && b.Icon.Name() == theme.FolderNewIcon().Name() {
			newFolder = b
		}
	}
	if newFolder == nil {
		t.Fatal("no new folder button in Save log")
	}
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		test.Tap(newFolder)
		h.runTasks()
		field, ok := c.Focused().(*dialogEntry)
		if !ok || c.Overlays().Top() == d {
			t.Fatalf("New Folder opened with %T focused and %T on top", c.Focused(), c.Overlays().Top())
		}
		test.Type(field, "fresh")
		field.TypedKey(&fyne.KeyEvent{Name: key})
		h.runTasks()
		if c.Overlays().Top() != d {
			t.Fatalf("after %s in New Folder, %T is on top, not the file chooser", key, c.Overlays().Top())
		}
		_, err := os.Stat(filepath.Join(dir, "fresh"))
		switch {
		case key == fyne.KeyEscape && err == nil:
			t.Fatal("Escape in New Folder created the folder")
		case key == fyne.KeyReturn && err != nil:
			t.Fatalf("Enter in New Folder created no folder: %v", err)
		}
	}
}
