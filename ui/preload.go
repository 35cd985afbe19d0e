package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// firstFrameStyles are the text styles the main window draws as it
// opens: regular text only. Each style costs its fonts' parse for as
// long as the app runs (some 3 MiB with the system's font for the
// language), so the window draws no other until asked: the message log,
// the panes' titles, the lists' headers, the queue's tabs and the
// window's buttons (flatButton) are in the regular font, as FileZilla's
// (TestWindowDrawsOneTextStyle).
var firstFrameStyles = []fyne.TextStyle{{}}

// PreloadFonts has Fyne load, on a goroutine, the fonts of the styles the
// main window draws as it opens, and returns a channel closed when they
// are loaded. Fyne parses a style's fonts (its own and the system's for
// the language) the first time text of that style is measured, some
// 100 ms for the three; started before the display is opened, this runs
// beside that on another core instead of delaying the window. It needs
// the app (fyne.CurrentApp) but no window; pass the channel to Run, which
// waits for it before the window measures its first text, so that no
// style is parsed twice. It may be called from any goroutine.
func PreloadFonts() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, s := range firstFrameStyles {
			fyne.MeasureText("Mg", theme.TextSize(), s)
		}
	}()
	return done
}
