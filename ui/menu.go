package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
	"ferry/ftpcore/queue"
)

// setMenus builds the main menu. Each item calls the same method as the
// toolbar button or key that does the same thing.
func (mw *mainWindow) setMenus() {
	// Shortcuts with Ctrl live on menu items: Fyne tries them before the
	// focused widget, so they work from a text field too.
	// They must not act behind a dialog, which owns the keyboard.
	ctrl := func(item *fyne.MenuItem, k fyne.KeyName) *fyne.MenuItem {
		item.Shortcut = &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
		action := item.Action
		item.Action = func() {
			if !mw.modals.busy(mw.win) {
				action()
			}
		}
		return item
	}
	file := fyne.NewMenu(lang.L("File"),
		ctrl(fyne.NewMenuItem(lang.L("Site Manager…"), mw.openSiteManager), fyne.KeyS),
		fyne.NewMenuItem(lang.L("Settings…"), mw.openSettings),
	)
	view := fyne.NewMenu(lang.L("View"),
		ctrl(fyne.NewMenuItem(lang.L("Refresh"), func() { mw.active.refresh() }), fyne.KeyR),
		ctrl(fyne.NewMenuItem(lang.L("Go to the path bar (F6)"), mw.focusPathBar), fyne.KeyL),
		ctrl(fyne.NewMenuItem(lang.L("Filter"), mw.focusFilter), fyne.KeyF),
		fyne.NewMenuItem(lang.L("Local disk in this pane"), func() { mw.showLocal(mw.active) }),
	)
	view.Items = append(view.Items, mw.treeMenuItems()...)
	view.Items = append(view.Items, mw.compareMenuItems()...)
	view.Items = append(view.Items, mw.linkedMenuItems()...)
	transfer := fyne.NewMenu(lang.L("Transfer"),
		fyne.NewMenuItem(lang.L("Transfer selection (F5)"), func() {
			mw.transfer(mw.active, mw.active.model.selection())
		}),
		fyne.NewMenuItem(lang.L("Pause or resume the queue"), mw.status.togglePause),
		fyne.NewMenuItem(lang.L("Retry all failed"), func() { mw.queue.RetryFailed() }),
		fyne.NewMenuItem(lang.L("Clear finished"), func() { mw.queue.ClearFinished() }),
	)
	transfer.Items = append(transfer.Items, mw.syncMenuItems()...)
	server := fyne.NewMenu(lang.L("Server"),
		fyne.NewMenuItem(lang.L("Disconnect left pane"), func() { mw.disconnect(0) }),
		fyne.NewMenuItem(lang.L("Disconnect right pane"), func() { mw.disconnect(1) }),
		mw.diagnoseMenuItem(),
		mw.reconnectMenuItem(),
	)
	server.Items = append(server.Items, mw.rawCommandMenuItems()...)
	server.Items = append(server.Items, mw.searchMenuItems()...)
	menus := []*fyne.Menu{file, view, transfer, server, mw.bookmarksMenu(), mw.helpMenu()}
	titles := make([]string, len(menus))
	for i, m := range menus {
		titles[i] = m.Label
	}
	mw.mnemonics = mnemonicsFor(titles)
	mw.win.SetMainMenu(fyne.NewMainMenu(menus...))
}

// openSiteManager shows the site manager; connecting a site there opens
// it in the pane the user chose.
func (mw *mainWindow) openSiteManager() {
	if mw.sites == nil {
		mw.modals.showMessage(mw.win, lang.L("Error"), lang.L("The site list could not be opened."), theme.ErrorIcon())
		return
	}
	if mw.sitesErr != nil {
		// The user may have resolved it in an earlier site manager (backup
		// restored, list reset) or repaired the file: read it again, off
		// the UI goroutine. A file still damaged is left as it is and
		// reported again.
		store := mw.sites
		mw.goWork(mw.ctx, func(context.Context) {
			err := store.Load()
			mw.do(func() {
				mw.sitesErr = err
				mw.openSiteManagerLoaded()
			})
		})
		return
	}
	mw.openSiteManagerLoaded()
}

// openSiteManagerLoaded shows the site manager once the list is read.
func (mw *mainWindow) openSiteManagerLoaded() {
	mw.showSiteManager(SiteManagerOptions{
		Store:     mw.sites,
		Secrets:   mw.secrets.get(),
		Settings:  mw.settings,
		LoadError: mw.sitesErr,
		Connect: func(site profile.Site, cfg ftpcore.Config, rightPane bool) {
			mw.connectSite(site, cfg, rightPane)
		},
	})
}

// openSettings shows the settings dialog and applies what was saved.
func (mw *mainWindow) openSettings() {
	if mw.settings == nil {
		return
	}
	sd := newSettingsDialog(mw.win, mw.settings, func(s profile.Settings) {
		mw.applySettings(s)
		mw.applyTheme(s.Theme)
	})
	sd.do, sd.modals = mw.do, mw.modals
	mw.modals.show(mw.win, sd.dialog, sd.onSave, sd.fields()...)
}

// redrawTick runs on the UI goroutine at most ten times a second: the
// queue's rows and totals catch up with the latest events, and a changed
// layout is saved once it rests.
func (mw *mainWindow) redrawTick() {
	mw.qpanel.tick()
	mw.keepMinimumSize()
	mw.rememberLayout()
	for _, p := range mw.panes {
		p.autoRefresh()
	}
}

// jobsFinished refreshes a pane showing the folder a transfer finished
// in, and opens files downloaded for View/Edit. It hears of every job
// that ended, failed and skipped ones too: a file that failed part way
// left its .part there, which the folder shows too.
func (mw *mainWindow) jobsFinished(jobs []queue.Job) {
	for _, j := range jobs {
		mw.edits.finished(j)
		partLeft := j.State == queue.JobFailed && !j.IsDir && j.Done > 0
		if j.State != queue.JobDone && !partLeft {
			continue
		}
		for _, p := range mw.panes {
			if p.src == nil || p.src.siteKey() != j.Dst.Site {
				continue
			}
			if j.State == queue.JobDone {
				p.tree.landed(j.Dst.Path, j.IsDir)
			}
			if p.src.parent(j.Dst.Path) == p.dir {
				p.refreshSoon()
			}
		}
	}
}
