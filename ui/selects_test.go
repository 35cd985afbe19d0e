package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestWholeOptionsShowsEveryOption puts a select of the synchronisation
// dialog's French directions, at its least width, in a row as the dialog
// does, and checks that each option shows uncut: Fyne's select asks only
// for its place-holder's width and cut "De droite à gauche".
func TestWholeOptionsShowsEveryOption(t *testing.T) {
	test.NewTempApp(t)
	options := []string{"De gauche à droite", "De droite à gauche", "Dans les deux sens"}
	s := widget.NewSelect(options, nil)
	s.PlaceHolder = "(Sélectionner)"
	row := container.NewHBox(wholeOptions(s, s), widget.NewCheck("Supprimer", nil))
	w := test.NewWindow(row)
	defer w.Close()
	for _, opt := range options {
		s.SetSelected(opt)
		w.Resize(row.MinSize())
		row.Refresh()
		shown := ""
		walk(s, func(o fyne.CanvasObject) {
			if txt, ok := o.(*canvas.Text); ok && txt.Text != "" {
				shown = txt.Text
			}
		})
		if shown != opt || strings.Contains(shown, "…") {
			t.Errorf("the select %.0f wide shows %q as %q", s.Size().Width, opt, shown)
		}
	}
}
