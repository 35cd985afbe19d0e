package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore/profile"
)

// minContrast is the contrast every text colour keeps against the
// backgrounds it is drawn on: WCAG 2's level AA for body text is 4.5:1,
// with a little room for rounding to 8-bit channels.
const minContrast = 4.6

// minEdgeContrast is the contrast the outline of a control keeps: WCAG
// 2's 3:1 for the parts of a control one must see to use it (an unticked
// box drawn at 1.3:1 on the light theme could not be found).
const minEdgeContrast = 3.1

// edgeOn lists, for each colour that outlines a control, the
// backgrounds it is drawn on.
var edgeOn = map[fyne.ThemeColorName][]fyne.ThemeColorName{
	theme.ColorNameInputBorder: {theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground},
}

// textOn lists, for each colour text is drawn in, the backgrounds it is
// drawn on. Fyne draws the log's times and tags, entries' place-holders
// and labels of every importance in these; text on a coloured button uses
// the "on" colours.
var textOn = map[fyne.ThemeColorName][]fyne.ThemeColorName{
	theme.ColorNameForeground: {theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground,
		theme.ColorNameMenuBackground, theme.ColorNameHeaderBackground, theme.ColorNameSelection},
	theme.ColorNamePlaceHolder: {theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground},
	theme.ColorNamePrimary:     {theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground},
	theme.ColorNameHyperlink:   {theme.ColorNameBackground, theme.ColorNameOverlayBackground},
	theme.ColorNameSuccess:     {theme.ColorNameBackground, theme.ColorNameOverlayBackground},
	theme.ColorNameError:       {theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground},
	theme.ColorNameWarning:     {theme.ColorNameBackground, theme.ColorNameOverlayBackground},
}

// onColours are the text colours of buttons filled with a colour, and
// that fill.
var onColours = map[fyne.ThemeColorName]fyne.ThemeColorName{
	theme.ColorNameForegroundOnPrimary: theme.ColorNamePrimary,
	theme.ColorNameForegroundOnError:   theme.ColorNameError,
	theme.ColorNameForegroundOnSuccess: theme.ColorNameSuccess,
	theme.ColorNameForegroundOnWarning: theme.ColorNameWarning,
}

// ferryTheme is Fyne's theme with the variant the user chose (or the
// system's) and every text colour moved, along its own hue, towards black
// or white until it reaches minContrast on its backgrounds. Colours come
// from the base theme; none is written here.
type ferryTheme struct {
	base    fyne.Theme
	variant fyne.ThemeVariant
	fixed   bool // false: follow the variant Fyne asks for
}

// newFerryTheme returns the theme for a Settings.Theme value.
func newFerryTheme(choice string) *ferryTheme {
	t := &ferryTheme{base: theme.DefaultTheme()}
	switch choice {
	case profile.ThemeLight:
		t.variant, t.fixed = theme.VariantLight, true
	case profile.ThemeDark:
		t.variant, t.fixed = theme.VariantDark, true
	}
	return t
}

// Color is part of fyne.Theme.
func (t *ferryTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	bg := t.base.Color(theme.ColorNameBackground, v)
	if fill, ok := onColours[n]; ok {
		// The text of a filled button: the theme's background or
		// foreground colour, whichever reads better on the fill.
		f, fg := t.Color(fill, v), t.base.Color(theme.ColorNameForeground, v)
		if contrast(over(fg, bg), f) > contrast(bg, f) {
			return fg
		}
		return bg
	}
	c := t.base.Color(n, v)
	target := minContrast
	bgs, isText := textOn[n]
	if !isText {
		if bgs, isText = edgeOn[n]; !isText {
			return c
		}
		target = minEdgeContrast
	}
	var against []color.Color
	for _, b := range bgs {
		against = append(against, t.base.Color(b, v))
	}
	return readable(c, against, bg, target)
}

// Font is part of fyne.Theme.
func (t *ferryTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

// Icon is part of fyne.Theme.
func (t *ferryTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size is part of fyne.Theme.
func (t *ferryTheme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }

// readable moves c towards black (on a light background) or white (on a
// dark one) in small steps until it reaches target against every colour
// of against, each composited over bg when translucent.
func readable(c color.Color, against []color.Color, bg color.Color, target float64) color.Color {
	light := luminance(bg) > 0.4
	cur := toNRGBA(over(c, bg))
	for step := 0; step < 20; step++ {
		ok := true
		for _, a := range against {
			if contrast(cur, over(a, bg)) < target {
				ok = false
				break
			}
		}
		if ok {
			return cur
		}
		cur = mix(toNRGBA(over(c, bg)), light, float64(step+1)/20)
	}
	return cur
}

// mix moves c a fraction f of the way to black (dark) or white.
func mix(c color.NRGBA, dark bool, f float64) color.NRGBA {
	target := 255.0
	if dark {
		target = 0
	}
	m := func(v uint8) uint8 { return uint8(math.Round(float64(v) + (target-float64(v))*f)) }
	return color.NRGBA{R: m(c.R), G: m(c.G), B: m(c.B), A: 255}
}

func toNRGBA(c color.Color) color.NRGBA { return color.NRGBAModel.Convert(c).(color.NRGBA) }

// over composites c on the opaque bg.
func over(c, bg color.Color) color.Color {
	f, b := toNRGBA(c), toNRGBA(bg)
	a := float64(f.A) / 255
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: m(f.R, b.R), G: m(f.G, b.G), B: m(f.B, b.B), A: 255}
}

// luminance is WCAG 2's relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	n := toNRGBA(c)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// contrast is WCAG 2's contrast ratio of two opaque colours, 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// applyTheme puts the chosen theme into effect at once.
func (mw *mainWindow) applyTheme(choice string) {
	mw.app.Settings().SetTheme(newFerryTheme(choice))
}
