package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
)

// sitesMenu is the arrow beside the Sites button: the saved sites in
// their folders, as FileZilla's Site Manager drop-down lists them;
// choosing one connects it in the pane chosen in the quick-connect bar.
// It is used on the UI goroutine.
type sitesMenu struct {
	mw     *mainWindow
	button *flatButton
}

func newSitesMenu(mw *mainWindow) *sitesMenu {
	m := &sitesMenu{mw: mw}
	m.button = newFlatButton("", theme.MenuDropDownIcon(), m.pop)
	return m
}

// menu lists the sites, a submenu per folder.
func (m *sitesMenu) menu() *fyne.Menu {
	root := fyne.NewMenu("")
	if m.mw.sites != nil && m.mw.sitesErr == nil {
		folders := map[string]*fyne.Menu{"": root}
		var folderOf func(path []string) *fyne.Menu
		folderOf = func(path []string) *fyne.Menu {
			key := strings.Join(path, "\x00")
			if f, ok := folders[key]; ok {
				return f
			}
			parent := folderOf(path[:len(path)-1])
			f := fyne.NewMenu(path[len(path)-1])
			item := fyne.NewMenuItem(path[len(path)-1], nil)
			item.ChildMenu = f
			parent.Items = append(parent.Items, item)
			folders[key] = f
			return f
		}
		for _, s := range m.mw.sites.Sites() {
			f := folderOf(s.Folder)
			f.Items = append(f.Items, fyne.NewMenuItem(s.Name, func() { m.open(s) }))
		}
	}
	if len(root.Items) == 0 {
		none := fyne.NewMenuItem(lang.L("No saved sites"), nil)
		none.Disabled = true
		root.Items = append(root.Items, none)
	}
	return root
}

func (m *sitesMenu) pop() {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(m.button)
	widget.ShowPopUpMenuAtPosition(m.menu(), m.mw.win.Canvas(), pos.AddXY(0, m.button.Size().Height))
}

// open connects a saved site in the pane chosen in the quick-connect bar.
func (m *sitesMenu) open(site profile.Site) {
	m.mw.openSite(site, max(m.mw.quick.side.SelectedIndex(), 0), nil)
}

// openSite connects a saved site in a pane, then calls loggedIn (when not
// nil) once the server accepted the login, as connectThen does. The
// password comes from the secret store on a work goroutine (a keyring may
// take its time, and a master password may be asked for), or from the
// user for a site that asks each time; the certificate question comes
// from the session's dial, as for every connection.
func (mw *mainWindow) openSite(site profile.Site, side int, loggedIn func()) {
	connect := func(password string) {
		mw.connectThen(site.ID, mw.currentSettings().SiteConfig(site, password), side, site.RemoteDir,
			mw.withSiteLocalDir(site, side, loggedIn))
	}
	if site.Logon == profile.LogonAsk {
		mw.askSitePassword(site, connect)
		return
	}
	secrets := mw.secrets.get()
	mw.goWork(mw.ctx, func(context.Context) {
		var pw string
		var err error
		// A wrong master password is asked again, as the site manager does.
		for range maxMasterAttempts {
			if pw, err = profile.SitePassword(site, secrets, nil); !errors.Is(err, profile.ErrWrongMasterPassword) {
				break
			}
		}
		mw.do(func() {
			if err != nil {
				if !offerSecretsRecovery(mw.modals, mw.win, secrets, err) {
					mw.showError(lang.X("sitesmenu.cannot", "Cannot connect to {{.Site}}", map[string]any{"Site": site.Path()}), err)
				}
				return
			}
			connect(pw)
		})
	})
}

// askSitePassword asks for the password of a site that keeps none; it is
// used for this connection and never stored.
func (mw *mainWindow) askSitePassword(site profile.Site, use func(string)) {
	mw.askPassword(lang.L("Site"), site.Path(), site.User, use)
}

// askPassword asks for the password of user on a server (what names it,
// after the label what: a site's path, or host and port) in a dialog
// that Enter confirms and Escape cancels; use gets what was typed, which
// may be empty.
func (mw *mainWindow) askPassword(what, server, user string, use func(string)) {
	entry := newDialogPasswordEntry()
	d := newFormBox(lang.L("Password"), lang.X("sitesmenu.connect", "Connect"), lang.L("Cancel"),
		[]*widget.FormItem{
			widget.NewFormItem(what, widget.NewLabel(server)),
			widget.NewFormItem(lang.L("User"), widget.NewLabel(user)),
			widget.NewFormItem(lang.L("Password"), entry),
		},
		func(ok bool) {
			if ok {
				use(entry.Text)
			}
		}, mw.win)
	// Wide enough to see what one types (Fyne sizes a form to its labels).
	d.Resize(fyne.NewSize(420, 0))
	mw.modals.show(mw.win, d, nil, d.keys(entry)...)
	mw.win.Canvas().Focus(entry)
}
