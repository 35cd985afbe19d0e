package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// iconDrawn is what an icon image last drew: its resource's name and, for
// a themed icon, the colour the theme gave it.
type iconDrawn struct {
	name       string
	r, g, b, a uint32
}

func iconDrawnOf(res fyne.Resource) iconDrawn {
	if res == nil {
		return iconDrawn{}
	}
	d := iconDrawn{name: res.Name()}
	if t, ok := res.(fyne.ThemedResource); ok {
		d.r, d.g, d.b, d.a = theme.Color(t.ThemeColorName()).RGBA()
	}
	return d
}

// refreshIcon redraws img unless it already shows its resource, in the
// theme's colour of now. Fyne's Image.Refresh colours the SVG (twice, an
// XML parse and print each), parses it again for its size and rasterises
// it on every call: most of a row's cost when a list scrolls or a folder
// is listed, for rows whose icon stays the same. A new size is drawn by
// the image's own Resize.
func refreshIcon(img *canvas.Image, last *iconDrawn) {
	now := iconDrawnOf(img.Resource)
	if now == *last && (img.Resource == nil || img.Image != nil) {
		return
	}
	*last = now
	img.Refresh()
}
