// Command ferry is the desktop dual-pane FTP client. An ftp://, ftpes://
// or ftps:// URL given as an argument opens connected in the right pane.
package main

import (
	"os"

	"fyne.io/fyne/v2/app"

	"ferry/ui"
)

func main() {
	a := app.NewWithID("io.ferry.app")
	w := a.NewWindow("Ferry")
	ui.Run(a, w, os.Args[1:])
}
