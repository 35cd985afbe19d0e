// Command ferry is the desktop dual-pane FTP client.
package main

import (
	"fyne.io/fyne/v2/app"

	"ferry/ui"
)

func main() {
	a := app.NewWithID("io.ferry.app")
	w := a.NewWindow("Ferry")
	ui.Run(a, w)
}
