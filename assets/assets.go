// Package assets embeds Ferry's icon and translations, so that the app is
// one file whatever the platform.
package assets

import (
	"embed"
	_ "embed"
)

// Icon is the application icon, a 256×256 PNG.
//
//go:embed icon.png
var Icon []byte

// Translations holds one JSON file per language for fyne's lang package
// (main.en.json, sites.fr.json, ...: "[area.]lang.json").
//
//go:embed translations
var Translations embed.FS
