package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/profile"
)

// oneOfEach returns a folder holding one file and one folder: its pane's
// status line starts "1 file and 1 folder. " in English, "1 fichier et
// 1 dossier. " in French.
func oneOfEach(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// saveLanguage writes settings.json in cfgDir with the language tag.
func saveLanguage(t *testing.T, cfgDir, tag string) {
	t.Helper()
	s := profile.DefaultSettings()
	s.Language = tag
	if err := profile.NewSettingsStore(cfgDir).Save(s); err != nil {
		t.Fatal(err)
	}
}

// systemLanguageAfter makes the texts follow the system's locale again
// when the test ends, as they did before it chose a language.
func systemLanguageAfter(t *testing.T) {
	t.Cleanup(func() {
		if err := addTranslations(); err != nil {
			t.Error(err)
		}
	})
}

// checkWindowLanguage fails unless the window's texts, its own and those
// of Fyne's dialogs, are French (fr) or English.
func checkWindowLanguage(t *testing.T, h *harness, fr bool) {
	t.Helper()
	status, cancel := "1 file and 1 folder. ", "Cancel"
	if fr {
		status, cancel = "1 fichier et 1 dossier. ", "Annuler"
	}
	if got := h.mw.panes[0].status.Text; !strings.HasPrefix(got, status) {
		t.Errorf("pane status %q, want it to start with %q", got, status)
	}
	if got := lang.L("Cancel"); got != cancel {
		t.Errorf("Fyne's Cancel reads %q, want %q", got, cancel)
	}
}

// TestSavedLanguageAtStart: Français chosen in Settings ▸ Interface and
// saved leaves the open window as it is ("applies the next time Ferry
// starts"); the next start is in French on an English system, Fyne's own
// dialogs included. English saved on a French system starts in English;
// System default follows the system.
func TestSavedLanguageAtStart(t *testing.T) {
	t.Run("French chosen in Settings", func(t *testing.T) {
		systemLanguageAfter(t)
		dir, cfg := oneOfEach(t), t.TempDir()
		h := newHarnessWithConfig(t, dir, cfg)
		checkWindowLanguage(t, h, false)
		h.mw.openSettings()
		h.themeSelect() // opens the Interface tab
		var language *dialogSelect
		for _, s := range findAll[*dialogSelect](h.win.Canvas().Overlays().Top()) {
			if slices.Contains(s.Options, "Français") {
				language = s
			}
		}
		if language == nil {
			t.Fatal("no Language choice in the settings dialog")
		}
		language.SetSelected("Français")
		test.Tap(h.overlayButton("Save"))
		h.waitFor("the settings saved", func() bool { return len(h.win.Canvas().Overlays().List()) == 0 })
		if got := h.mw.currentSettings().Language; got != "fr" {
			t.Fatalf("saved language %q, want fr", got)
		}
		checkWindowLanguage(t, h, false)
		h = h.restart(dir, cfg)
		checkWindowLanguage(t, h, true)
	})
	t.Run("English on a French system", func(t *testing.T) {
		inLanguage(t, "fr_FR") // English again after it
		cfg := t.TempDir()
		saveLanguage(t, cfg, "en")
		checkWindowLanguage(t, newHarnessWithConfig(t, oneOfEach(t), cfg), false)
	})
	for _, tag := range []string{"", "system"} {
		t.Run("system default "+tag, func(t *testing.T) {
			inLanguage(t, "fr_FR")
			cfg := t.TempDir()
			// As written by hand: the dialog saves System default as "".
			doc := `{"version": 1, "language": "` + tag + `"}`
			if err := os.WriteFile(filepath.Join(cfg, profile.SettingsFileName), []byte(doc), 0o600); err != nil {
				t.Fatal(err)
			}
			checkWindowLanguage(t, newHarnessWithConfig(t, oneOfEach(t), cfg), true)
		})
	}
}
