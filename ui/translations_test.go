package ui

import (
	"encoding/json"
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

// TestEnglishAsMissingLanguage checks the English texts given to a
// language the window has no translation for: same texts, every plural
// form filled from "other", named for that language.
func TestEnglishAsMissingLanguage(t *testing.T) {
	in := []byte(`{"Open": "Open", "pane.files": {"one": "{{.Count}} file", "other": "{{.Count}} files"}}`)
	name, out, err := asLanguage("main.en.json", in, "pl")
	if err != nil {
		t.Fatal(err)
	}
	if name != "main.pl.json" {
		t.Errorf("named %q, want main.pl.json", name)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if got["Open"] != "Open" {
		t.Errorf("plain text %v", got["Open"])
	}
	forms, _ := got["pane.files"].(map[string]any)
	for _, f := range pluralCategories {
		want := "{{.Count}} files"
		if f == "one" {
			want = "{{.Count}} file"
		}
		if forms[f] != want {
			t.Errorf("plural form %q = %v, want %q", f, forms[f], want)
		}
	}
	if name, _, err := asLanguage("en.json", in, "de"); err != nil || name != "de.json" {
		t.Errorf("en.json as German: %q, %v", name, err)
	}
	if _, _, err := asLanguage("main.en.json", []byte("{"), "de"); err == nil {
		t.Error("a broken file gave no error")
	}
	fsys := fstest.MapFS{"tr/main.en.json": {Data: in}, "tr/main.fr.json": {Data: []byte("{")}}
	if err := addTranslationsFrom(fsys, "tr", "pl"); err != nil {
		t.Errorf("English loaded for Polish: %v", err)
	}
}
