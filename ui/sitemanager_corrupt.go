package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
)

// ShowCorruptFile tells the user that one of Ferry's files (sites,
// settings, trusted certificates) could not be read and was left untouched,
// and lets them choose: put the backup back (restore, offered only when
// there is a backup), start afresh with the damaged file moved aside
// (reset, which returns where it went), or decide later, in which case the
// store keeps refusing to save. done, when not nil, runs after any choice.
// It must be called on the UI goroutine.
func ShowCorruptFile(parent fyne.Window, cerr *profile.CorruptFileError, restore func() error,
	reset func() (string, error), done func()) {
	text := lang.L("Ferry could not read {{.Path}}:", map[string]any{"Path": cerr.Path}) + "\n" +
		cerr.Err.Error() + "\n\n" +
		lang.L("The file has not been changed. Until you choose below, changes to it cannot be saved.")
	if cerr.Backup != "" {
		text += "\n\n" + lang.L("The previous version is kept in {{.Path}}.", map[string]any{"Path": cerr.Backup})
	}
	d := dialog.NewCustomWithoutButtons(lang.L("A file could not be read"),
		&widget.Label{Text: text, Wrapping: fyne.TextWrapWord}, parent)
	finish := func(err error) {
		d.Hide()
		if err != nil {
			dialog.ShowError(errors.New(userMessage(err)), parent)
		}
		if done != nil {
			done()
		}
	}
	var buttons []fyne.CanvasObject
	if cerr.Backup != "" && restore != nil {
		buttons = append(buttons, &widget.Button{Text: lang.L("Restore the backup"), Importance: widget.HighImportance,
			OnTapped: func() { finish(restore()) }})
	}
	if reset != nil {
		buttons = append(buttons, widget.NewButton(lang.L("Start afresh"), func() {
			aside, err := reset()
			finish(err)
			if err == nil && aside != "" {
				dialog.ShowInformation(lang.L("Start afresh"),
					lang.L("The damaged file was kept as {{.Path}}.", map[string]any{"Path": aside}), parent)
			}
		}))
	}
	buttons = append(buttons, widget.NewButton(lang.L("Decide later"), func() { finish(nil) }))
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// offerRecovery shows ShowCorruptFile for the site list.
func (sm *siteManager) offerRecovery(cerr *profile.CorruptFileError) {
	ShowCorruptFile(sm.win, cerr, sm.opt.Store.RestoreBackup, sm.opt.Store.Reset, func() {
		sm.dirty = false
		sm.refreshTree()
		sm.loadSelection()
	})
}

// reportLoadError puts a failed load of the site list to the user.
func (sm *siteManager) reportLoadError() {
	var cerr *profile.CorruptFileError
	if errors.As(sm.opt.LoadError, &cerr) {
		sm.offerRecovery(cerr)
	} else if sm.opt.LoadError != nil {
		sm.showError(sm.opt.LoadError)
	}
}
