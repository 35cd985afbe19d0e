package ui

import (
	"runtime"
	"runtime/debug"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// helpMenu returns the Help menu.
func (mw *mainWindow) helpMenu() *fyne.Menu {
	return fyne.NewMenu(lang.L("Help"), mw.readmeMenuItem(), fyne.NewMenuItem(lang.L("About Ferry"), mw.showAbout))
}

// version returns the app's version: the packaged metadata's, else the
// module's from the build, else "development build".
func (mw *mainWindow) version() string {
	if v := mw.app.Metadata().Version; v != "" {
		return v
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return lang.L("development build")
}

// aboutText is what Help ▸ About says, one fact a line.
func (mw *mainWindow) aboutText() []string {
	cfg := mw.opt.ConfigDir
	if cfg == "" {
		cfg = lang.L("none (nothing is saved)")
	}
	return []string{
		lang.X("about.version", "Version {{.V}} ({{.Go}}, {{.OS}}/{{.Arch}})",
			map[string]any{"V": mw.version(), "Go": runtime.Version(), "OS": runtime.GOOS, "Arch": runtime.GOARCH}),
		lang.L("Licence: none declared yet; see the README that comes with the source."),
		lang.X("about.config", "Settings, sites and the queue are kept in {{.Dir}}", map[string]any{"Dir": cfg}),
	}
}

// showAbout shows the version, the licence and the config folder.
func (mw *mainWindow) showAbout() {
	box := container.NewVBox()
	title := widget.NewLabel(lang.L("Ferry"))
	title.TextStyle.Bold = true
	box.Add(title)
	lines := mw.aboutText()
	for _, line := range lines {
		l := widget.NewLabel(line)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	// Copy puts the facts on the clipboard, for a bug report. (Selectable
	// labels, once clicked, kept Enter and Escape from the dialog.)
	copyAll := newDialogButton(lang.L("Copy"), theme.ContentCopyIcon(), widget.MediumImportance, func() {
		mw.app.Clipboard().SetContent(strings.Join(lines, "\n") + "\n")
	})
	box.Add(container.NewHBox(copyAll))
	mw.modals.showClosing(mw.win, lang.L("About Ferry"), lang.L("Close"), fyne.NewSize(520, 0), box, copyAll)
}
