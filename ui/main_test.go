package ui

import (
	"fmt"
	"os"
	"testing"

	_ "ferry/ui/quietlocale" // as the app does: Fyne reads the locale before TestMain
)

// TestMain loads the window's translations before any test, as Run does
// before it builds the window, in English whatever this machine's locale:
// the headless windows then show what users see ("1 file", not "1
// files"), and lang has the plural forms it looks up. Without them it
// logs "message has no plural form" for every count of one.
func TestMain(m *testing.M) {
	if err := os.Setenv("LC_ALL", "en_US.UTF-8"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := addTranslations(); err != nil {
		fmt.Fprintln(os.Stderr, "translations:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// inLanguage makes the window's text that of locale ("fr_FR") until the
// test ends, as a start on a system in that locale would, then English
// again.
func inLanguage(t *testing.T, locale string) {
	t.Helper()
	// Registered before t.Setenv's own cleanup, so it runs after the
	// environment is restored.
	t.Cleanup(func() {
		if err := addTranslations(); err != nil {
			t.Error(err)
		}
	})
	t.Setenv("LC_ALL", locale+".UTF-8")
	if err := addTranslations(); err != nil {
		t.Fatal(err)
	}
}
