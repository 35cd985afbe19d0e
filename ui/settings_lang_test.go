package ui

import (
	"encoding/json"
	"strings"
	"testing"

	"ferry/assets"
)

// TestSystemDefaultChoicesTranslatedApart: the Theme and Language
// settings each offer "System default", which French says differently
// for each ("Thème du système", "Langue du système"); the theme's once
// read "Langue du système" because both shared one key.
func TestSystemDefaultChoicesTranslatedApart(t *testing.T) {
	data, err := assets.Translations.ReadFile("translations/sites.fr.json")
	if err != nil {
		t.Fatal(err)
	}
	var fr map[string]any
	if err := json.Unmarshal(data, &fr); err != nil {
		t.Fatal(err)
	}
	theme, _ := fr["settings.theme.system"].(string)
	language, _ := fr["settings.language.system"].(string)
	if theme == "" || language == "" || theme == language {
		t.Fatalf("French theme choice %q, language choice %q", theme, language)
	}
	if !strings.Contains(strings.ToLower(theme), "thème") || !strings.Contains(strings.ToLower(language), "langue") {
		t.Errorf("French theme choice %q, language choice %q: each should name what it follows", theme, language)
	}
	for name, cs := range map[string][]choice[string]{"theme": themeChoices(), "language": languageChoices()} {
		if cs[0].label != "System default" {
			t.Errorf("the %s setting's first choice reads %q in English", name, cs[0].label)
		}
	}
}
