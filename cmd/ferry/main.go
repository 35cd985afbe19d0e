// Command ferry is the desktop dual-pane FTP client. An ftp://, ftpes://
// or ftps:// URL given as an argument opens connected in the right pane;
// with two URLs, the first opens in the left pane and the second in the right.
package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	_ "ferry/cmd/ferry/internal/glpreload"
	"ferry/ui"
	_ "ferry/ui/quietlocale" // before Fyne's packages read the locale
)

// version is set by the packaging scripts (-X main.version=...) from
// FyneApp.toml; a plain go build says "dev".
var version = "dev"

const usage = `usage: ferry [URL [URL]]

Opens Ferry's window. A URL (ftp://, ftpes:// or ftps://, as
ftp://user@host:port/folder) opens connected in the right pane; with
two, the first opens in the left pane and the second in the right. A
user name without a password asks for it in the window.

  --version   print the version
  --help      print this help

Without a window, ferry-cli does the same transfers (ferry-cli help).
`

func main() {
	if len(os.Args) == 2 && os.Args[1] == "--version" {
		fmt.Println("ferry", version)
		return
	}
	if len(os.Args) == 2 && (os.Args[1] == "--help" || os.Args[1] == "-h") {
		fmt.Print(usage)
		return
	}
	// Help ▸ About reads the version from the app's metadata.
	app.SetMetadata(fyne.AppMetadata{ID: "io.ferry.app", Name: "Ferry", Version: version})
	a := app.NewWithID("io.ferry.app")
	// The fonts load on another core while this one opens the display.
	fonts := ui.PreloadFonts()
	screen, err := screenSize()
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferry:", err)
		os.Exit(1)
	}
	w := a.NewWindow("Ferry")
	ui.Run(a, w, os.Args[1:], screen, fonts)
}
