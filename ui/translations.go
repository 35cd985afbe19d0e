package ui

import (
	"errors"
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
// whose LANG is English or want.
func addTranslationsFrom(fsys fs.FS, dir, want string) error {
	files, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return err
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
		errs = append(errs, err)
	}
	return errors.Join(errs...)
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
