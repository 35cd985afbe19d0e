package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ferry/assets"
)

// toolsPrefixes are the files of the comparison, synchronisation, search
// and help windows, whose strings live in tools.*.json.
var toolsPrefixes = []string{"compare", "sync", "search", "about", "rawcommand", "linked"}

// toolsFile reports whether a source file keeps its strings in
// tools.*.json.
func toolsFile(name string) bool {
	for _, p := range toolsPrefixes {
		if strings.HasPrefix(name, p) && !strings.HasSuffix(name, "_test.go") {
			return true
		}
	}
	return false
}

// TestToolsTranslations checks that every string of those files has an
// English and a French entry, and that neither table holds strays.
func TestToolsTranslations(t *testing.T) {
	keys := map[string]bool{}
	re := regexp.MustCompile(`lang\.(?:L|X|XN)\("((?:[^"\\]|\\.)*)"`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !toolsFile(f) {
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
	if len(keys) < 4 {
		t.Fatalf("found only %d strings: is the pattern still right?", len(keys))
	}
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			data, err := assets.Translations.ReadFile("translations/tools." + lang + ".json")
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
			for k := range table {
				if !keys[k] {
					t.Errorf("%s table holds %q, which no file uses", lang, k)
				}
			}
			// fyne's lang merges every file of a language: a key shared
			// with another table must say the same, or one would win.
			for _, area := range []string{"main", "sites", "doctor"} {
				data, err := assets.Translations.ReadFile("translations/" + area + "." + lang + ".json")
				if err != nil {
					t.Fatal(err)
				}
				var other map[string]any
				if err := json.Unmarshal(data, &other); err != nil {
					t.Fatal(err)
				}
				for k, v := range table {
					if ov, ok := other[k]; ok && fmt.Sprint(ov) != fmt.Sprint(v) {
						t.Errorf("%q is %q in %s.%s.json but %q in tools", k, ov, area, lang, v)
					}
				}
			}
		})
	}
}
