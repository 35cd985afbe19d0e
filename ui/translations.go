package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	_ "unsafe" // go:linkname, see fyneSetupLang

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"ferry/assets"
)

// addTranslations loads the window's translations that it can show: the
// English ones (the fallback, and the plural forms of its counts) and
// those of the language Fyne picked from the system's locales, if the
// window has it. Every language parsed stays in the heap (about 1 MiB
// each), and Fyne chooses the language once, at start: the others would
// never be read. Fyne's own translations, loaded before, cover every
// language the window has, so loading fewer of ours does not change the
// language Fyne picks.
func addTranslations() error {
	return loadLanguage(lang.SystemLocale().LanguageString())
}

// loaded are the languages (their base: "fr" for "fr-CA") whose
// translations addTranslations or useLanguage loaded.
var loaded struct {
	sync.Mutex
	langs map[string]bool
}

// loadLanguage loads the window's translations for the language
// want (see addTranslationsFrom) and notes it loaded.
func loadLanguage(want string) error {
	err := addTranslationsFrom(assets.Translations, "translations", want)
	loaded.Lock()
	defer loaded.Unlock()
	if loaded.langs == nil {
		loaded.langs = map[string]bool{}
	}
	loaded.langs[baseLanguage(want)] = true
	return err
}

// baseLanguage returns the language of a tag without its region, in
// lower case: "pt" for "pt-BR".
func baseLanguage(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	base, _, _ = strings.Cut(base, "_")
	return strings.ToLower(base)
}

// useLanguage makes the window's texts, and those of Fyne's own dialogs,
// the language chosen in Settings (a tag such as "fr" or "pt-BR"); ""
// or "system" follows the system's locale. It is called before any text
// of the window is built: texts already made keep their language.
func useLanguage(choice string) error {
	system := choice == "" || strings.EqualFold(choice, "system")
	want := choice
	if system {
		want = lang.SystemLocale().LanguageString()
	}
	loaded.Lock()
	have := loaded.langs[baseLanguage(want)]
	loaded.Unlock()
	var err error
	if !have {
		// Loading a file makes Fyne pick the system's language again.
		err = loadLanguage(want)
	}
	if !system {
		fyneSetupLang(choice)
	}
	return err
}

// fyneSetupLang is Fyne's lang.setupLang: lang looks texts up in the
// language given instead of the one it matched to the system's locales.
// Fyne 2.7 has no exported way to choose the language of an app (its
// issue 5333), and its only other input, the locale it reads from the
// system, cannot be set on Windows and macOS. TestSavedLanguageAtStart
// checks that Fyne's own texts ("Cancel") follow.
//
//go:linkname fyneSetupLang fyne.io/fyne/v2/lang.setupLang
func fyneSetupLang(tag string)

// addTranslationsFrom loads the files of dir named [prefix.]LANG.json
// whose LANG is English or want. When the window has no translation for
// want (German, say, which Fyne has for its own dialogs), the English
// files are loaded a second time as that language's (see asLanguage), so
// that the window's texts, counts included, read in English instead of
// failing one lookup after another ("1 files").
func addTranslationsFrom(fsys fs.FS, dir, want string) error {
	files, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return err
	}
	base := baseLanguage(want)
	has := base == "" || base == "en"
	for _, f := range files {
		if translationWanted(f.Name(), want) && !translationWanted(f.Name(), "en") {
			has = true
		}
	}
	var errs []error
	for _, f := range files {
		if !translationWanted(f.Name(), want) {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, f.Name()))
		if err == nil {
			err = lang.AddTranslations(fyne.NewStaticResource(f.Name(), data))
		}
		if err == nil && !has {
			var name string
			name, data, err = asLanguage(f.Name(), data, base)
			if err == nil {
				err = lang.AddTranslations(fyne.NewStaticResource(name, data))
			}
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// pluralCategories are the plural categories a language may ask for.
var pluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

// asLanguage returns an English file ([prefix.]en.json) as a file of the
// language tag: the same texts, and in each count text every plural form
// that language may ask for (a Polish "few", say) with the English
// "other" where the file has none.
func asLanguage(name string, data []byte, tag string) (string, []byte, error) {
	var texts map[string]any
	if err := json.Unmarshal(data, &texts); err != nil {
		return "", nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, v := range texts {
		forms, ok := v.(map[string]any)
		if !ok {
			continue
		}
		if other, ok := forms["other"]; ok {
			for _, f := range pluralCategories {
				if _, ok := forms[f]; !ok {
					forms[f] = other
				}
			}
		}
	}
	out, err := json.Marshal(texts)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", name, err)
	}
	prefix := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), "en")
	return prefix + tag + ".json", out, nil
}

// translationWanted reports whether a file named [prefix.]LANG.json holds
// English or the language want ("fr", or "fr-CA" for "fr" files).
func translationWanted(name, want string) bool {
	base, ok := strings.CutSuffix(name, ".json")
	if !ok {
		return false
	}
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		base = base[i+1:]
	}
	want, _, _ = strings.Cut(want, "-")
	return strings.EqualFold(base, "en") || strings.EqualFold(base, want)
}
