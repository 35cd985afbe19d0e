package ui

import (
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
)

// settings returns the defaults a connection starts from.
func (sm *siteManager) settings() profile.Settings {
	if sm.opt.Settings == nil {
		return profile.DefaultSettings()
	}
	return sm.opt.Settings.Settings()
}

// connect saves the selected site, finds its password (from the secret
// store on a goroutine, or by asking for "ask for password" sites) and
// hands a ready Config to the main window once the site list is on disk,
// so that the connection and the file agree on the site; when the list
// cannot be written, the failure is shown and nothing connects.
func (sm *siteManager) connect(rightPane bool) {
	if _, ok := siteOf(sm.selected); !ok || sm.opt.Connect == nil {
		return
	}
	typed, pwTyped := sm.form.password.Text, sm.form.pwChanged
	if err := sm.commit(); err != nil {
		sm.showError(err)
		return
	}
	site := sm.current
	if strings.TrimSpace(site.Host) == "" {
		sm.showError(&fieldError{lang.L("Host"), lang.L("Enter the server's host name or address first.")})
		return
	}
	finish := func(password string) {
		sm.opt.Connect(site, sm.settings().SiteConfig(site, password), rightPane)
		sm.win.Close()
	}
	sm.saver.flush(func(err error) {
		if err == nil {
			sm.connectSaved(site, typed, pwTyped, finish)
		}
	})
}

// connectSaved finds the password of a site whose changes are on disk and
// hands it to finish.
func (sm *siteManager) connectSaved(site profile.Site, typed string, pwTyped bool, finish func(string)) {
	switch {
	case site.Logon == profile.LogonAnonymous:
		finish("")
	case site.Logon == profile.LogonAsk:
		sm.askPassword(site, finish)
	case pwTyped:
		// Just typed: no need to wait for the store to hand it back. But
		// keeping it may first ask for the master password (a password
		// file not unlocked yet, or none chosen): the connection, whose
		// certificate question opens in the main window, waits until that
		// is answered, so that two questions never stand open at once.
		sm.afterSecrets(func() { finish(typed) })
	default:
		var password string
		sm.secretOp(func(st profile.SecretStore) error {
			var err error
			password, err = profile.SitePassword(site, st, nil)
			return err
		}, func(err error) {
			if err != nil {
				sm.showError(err)
				return
			}
			finish(password)
		})
	}
}

// askPassword asks for the password of an "ask for password" site, which
// is used for this connection only and never stored.
func (sm *siteManager) askPassword(site profile.Site, use func(string)) {
	entry := newDialogPasswordEntry()
	d := newFormBox(lang.L("Password"), lang.L("Connect"), lang.L("Cancel"),
		[]*widget.FormItem{
			widget.NewFormItem(lang.L("Site"), widget.NewLabel(site.Path())),
			widget.NewFormItem(lang.L("User"), widget.NewLabel(site.User)),
			widget.NewFormItem(lang.L("Password"), entry),
		},
		func(ok bool) {
			if ok {
				use(entry.Text)
			}
		}, sm.win)
	sm.modals.show(sm.win, d, nil, d.keys(entry)...)
	sm.win.Canvas().Focus(entry)
}
