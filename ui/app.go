// Package ui holds Ferry's Fyne windows and widgets. It talks to the network
// and the disk only through ftpcore, and never on the UI goroutine.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"ferry/assets"
)

// Run builds the main window's content and shows it. It must be called from
// the goroutine that owns the app (main).
func Run(a fyne.App, w fyne.Window) {
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w.SetContent(widget.NewLabel("Ferry"))
	w.Resize(fyne.NewSize(1100, 750))
	w.ShowAndRun()
}
