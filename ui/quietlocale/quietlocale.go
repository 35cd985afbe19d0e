// Package quietlocale makes a locale that names no language ("C" or
// "POSIX", as set in containers and minimal systems) read as English
// before Fyne looks at it: Fyne cannot parse such a locale and logs an
// error on every lookup, while the app would use English anyway. It
// changes only the environment variables that hold such a value.
//
// Fyne reads the locale once while its packages are initialised, before
// main runs, so the change is made in this package's init: the desktop
// app imports it for that alone. Go initialises packages in the order of
// their import paths among those whose imports are ready, and this one
// imports nothing of Fyne's, so "ferry/ui/quietlocale" comes before
// "fyne.io/fyne/v2/lang" (cmd/ferry's TestMainQuietWithoutDisplay checks
// that no such error is logged).
package quietlocale

import (
	"os"
	"strings"

	"golang.org/x/text/language"
)

func init() {
	for name, value := range localeFixes(os.Getenv) {
		_ = os.Setenv(name, value)
	}
}

// localeFixes returns the locale variables to change and their new value.
func localeFixes(getenv func(string) string) map[string]string {
	fixes := map[string]string{}
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		var keep []string
		for _, part := range strings.Split(v, ":") {
			if readableLocale(part) {
				keep = append(keep, part)
			}
		}
		switch {
		case len(keep) == len(strings.Split(v, ":")):
		case name == "LANGUAGE" && len(keep) > 0:
			fixes[name] = strings.Join(keep, ":")
		default:
			fixes[name] = "en_US.UTF-8"
		}
	}
	return fixes
}

// readableLocale reports whether a locale such as "fr_FR.UTF-8@euro"
// names a language Fyne can parse.
func readableLocale(s string) bool {
	s, _, _ = strings.Cut(s, ".")
	s, _, _ = strings.Cut(s, "@")
	if s == "" || s == "C" || s == "POSIX" {
		return false
	}
	_, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	return err == nil
}
