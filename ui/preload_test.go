package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"ferry/assets"
)

// TestPreloadFonts runs the preload beside what main does meanwhile
// (reading the translations), as the app starts; under -race this checks
// that the two share nothing unguarded. Once the channel is closed, every
// style the first frame uses measures as real text.
func TestPreloadFonts(t *testing.T) {
	test.NewTempApp(t)
	fonts := PreloadFonts()
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	<-fonts
	for _, s := range firstFrameStyles {
		if size := fyne.MeasureText("Mg", theme.TextSize(), s); size.Width <= 0 || size.Height <= 0 {
			t.Errorf("style %+v measures %v", s, size)
		}
	}
	// The window waits for the channel: a closed one lets it open.
	h := newHarnessWithOptions(t, windowOptions{ConfigDir: t.TempDir(), LocalDir: t.TempDir(), Fonts: fonts})
	if h.mw.panes[0].dir == "" {
		t.Fatal("the window did not open after the preload")
	}
}
