package ui

import (
	"testing"
	"testing/fstest"
)

func TestTranslationWanted(t *testing.T) {
	for _, c := range []struct {
		name, want string
		ok         bool
	}{
		{"main.en.json", "de", true},
		{"main.fr.json", "fr", true},
		{"main.fr.json", "fr-CA", true},
		{"main.fr.json", "en", false},
		{"main.fr.json", "de", false},
		{"fr.json", "fr", true},
		{"main.fr.txt", "fr", false},
		{"main.french.json", "fr", false},
	} {
		if got := translationWanted(c.name, c.want); got != c.ok {
			t.Errorf("translationWanted(%q, %q) = %v, want %v", c.name, c.want, got, c.ok)
		}
	}
}

// TestTranslationsLoadedForTheLanguage loads files that do not parse, so
// that an error shows which files were read (and nothing joins the app's
// translations): English always, another language only when it is the
// one asked for.
func TestTranslationsLoadedForTheLanguage(t *testing.T) {
	fsys := fstest.MapFS{
		"tr/main.de.json": {Data: []byte("{")},
	}
	if err := addTranslationsFrom(fsys, "tr", "fr"); err != nil {
		t.Errorf("French asked for, the German file was read: %v", err)
	}
	if err := addTranslationsFrom(fsys, "tr", "de"); err == nil {
		t.Error("German asked for, the German file was not read")
	}
	fsys["tr/main.en.json"] = &fstest.MapFile{Data: []byte("{")}
	if err := addTranslationsFrom(fsys, "tr", "it"); err == nil {
		t.Error("the English file was not read")
	}
}
