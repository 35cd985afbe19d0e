package ui

import (
	"errors"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
)

// ShowSettings opens the settings dialog on parent with the settings of
// store. Save checks every value and lists the problems in the dialog, or
// writes settings.json and calls onSaved (when not nil) with what was
// saved. A settings file that could not be read is put to the user, with
// its backup offered, instead of being overwritten. It must be called on
// the UI goroutine; onSaved runs there too.
func ShowSettings(parent fyne.Window, store *profile.SettingsStore, onSaved func(profile.Settings)) {
	newSettingsDialog(parent, store, onSaved).dialog.Show()
}

// settingsDialog is the open dialog, kept together for the tests.
type settingsDialog struct {
	parent   fyne.Window
	modals   *modalOwner // the dialogs over parent, this one's questions included
	store    *profile.SettingsStore
	onSaved  func(profile.Settings)
	form     *settingsForm
	problems *widget.Label
	dialog   *dialog.CustomDialog
	save     *dialogButton
	cancel   *dialogButton
	defaults *dialogButton
	// do runs the end of a save on the UI goroutine (fyne.Do); saving
	// waits for the settings file to reach the disk, off that goroutine.
	do     func(func())
	saving sync.WaitGroup // the save in progress, for tests
}

func newSettingsDialog(parent fyne.Window, store *profile.SettingsStore, onSaved func(profile.Settings)) *settingsDialog {
	sd := &settingsDialog{parent: parent, modals: newModalOwner(), store: store, onSaved: onSaved, form: newSettingsForm(), do: fyne.Do,
		problems: &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}}
	sd.form.load(store.Settings())
	f := sd.form
	transfers := widget.NewForm(
		widget.NewFormItem(lang.L("Default transfer mode"), f.dataMode),
		widget.NewFormItem(lang.L("Default transfer type"), f.xferType),
		widget.NewFormItem(lang.L("Concurrent transfers"), f.concurrent),
		widget.NewFormItem(lang.L("Retries"), f.retries),
		widget.NewFormItem(lang.L("Delay between retries (s)"), f.retryWait),
		widget.NewFormItem(lang.L("When a downloaded file exists"), f.downloadExists),
		widget.NewFormItem(lang.L("When an uploaded file exists"), f.uploadExists),
		widget.NewFormItem(lang.L("Download limit (KiB/s)"), f.downLimit),
		widget.NewFormItem(lang.L("Upload limit (KiB/s)"), f.upLimit),
		widget.NewFormItem(lang.L("When FXP is refused"), f.fxp),
	)
	ascii := container.NewVBox(
		widget.NewLabel(lang.L("Extensions transferred as ASCII in automatic mode (spaces or commas between them):")),
		f.asciiExts, f.asciiNoExt, f.asciiDotfiles)
	connection := widget.NewForm(
		widget.NewFormItem(lang.L("Connection timeout (s)"), f.connectTimeout),
		widget.NewFormItem(lang.L("Reply timeout (s)"), f.replyTimeout),
		widget.NewFormItem(lang.L("Keep-alive interval (s)"), f.keepAlive),
		widget.NewFormItem(lang.L("Lowest active-mode port"), f.portMin),
		widget.NewFormItem(lang.L("Highest active-mode port"), f.portMax),
		widget.NewFormItem(lang.L("External address (active mode)"), f.externalIP),
		widget.NewFormItem("", widget.NewLabel(lang.L("These apply to the connections opened from now on."))),
	)
	iface := widget.NewForm(
		widget.NewFormItem(lang.L("Theme"), f.theme),
		widget.NewFormItem(lang.L("Language"), f.language),
		widget.NewFormItem("", widget.NewLabel(lang.L("A new language applies the next time Ferry starts."))),
		widget.NewFormItem(lang.L("Log size (lines)"), f.logLines),
	)
	for _, it := range f.compare.items() {
		iface.AppendItem(it)
	}
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Transfers"), transfers),
		container.NewTabItem(lang.L("ASCII"), ascii),
		container.NewTabItem(lang.L("Connection"), connection),
		container.NewTabItem(lang.L("Interface"), iface),
	)
	sd.save = newDialogButton(lang.L("Save"), nil, widget.HighImportance, sd.onSave)
	sd.cancel = newDialogButton(lang.L("Cancel"), nil, widget.MediumImportance, func() { sd.dialog.Hide() })
	sd.defaults = newDialogButton(lang.L("Restore defaults"), nil, widget.MediumImportance, func() {
		sd.form.load(profile.DefaultSettings())
		sd.problems.SetText("")
	})
	sd.dialog = dialog.NewCustomWithoutButtons(lang.L("Settings"),
		container.NewBorder(nil, sd.problems, nil, nil, tabs), parent)
	sd.dialog.SetButtons([]fyne.CanvasObject{sd.defaults, sd.cancel, sd.save})
	sd.dialog.Resize(fyne.NewSize(640, 560))
	return sd
}

func (sd *settingsDialog) onSave() {
	s, err := sd.form.read()
	if err != nil {
		sd.problems.SetText(lang.L("Please correct:") + "\n" + problemText(err))
		return
	}
	sd.problems.SetText("")
	sd.save.Disable()
	sd.saving.Add(1)
	go func() {
		defer sd.saving.Done()
		err := sd.store.Save(s) // writes and syncs settings.json
		sd.do(func() { sd.saved(s, err) })
	}()
}

// saved closes the dialog after a save, or shows why it failed.
func (sd *settingsDialog) saved(s profile.Settings, err error) {
	sd.save.Enable()
	var cerr *profile.CorruptFileError
	switch {
	case errors.As(err, &cerr):
		ShowCorruptFile(sd.modals, sd.parent, cerr, sd.store.RestoreBackup, sd.store.Reset, nil)
		return
	case err != nil:
		sd.problems.SetText(userMessage(err))
		return
	}
	sd.dialog.Hide()
	if sd.onSaved != nil {
		sd.onSaved(s)
	}
}

// fields returns the dialog's widgets that take the keyboard: its text
// fields, where Enter saves (the extensions' field takes Enter as a new
// line) and Escape cancels as elsewhere in the dialog, its choices and
// tick boxes, which keep the focus a click gives them, and its buttons.
func (sd *settingsDialog) fields() []escapable {
	f := sd.form
	return []escapable{f.concurrent, f.retries, f.retryWait, f.downLimit, f.upLimit,
		f.connectTimeout, f.replyTimeout, f.keepAlive, f.portMin, f.portMax, f.externalIP, f.logLines,
		f.asciiExts, f.dataMode, f.xferType, f.downloadExists, f.uploadExists, f.fxp, f.language, f.theme,
		f.compare.mode, f.compare.tolerance, f.asciiNoExt, f.asciiDotfiles,
		sd.save, sd.cancel, sd.defaults}
}
