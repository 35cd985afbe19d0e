package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry"
)

// readmeMenuItem is Help ▸ Ferry's README.
func (mw *mainWindow) readmeMenuItem() *fyne.MenuItem {
	return fyne.NewMenuItem(lang.L("Ferry's README"), mw.showReadme)
}

// showReadme opens the README built into the app in a window of its own,
// rendered from its Markdown: it is there offline and matches this build,
// which a web page of the project might not.
func (mw *mainWindow) showReadme() {
	text := widget.NewRichTextFromMarkdown(string(ferry.README))
	text.Wrapping = fyne.TextWrapWord
	w := mw.app.NewWindow(lang.L("Ferry's README"))
	// Size first: wrapping the whole text at a new window's tiny width
	// would cost seconds.
	w.Resize(fyne.NewSize(860, 680))
	w.SetContent(container.NewVScroll(text))
	w.Show()
}
