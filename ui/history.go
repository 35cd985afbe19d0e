package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// quickHistory is the drop-down beside Connect: the last ten quick
// connections, kept in history.json without their passwords. It is used
// on the UI goroutine; the store writes its file on a work goroutine.
type quickHistory struct {
	mw     *mainWindow
	store  *profile.HistoryStore // nil without a config folder
	button *flatButton
}

func newQuickHistory(mw *mainWindow) *quickHistory {
	h := &quickHistory{mw: mw}
	if dir := mw.opt.ConfigDir; dir != "" {
		store, err := profile.OpenHistory(dir)
		if err != nil {
			mw.logError(lang.L("Connection history"), err)
		}
		h.store = store
	}
	h.button = newFlatButton("", theme.MenuDropDownIcon(), h.pop)
	return h
}

// entries lists the remembered connections, most recent first.
func (h *quickHistory) entries() []profile.QuickEntry {
	if h.store == nil {
		return nil
	}
	return h.store.Entries()
}

// menu is the drop-down's content.
func (h *quickHistory) menu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, e := range h.entries() {
		items = append(items, fyne.NewMenuItem(e.String(), func() { h.open(e) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(lang.L("No recent connections"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	return fyne.NewMenu("", items...)
}

func (h *quickHistory) pop() {
	c := h.mw.win.Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.button)
	widget.ShowPopUpMenuAtPosition(h.menu(), c, pos.AddXY(0, h.button.Size().Height))
}

// remember records a quick connection whose login succeeded; the
// password is not part of what is kept.
func (h *quickHistory) remember(t quickTarget) {
	if h.store == nil {
		return
	}
	e := profile.QuickEntry{Host: t.host, Port: t.port, User: t.user, Protocol: t.tls}
	store := h.store
	h.mw.goWork(h.mw.ctx, func(context.Context) {
		if err := store.Remember(e); err != nil {
			h.mw.do(func() { h.mw.logError(lang.L("Connection history"), err) })
		}
	})
}

// open fills the bar from an entry and connects when no password is
// needed: an anonymous login, or a server connected earlier in this run
// (whose password is in memory only). Otherwise the password field
// waits for the user.
func (h *quickHistory) open(e profile.QuickEntry) {
	q := h.mw.quick
	t := quickTarget{host: e.Host, port: e.Port, user: e.User, tls: e.Protocol}
	side := max(q.side.SelectedIndex(), 0)
	q.fill(t, side)
	if t.port == 0 {
		q.port.SetText("")
	}
	cfg := t.config(h.mw.currentSettings())
	if known, ok := h.mw.conns.get(quickKey(cfg)); ok && known.Password != "" {
		t.password = known.Password
		q.password.SetText(t.password)
	}
	if t.password != "" || t.user == "" || strings.EqualFold(t.user, "anonymous") {
		q.start(t, side)
		return
	}
	h.mw.win.Canvas().Focus(q.password)
}

// lastConnection is what Server ▸ Reconnect opens again in a pane.
type lastConnection struct {
	key string
	cfg ftpcore.Config
	dir string
}

// noteConnection remembers a pane's connection for Reconnect.
func (mw *mainWindow) noteConnection(side int, key string, cfg ftpcore.Config, dir string) {
	mw.lastConn[side] = lastConnection{key: key, cfg: cfg, dir: dir}
}

// keepFolder remembers the folder a pane shows of its server, so that
// Reconnect after Disconnect comes back to it.
func (mw *mainWindow) keepFolder(p *pane) {
	last := &mw.lastConn[p.side]
	if p.src != nil && !p.src.local() && p.src.siteKey() == last.key && p.dir != "" {
		last.dir = p.dir
	}
}

// reconnect opens the active pane's last server again, in the folder
// it shows (or showed when it was connected), as FileZilla's Server ▸
// Reconnect does after a drop or a disconnect.
func (mw *mainWindow) reconnect() {
	p := mw.active
	if p == nil {
		return
	}
	last := mw.lastConn[p.side]
	if last.key == "" {
		mw.logError(lang.L("Reconnect"), errors.New(lang.L("this pane has not been connected to a server yet")))
		return
	}
	mw.keepFolder(p)
	mw.connect(last.key, last.cfg, p.side, mw.lastConn[p.side].dir)
}

// reconnectMenuItem is Server ▸ Reconnect. It has no key: Ctrl+R stays
// Refresh, as F5 is taken by transfers.
func (mw *mainWindow) reconnectMenuItem() *fyne.MenuItem {
	return fyne.NewMenuItem(lang.L("Reconnect"), mw.reconnect)
}
