package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
)

// ShowCorruptFile tells the user that one of Ferry's files (sites,
// settings, trusted certificates) could not be read and was left untouched,
// and lets them choose: put the backup back (restore, offered only when
// there is a backup), start afresh with the damaged file moved aside
// (reset, which returns where it went), or decide later, in which case the
// store keeps refusing to save. The dialog owns parent's keyboard through
// owner: Enter restores the backup when there is one and otherwise
// decides later, Escape decides later. done, when not nil, runs after any
// choice. It must be called on the UI goroutine.
func ShowCorruptFile(owner *modalOwner, parent fyne.Window, cerr *profile.CorruptFileError, restore func() error,
	reset func() (string, error), done func()) {
	text := lang.L("Ferry could not read {{.Path}}:", map[string]any{"Path": cerr.Path}) + "\n" +
		cerr.Err.Error() + "\n\n" +
		lang.L("The file has not been changed. Until you choose below, changes to it cannot be saved.")
	if cerr.Backup != "" {
		text += "\n\n" + lang.L("The previous version is kept in {{.Path}}.", map[string]any{"Path": cerr.Backup})
	}
	d := dialog.NewCustomWithoutButtons(lang.L("A file could not be read"),
		&widget.Label{Text: text, Wrapping: fyne.TextWrapWord}, parent)
	finished := false
	finish := func(err error) {
		if finished {
			return
		}
		finished = true
		d.Hide()
		if err != nil {
			owner.showMessage(parent, lang.L("Error"), userMessage(err), theme.ErrorIcon())
		}
		if done != nil {
			done()
		}
	}
	later := func() { finish(nil) }
	enter := later
	var buttons []fyne.CanvasObject
	var keys []escapable
	if cerr.Backup != "" && restore != nil {
		enter = func() { finish(restore()) }
		b := newDialogButton(lang.L("Restore the backup"), nil, widget.HighImportance, enter)
		buttons, keys = append(buttons, b), append(keys, b)
	}
	if reset != nil {
		b := newDialogButton(lang.L("Start afresh"), nil, widget.MediumImportance, func() {
			aside, err := reset()
			finish(err)
			if err == nil && aside != "" {
				owner.showMessage(parent, lang.L("Start afresh"),
					lang.L("The damaged file was kept as {{.Path}}.", map[string]any{"Path": aside}), theme.InfoIcon())
			}
		})
		buttons, keys = append(buttons, b), append(keys, b)
	}
	b := newDialogButton(lang.L("Decide later"), nil, widget.MediumImportance, later)
	buttons, keys = append(buttons, b), append(keys, b)
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(560, 0))
	m := owner.show(parent, d, enter, keys...)
	// Closed by Escape: the same as "Decide later", done included.
	d.SetOnClosed(func() {
		owner.closed(m)
		later()
	})
}

// offerRecovery shows ShowCorruptFile for the site list.
func (sm *siteManager) offerRecovery(cerr *profile.CorruptFileError) {
	ShowCorruptFile(sm.modals, sm.win, cerr, sm.opt.Store.RestoreBackup, sm.opt.Store.Reset, func() {
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
