package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// themeSelect finds the theme choice of the open settings dialog.
func (h *harness) themeSelect() *widget.Select {
	h.t.Helper()
	var found *widget.Select
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) { // open the Interface tab
			if tabs, ok := o.(*container.AppTabs); ok && len(tabs.Items) == 4 {
				tabs.SelectIndex(3)
			}
		})
		walk(o, func(o fyne.CanvasObject) {
			if s, ok := o.(*dialogSelect); ok && slices.Contains(s.Options, "Dark") {
				found = &s.Select
			}
		})
	}
	if found == nil {
		h.t.Fatal("the settings dialog has no theme choice")
	}
	return found
}

// isDark reports whether the app's theme draws a dark background.
func isDark(a fyne.App) bool {
	bg := a.Settings().Theme().Color(theme.ColorNameBackground, a.Settings().ThemeVariant())
	return luminance(bg) < 0.2
}

// TestThemeChoiceEndToEnd picks each theme in Settings through the window
// and checks that the app draws with it at once and that the next start
// finds it.
func TestThemeChoiceEndToEnd(t *testing.T) {
	cfg := t.TempDir()
	h := newHarnessWithConfig(t, localTree(t), cfg)
	for _, tc := range []struct {
		label string
		dark  bool
		saved string
	}{{"Dark", true, profile.ThemeDark}, {"Light", false, profile.ThemeLight}, {"Dark", true, profile.ThemeDark}} {
		h.mw.openSettings()
		h.themeSelect().SetSelected(tc.label)
		test.Tap(h.overlayButton("Save"))
		h.waitFor("the settings saved", func() bool { return h.mw.settings.Settings().Theme == tc.saved })
		h.waitFor("the dialog closed", func() bool { return len(h.win.Canvas().Overlays().List()) == 0 })
		if isDark(h.app) != tc.dark {
			t.Errorf("after choosing %s the background is dark: %v", tc.label, isDark(h.app))
		}
		if got := h.mw.settings.Settings().Theme; got != tc.saved {
			t.Errorf("saved theme %q, want %q", got, tc.saved)
		}
		// The log's lines take their colours from the theme in use.
		row := newLogRow()
		row.set(testLine())
		if c := contrast(row.when.Color, h.app.Settings().Theme().Color(theme.ColorNameBackground, 0)); c < 4.5 {
			t.Errorf("%s theme: log times at %.2f:1", tc.label, c)
		}
	}
	// A new start of the app finds the last choice.
	h2 := newHarnessWithConfig(t, localTree(t), cfg)
	if !isDark(h2.app) {
		t.Error("the saved dark theme was not applied at start-up")
	}
}

func testLine() ftpcore.TranscriptLine {
	return ftpcore.TranscriptLine{Dir: ftpcore.DirReply, Text: "226 Transfer complete"}
}
