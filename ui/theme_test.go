package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// TestThemeContrast computes, in both variants, the contrast of every
// colour the window draws text in against every background it is drawn
// on, and of each filled button's text against its fill: all must reach
// WCAG AA's 4.5:1.
func TestThemeContrast(t *testing.T) {
	test.NewTempApp(t)
	for _, choice := range []string{profile.ThemeLight, profile.ThemeDark} {
		th := newFerryTheme(choice)
		t.Run(choice, func(t *testing.T) {
			// The variant passed in is ignored for a fixed choice.
			bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
			for text, bgs := range textOn {
				fg := th.Color(text, theme.VariantLight)
				for _, b := range bgs {
					if c := contrast(fg, over(th.Color(b, theme.VariantLight), bg)); c < 4.5 {
						t.Errorf("%s on %s: %.2f:1", text, b, c)
					}
				}
			}
			// The outline of an unticked box or an entry: 3:1.
			for edge, bgs := range edgeOn {
				fg := th.Color(edge, theme.VariantLight)
				for _, b := range bgs {
					if c := contrast(fg, over(th.Color(b, theme.VariantLight), bg)); c < 3 {
						t.Errorf("%s on %s: %.2f:1", edge, b, c)
					}
				}
			}
			for on, fill := range onColours {
				if c := contrast(over(th.Color(on, 0), bg), over(th.Color(fill, 0), bg)); c < 4.5 {
					t.Errorf("%s on %s: %.2f:1", on, fill, c)
				}
			}
			// The log draws each kind of line in a colour of the theme.
			for _, d := range []ftpcore.Direction{ftpcore.DirCommand, ftpcore.DirReply, ftpcore.DirError, ftpcore.DirInfo} {
				fyne.CurrentApp().Settings().SetTheme(th)
				if c := contrast(lineColor(d), bg); c < 4.5 {
					t.Errorf("log lines of kind %v: %.2f:1", d, c)
				}
			}
		})
	}
	// The default theme fails, which is why Ferry has its own: if it ever
	// passes, this test no longer checks anything Ferry does.
	base := theme.DefaultTheme()
	light := base.Color(theme.ColorNameBackground, theme.VariantLight)
	if c := contrast(base.Color(theme.ColorNameSuccess, theme.VariantLight), light); c >= 4.5 {
		t.Errorf("Fyne's own success colour now reads at %.2f:1 on white", c)
	}
}
