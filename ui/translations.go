package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

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
	return addTranslationsFrom(assets.Translations, "translations", lang.SystemLocale().LanguageString())
}

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
	base, _, _ := strings.Cut(want, "-")
	base = strings.ToLower(base)
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
