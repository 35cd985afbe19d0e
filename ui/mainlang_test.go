package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ferry/assets"
)

// TestMainWindowTranslations checks that every string the main window
// passes to fyne's lang package has an English and a French entry.
func TestMainWindowTranslations(t *testing.T) {
	keys := map[string]bool{}
	re := regexp.MustCompile(`lang\.(?:L|X|XN)\("((?:[^"\\]|\\.)*)"`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		// The site manager, settings and certificate dialogs keep their
		// strings in sites.*.json, the diagnosis card in doctor.*.json, the
		// comparison, synchronisation, search and help windows in tools.*.json.
		if strings.HasSuffix(f, "_test.go") || strings.HasPrefix(f, "sitemanager") ||
			strings.HasPrefix(f, "settings") || strings.HasPrefix(f, "cert") ||
			strings.HasPrefix(f, "doctor") || toolsFile(f) || extrasFile(f) {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
		}
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d strings: is the pattern still right?", len(keys))
	}
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			data, err := assets.Translations.ReadFile("translations/main." + lang + ".json")
			if err != nil {
				t.Fatal(err)
			}
			var table map[string]any
			if err := json.Unmarshal(data, &table); err != nil {
				t.Fatal(err)
			}
			for k := range keys {
				v, ok := table[k]
				if !ok {
					t.Errorf("%q has no %s translation", k, lang)
					continue
				}
				if s, isText := v.(string); isText && strings.TrimSpace(s) == "" {
					t.Errorf("%q has an empty %s translation", k, lang)
				}
			}
		})
	}
}
