package ui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/listing"
	"ferry/ftpcore/profile"
)

// bookmarks is the Bookmarks menu: pairs of a local and a remote folder,
// global or for one server, kept in bookmarks.json. Used on the UI
// goroutine; the store writes its file on work goroutines.
type bookmarks struct {
	store *profile.BookmarkStore // nil without a config folder
	menu  *fyne.Menu
	// onChange refreshes the open Manage bookmarks dialog, if any.
	onChange func()
}

// noBookmarkStore is why bookmarks cannot be kept: no config folder.
func noBookmarkStore() error {
	return errors.New(lang.L("There is no configuration folder to keep bookmarks in."))
}

// bookmarksMenu returns the Bookmarks menu, opening the store the first
// time.
func (mw *mainWindow) bookmarksMenu() *fyne.Menu {
	if mw.marks == nil {
		mw.marks = &bookmarks{}
		if dir := mw.opt.ConfigDir; dir != "" {
			store, err := profile.OpenBookmarks(dir)
			if err != nil {
				mw.logError(lang.L("Bookmarks"), err)
			}
			mw.marks.store = store
		}
	}
	mw.marks.menu = fyne.NewMenu(lang.L("Bookmarks"))
	mw.fillBookmarksMenu()
	return mw.marks.menu
}

// fillBookmarksMenu lists Add and Manage, then the global bookmarks, then
// a submenu per server with bookmarks of its own.
func (mw *mainWindow) fillBookmarksMenu() {
	m := mw.marks.menu
	m.Items = []*fyne.MenuItem{
		fyne.NewMenuItem(lang.L("Add bookmark…"), mw.addBookmark),
		fyne.NewMenuItem(lang.L("Manage bookmarks…"), mw.manageBookmarks),
	}
	if mw.marks.store == nil {
		return
	}
	all := mw.marks.store.All()
	if len(all) > 0 {
		m.Items = append(m.Items, fyne.NewMenuItemSeparator())
	}
	sites := map[string]*fyne.Menu{}
	for _, b := range all {
		item := fyne.NewMenuItem(b.Name, func() { mw.openBookmark(b) })
		if b.Site == "" {
			m.Items = append(m.Items, item)
			continue
		}
		sub := sites[b.Site]
		if sub == nil {
			sub = fyne.NewMenu(mw.serverLabel(b.Site))
			sites[b.Site] = sub
			parent := fyne.NewMenuItem(sub.Label, nil)
			parent.ChildMenu = sub
			m.Items = append(m.Items, parent)
		}
		sub.Items = append(sub.Items, item)
	}
	if main := mw.win.MainMenu(); main != nil {
		main.Refresh()
	}
}

// bookmarkPanes picks the pane showing a server (the active one first,
// or the one showing site when it is not "") and a pane showing the
// local disk; either may be nil.
func (mw *mainWindow) bookmarkPanes(site string) (remote, local *pane) {
	order := []*pane{mw.active, mw.active.other()}
	for _, p := range order {
		switch {
		case p.src == nil:
		case p.src.local():
			if local == nil {
				local = p
			}
		case remote == nil && (site == "" || p.src.siteKey() == site):
			remote = p
		}
	}
	return remote, local
}

// addBookmark asks for a name and the two folders, filled in from the
// panes, and whether the bookmark belongs to the connected server only.
func (mw *mainWindow) addBookmark() {
	if mw.marks.store == nil {
		mw.showError(lang.L("Bookmarks"), noBookmarkStore())
		return
	}
	remote, local := mw.bookmarkPanes("")
	name, localDir, remoteDir := newDialogEntry(), newDialogEntry(), newDialogEntry()
	if local != nil {
		localDir.SetText(local.dir)
	}
	site := ""
	onlySite := newDialogCheck(lang.L("Only for this server"), nil)
	onlySite.Disable()
	if remote != nil {
		remoteDir.SetText(remote.dir)
		site = remote.src.siteKey()
		onlySite.Text = lang.X("bookmark.only", "Only for {{.Server}}", map[string]any{"Server": mw.serverLabel(site)})
		onlySite.Enable()
		onlySite.SetChecked(true)
	}
	linked := newDialogCheck(lang.L("Synchronised browsing"), nil)
	d := newFormBox(lang.L("Add bookmark"), lang.L("Add"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), name),
		widget.NewFormItem(lang.L("Local folder"), localDir),
		widget.NewFormItem(lang.L("Remote folder"), remoteDir),
		widget.NewFormItem("", onlySite),
		widget.NewFormItem("", linked),
	}, func(ok bool) {
		if !ok {
			return
		}
		b := profile.Bookmark{Name: name.Text, LocalDir: localDir.Text, RemoteDir: remoteDir.Text, Linked: linked.Checked}
		if onlySite.Checked {
			b.Site = site
		}
		mw.saveBookmark(func(s *profile.BookmarkStore) error { return s.Add(b) })
	}, mw.win)
	d.Resize(fyne.NewSize(560, 0))
	// The tick boxes keep the focus a click gives them: Enter adds and
	// Escape cancels from there too.
	mw.modals.show(mw.win, d, nil, d.keys(name, localDir, remoteDir, onlySite, linked)...)
	mw.win.Canvas().Focus(name)
}

// saveBookmark runs a change of the store off the UI goroutine, then
// lists the bookmarks again or says why it failed.
func (mw *mainWindow) saveBookmark(change func(*profile.BookmarkStore) error) {
	store := mw.marks.store
	mw.goWork(mw.ctx, func(context.Context) {
		err := change(store)
		mw.do(func() {
			if err != nil {
				mw.showError(lang.L("Bookmarks"), err)
				return
			}
			mw.fillBookmarksMenu()
			if mw.marks.onChange != nil {
				mw.marks.onChange()
			}
		})
	})
}

// openBookmark takes the panes to a bookmark's folders: the remote one in
// the pane showing a server (its own server for a site's bookmark), the
// local one in a pane showing the local disk. Both are listed first and
// shown together, so that synchronised browsing (on, if the bookmark asks,
// from these two folders) does not drag one pane along with the other's
// move; a folder that is missing is said, and no pane moves.
//
// A site's bookmark connects its site first when no pane shows it (see
// connectBookmark).
func (mw *mainWindow) openBookmark(b profile.Bookmark) {
	mw.openBookmarkConnecting(b, true)
}

// openBookmarkConnecting is openBookmark; connect says whether a site's
// bookmark may connect its site (not again after connecting it).
func (mw *mainWindow) openBookmarkConnecting(b profile.Bookmark, connect bool) {
	remote, local := mw.bookmarkPanes(b.Site)
	failed := lang.X("bookmark.cannot", "Cannot open the bookmark {{.Name}}", map[string]any{"Name": b.Name})
	if b.Site != "" && remote == nil && connect {
		mw.connectBookmark(b, failed)
		return
	}
	if b.RemoteDir != "" && remote == nil {
		what := lang.L("no server is connected")
		if b.Site != "" {
			what = lang.X("bookmark.connect", "connect to {{.Server}} first", map[string]any{"Server": mw.serverLabel(b.Site)})
		}
		mw.showError(failed, errors.New(what))
		return
	}
	type move struct {
		p   *pane
		dir string
		gen int
		l   *listing.Result
	}
	var moves []*move
	if local != nil && b.LocalDir != "" {
		moves = append(moves, &move{p: local, dir: b.LocalDir})
	}
	if remote != nil && b.RemoteDir != "" {
		moves = append(moves, &move{p: remote, dir: b.RemoteDir})
	}
	pending := len(moves)
	var firstErr error
	arrived := func() {
		stale := false
		for _, m := range moves {
			if m.gen != m.p.gen {
				stale = true // the user went elsewhere meanwhile
				continue
			}
			m.p.setBusy(false)
		}
		if stale {
			return
		}
		if firstErr != nil {
			mw.showError(failed, firstErr)
			return
		}
		mw.linked.following = true
		for _, m := range moves {
			m.p.show(m.dir, m.l, false, "")
		}
		mw.linked.following = false
		if b.Linked && len(moves) == 2 {
			mw.setLinked(true)
		}
	}
	for _, m := range moves {
		p := m.p
		if p.listStop != nil {
			p.listStop()
		}
		p.gen++
		m.gen = p.gen
		src, hidden := p.src, p.model.showHidden
		ctx, cancel := context.WithCancel(p.srcCtx)
		p.listStop = cancel
		p.setBusy(true)
		mw.goWork(ctx, func(ctx context.Context) {
			defer cancel()
			l, err := src.list(ctx, m.dir, hidden)
			mw.do(func() {
				m.l = l
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("%s: %w", m.dir, err)
				}
				if pending--; pending == 0 {
					arrived()
				}
			})
		})
	}
}

// connectBookmark connects the server of a site's bookmark, then opens
// the bookmark. It connects in the pane that shows another server (the
// active one first), else in the pane chosen in the quick-connect bar,
// the same way as the site drop-down: the password from the secret store
// or asked for, the certificate question if there is one. When the
// connection fails, that is said and neither pane moves. A quick
// connection's bookmark can reconnect only to a server connected earlier
// in this run, whose password is in memory.
func (mw *mainWindow) connectBookmark(b profile.Bookmark, failed string) {
	side := max(mw.quick.side.SelectedIndex(), 0)
	for _, p := range []*pane{mw.active, mw.active.other()} {
		if p.src != nil && !p.src.local() {
			side = p.side
			break
		}
	}
	then := func() { mw.openBookmarkConnecting(b, false) }
	if isQuickKey(b.Site) {
		cfg, ok := mw.conns.get(b.Site)
		if !ok {
			mw.showError(failed, errors.New(lang.X("bookmark.connect", "connect to {{.Server}} first",
				map[string]any{"Server": mw.serverLabel(b.Site)})))
			return
		}
		mw.connectThen(b.Site, cfg, side, b.RemoteDir, then)
		return
	}
	site, err := mw.lookupSite(b.Site)
	if err != nil {
		mw.showError(failed, err)
		return
	}
	mw.openSite(site, side, then)
}
