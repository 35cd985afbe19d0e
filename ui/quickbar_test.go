package ui

import (
	"encoding/json"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"ferry/assets"
)

// TestPaneChoiceWholeInFrench lays the quick-connect bar out with the
// French pane choices in a window on a 1024-pixel screen: the choice
// must show "À gauche" whole, not "À gau…", and the bar must
// still fit, its buttons inside the window and the host field usable.
func TestPaneChoiceWholeInFrench(t *testing.T) {
	h := newHarnessOnScreen(t, localTree(t), t.TempDir(), fyne.NewSize(1024, 768))
	data, err := assets.Translations.ReadFile("translations/main.fr.json")
	if err != nil {
		t.Fatal(err)
	}
	var fr map[string]any
	if err := json.Unmarshal(data, &fr); err != nil {
		t.Fatal(err)
	}
	q := h.mw.quick
	left, _ := fr["Left pane"].(string)
	right, _ := fr["Right pane"].(string)
	options := []string{left, right}
	if options[0] == "" || options[1] == "" {
		t.Fatal("no French pane names")
	}
	q.side.Options = options
	q.side.SetSelectedIndex(0)
	bar := q.root.(*fyne.Container).Objects[0].(*fyne.Container)
	bar.Layout.Layout(bar.Objects, bar.Size())

	var text float32
	for _, o := range options {
		text = max(text, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	// The Select draws its text inset by a padding on each side of a
	// label that starts a padding in and ends before the icon.
	room := q.side.Size().Width - theme.Size(theme.SizeNameInlineIcon) - theme.Size(theme.SizeNameInnerPadding) - 3*theme.Padding()
	if room < text {
		t.Errorf("the pane choice has %v pixels for a text of %v", room, text)
	}
	// 110 px, about fourteen characters, an address or a short host name
	// whole: what the host field keeps on a 1024-pixel screen.
	if w := q.host.Size().Width; w < 110 {
		t.Errorf("the host field is %v wide", w)
	}
	width := h.win.Canvas().Size().Width
	for _, o := range bar.Objects {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		if pos.X+o.Size().Width > width {
			t.Errorf("%T ends at x=%v, past the window's %v", o, pos.X+o.Size().Width, width)
		}
	}
	if m := h.win.Content().MinSize(); m.Width+2*theme.Padding() > width {
		t.Errorf("the content needs %v wide in a window of %v", m.Width, width)
	}
}
