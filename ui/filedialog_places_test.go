package ui

import (
	"slices"
	"testing"

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
