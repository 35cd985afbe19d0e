package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"

	"ferry/ftpcore/profile"
)

// Prompts that a connection or a secret operation needs (the server's
// certificate, the master password) open where the user is looking: over
// the site manager while it is open, else over the main window. The
// master password has a window of its own, which opens on top of both.

// promptParent returns the window a prompt opens on. UI goroutine only.
func (mw *mainWindow) promptParent() fyne.Window {
	if mw.siteMgr != nil {
		return mw.siteMgr.win
	}
	return mw.win
}

// showSiteManager opens the site manager and remembers it until it
// closes, so that prompts open over it.
func (mw *mainWindow) showSiteManager(opt SiteManagerOptions) {
	if mw.siteMgr != nil {
		mw.siteMgr.win.RequestFocus()
		return
	}
	sm := newSiteManager(mw.app, opt, mw.do)
	// One owner for every dialog over the site manager, its own and the
	// prompts opened there for the main window (a server's certificate):
	// the site manager's keys go to the newest of them, and Escape closes
	// the window only when none is open.
	sm.modals = mw.modals
	mw.siteMgr = sm
	sm.win.SetOnClosed(func() {
		if mw.siteMgr == sm {
			mw.siteMgr = nil
		}
		mw.modals.forget(sm.win)
	})
	sm.win.Show()
	sm.reportLoadError()
}

// masterPasswordPrompt is the master-password source of the secrets in
// dir: the two-field prompt (typed twice, a minimum length) when the
// password is being chosen, the one-field prompt when the file exists.
func (mw *mainWindow) masterPasswordPrompt(dir string) func() (string, error) {
	p := &masterPrompt{app: mw.app, path: filepath.Join(dir, profile.SecretsFileName), do: mw.do}
	return p.ask
}

// closeSiteManagerFirst closes an open site manager before the app: its
// form is stored and its site list written (off the UI goroutine), then
// close runs again. It reports whether the app's close must wait for it;
// when the list cannot be written, the site manager stays open and says
// why, and the app stays open with it.
func (mw *mainWindow) closeSiteManagerFirst() bool {
	sm := mw.siteMgr
	if sm == nil {
		return false
	}
	sm.closeThen(func() {
		if mw.siteMgr == sm {
			mw.siteMgr = nil
		}
		mw.close()
	})
	return true
}
