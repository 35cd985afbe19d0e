package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"ferry/assets"
)

// extrasPrefixes are the files of the queue's clock, the connection
// history, the site drop-down, bookmarks and the README link, whose
// strings live in extras.*.json.
var extrasPrefixes = []string{"queuetimes", "history", "sitesmenu", "bookmark", "readme"}

// extrasFile reports whether a source file keeps its strings in
// extras.*.json.
func extrasFile(name string) bool {
	for _, p := range extrasPrefixes {
		if strings.HasPrefix(name, p) && !strings.HasSuffix(name, "_test.go") {
			return true
		}
	}
	return false
}

// TestExtrasTranslations checks that every string of those files has an
// English and a French entry with the same placeholders, that neither
// table holds strays, and that no key says otherwise in another table.
func TestExtrasTranslations(t *testing.T) {
	keys := map[string]bool{}
	re := regexp.MustCompile(`lang\.(?:L|X|XN)\("((?:[^"\\]|\\.)*)"(?:,\s*"((?:[^"\\]|\\.)*)")?`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	english := map[string]string{}
	for _, f := range files {
		if !extrasFile(f) {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
			if m[2] != "" {
				english[m[1]] = m[2]
			}
		}
	}
	if len(keys) < 4 {
		t.Fatalf("found only %d strings: is the pattern still right?", len(keys))
	}
	for _, lng := range []string{"en", "fr"} {
		t.Run(lng, func(t *testing.T) {
			table := loadTranslations(t, "extras."+lng+".json")
			for k := range keys {
				v, ok := table[k]
				want := k
				if e, isX := english[k]; isX {
					want = e
				}
				switch {
				case !ok:
					t.Errorf("%q has no %s translation", k, lng)
				case strings.TrimSpace(v) == "":
					t.Errorf("%q has an empty %s translation", k, lng)
				case !slices.Equal(placeholders(v), placeholders(want)):
					t.Errorf("%q: %s placeholders %v, want %v", k, lng, placeholders(v), placeholders(want))
				}
			}
			for k := range table {
				if !keys[k] {
					t.Errorf("%s table holds %q, which no file uses", lng, k)
				}
			}
			for _, area := range []string{"main", "sites", "doctor", "tools"} {
				other := map[string]any{}
				data, err := assets.Translations.ReadFile("translations/" + area + "." + lng + ".json")
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(data, &other); err != nil {
					t.Fatal(err)
				}
				for k, v := range table {
					if ov, ok := other[k]; ok && fmt.Sprint(ov) != v {
						t.Errorf("%q is %q in %s.%s.json but %q in extras", k, ov, area, lng, v)
					}
				}
			}
		})
	}
}
