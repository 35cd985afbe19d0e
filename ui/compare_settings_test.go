package ui

import (
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/container"

	"ferry/ftpcore/compare"
	"ferry/ftpcore/profile"
)

// TestCompareTolerance compares a local file with its copy on a server
// whose time is 30 seconds older: "newer here" with no tolerance (as
// settings.json says at start); "identical" once the Settings dialog
// chooses a tolerance of 1 minute, at once in the open comparison. The
// mode chosen in the View menu and the tolerance are read back at the
// next start.
func TestCompareTolerance(t *testing.T) {
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	local, cfgDir := t.TempDir(), t.TempDir()
	p := filepath.Join(local, "clock.txt")
	if err := os.WriteFile(p, []byte("tick"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, when.Add(30*time.Second), when.Add(30*time.Second)); err != nil {
		t.Fatal(err)
	}
	srv := newServer(t)
	if err := srv.FS().WriteFile("/clock.txt", []byte("tock"), when); err != nil {
		t.Fatal(err)
	}
	store, err := profile.OpenSettingsStore(cfgDir)
	if err != nil {
		t.Fatal(err)
	}
	s := store.Settings()
	s.CompareTolerance = 0
	if err := store.Save(s); err != nil {
		t.Fatal(err)
	}

	h := newHarnessWithConfig(t, local, cfgDir)
	h.connect(srv, "ferry", "s3cret", 1)
	left := h.mw.panes[0]
	th, v := h.app.Settings().Theme(), h.app.Settings().ThemeVariant()
	tint := func(h *harness) color.Color {
		t.Helper()
		p := h.mw.panes[0]
		return h.cellAt(p, p.model.rowOf("clock.txt"), colSize).bg.FillColor
	}
	h.menuAction("View", "Directory comparison").Action()
	if got, want := tint(h), compareTint(compare.NewerHere, th, v); got != want {
		t.Fatalf("with no tolerance, clock.txt is tinted %v, want %v (newer here)", got, want)
	}

	h.mw.openSettings()
	for _, tabs := range findAll[*container.AppTabs](h.win.Canvas().Overlays().Top()) {
		for i, it := range tabs.Items {
			if it.Text == "Interface" {
				tabs.SelectIndex(i)
			}
		}
	}
	var tolerance *dialogSelect
	for _, s := range findAll[*dialogSelect](h.win.Canvas().Overlays().Top()) {
		if slices.Contains(s.Options, "1 minute") {
			tolerance = s
		}
	}
	if tolerance == nil {
		t.Fatalf("the settings have no tolerance:\n%s", h.overlayText())
	}
	if tolerance.Selected != "None" {
		t.Errorf("the dialog shows the tolerance %q, want None", tolerance.Selected)
	}
	tolerance.SetSelected("1 minute")
	h.typeKey("Return")
	h.waitFor("the settings saved", func() bool { return len(h.win.Canvas().Overlays().List()) == 0 })
	if got := tint(h); got != color.Color(color.Transparent) {
		t.Errorf("with a tolerance of 1 minute, clock.txt is tinted %v, want none (identical)", got)
	}
	if s, ok := left.model.compareState(left.model.rowOf("clock.txt")); !ok || s != compare.Identical {
		t.Errorf("clock.txt is %v, want identical", s)
	}
	data, _ := os.ReadFile(filepath.Join(cfgDir, profile.SettingsFileName))
	if !strings.Contains(string(data), `"compareTolerance": "1m0s"`) {
		t.Errorf("settings.json:\n%s", data)
	}

	h.menuAction("View", "Compare file sizes only").Action()
	h.waitFor("the mode saved", func() bool { return h.mw.currentSettings().CompareMode == compare.BySize })

	// The next start reads both.
	h2 := newHarnessWithConfig(t, local, cfgDir)
	if !h2.menuAction("View", "Compare file sizes only").Checked || h2.menuAction("View", "Compare sizes and modification times").Checked {
		t.Error("the next start does not compare by size alone")
	}
	h2.connect(srv, "ferry", "s3cret", 1)
	h2.menuAction("View", "Directory comparison").Action()
	h2.menuAction("View", "Compare sizes and modification times").Action()
	if got := tint(h2); got != color.Color(color.Transparent) {
		t.Errorf("at the next start, clock.txt is tinted %v, want none (1 minute's tolerance)", got)
	}
}
