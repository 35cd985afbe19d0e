package ui

import (
	"context"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
	"ferry/ftpcore/queue"
)

// mainWindow is Ferry's main window: the quick-connect bar, the message
// log, two panes, the queue and the status bar. Its fields are used on the
// UI goroutine only, except where a field says otherwise.
type mainWindow struct {
	app fyne.App
	win fyne.Window
	opt windowOptions
	do  func(func())

	ctx    context.Context // cancelled when the window closes
	cancel context.CancelFunc
	wg     sync.WaitGroup // goroutines started by goWork

	prefs    *prefs
	settings *profile.SettingsStore // nil without a config folder
	sites    *profile.SiteStore     // nil without a config folder
	// sitesErr is why the site list could not be read, until a reload
	// succeeds; the site manager offers to recover from it.
	sitesErr error
	secrets  secretsHolder
	conns    *connRegistry // safe for concurrent use
	trust    *certTrust    // safe for concurrent use

	log    *messageLog
	queue  *queue.Queue
	qpanel *queuePanel
	status *statusBar
	quick  *quickConnect
	drag   *dragController
	edits  *editWatcher
	panes  [2]*pane
	active *pane
	modals *modalOwner // the dialogs that own the keyboard
	// siteMgr is the open site manager, or nil: prompts open over it.
	siteMgr *siteManager
	// compare is View ▸ Directory comparison.
	compare comparison
	linked  linkedBrowsing

	mnemonics map[rune]int // Alt+letter opens the menu at that index
	// ended is set under endMu as shutdown begins, before the window's
	// work is cancelled: no call passes doWhileOpen after that.
	endMu    sync.RWMutex
	ended    bool
	quitting bool // the user said to quit while transfers ran
	// layoutSeen is the layout at the last redraw tick, layoutSteady the
	// ticks it has stayed so, layoutSaved the one last saved.
	layoutSeen, layoutSaved windowLayout
	layoutSteady            int
	// sizeChecked is the window's size when keepMinimumSize last looked.
	sizeChecked fyne.Size
	splits      struct {
		log          *logSplit
		panes, queue *container.Split
	}
	// pendingErrs are start-up failures logged once the log exists.
	pendingErrs []error

	// history is the quick-connect drop-down; lastConn is what Server ▸
	// Reconnect opens again in each pane.
	history   *quickHistory
	sitesMenu *sitesMenu // the arrow beside Sites
	lastConn  [2]lastConnection
	marks     *bookmarks // the Bookmarks menu
	// trim gives the garbage of the start-up and of listings back to
	// the system once the window is quiet.
	trim *memoryTrimmer
}

// newMainWindow builds the window's content in w and starts the queue.
func newMainWindow(a fyne.App, w fyne.Window, opt windowOptions) *mainWindow {
	mw := &mainWindow{app: a, win: w, opt: opt, do: opt.Do}
	if mw.do == nil {
		mw.do = fyne.Do
	}
	mw.ctx, mw.cancel = context.WithCancel(context.Background())
	// The language chosen in Settings applies before any text is built.
	settingsErr := mw.openSettingsStore()
	_ = useLanguage(mw.currentSettings().Language)
	mw.trim = newMemoryTrimmer(opt.TrimAfter)
	mw.prefs = &prefs{p: a.Preferences()}
	mw.modals = newModalOwner()
	mw.conns = newConnRegistry()
	mw.trust = newCertTrust(mw)
	mw.log = newMessageLog(mw)
	for _, err := range mw.pendingErrs {
		mw.logError(lang.L("Trusted certificates"), err)
	}
	if settingsErr != nil {
		mw.logError(lang.L("Settings"), settingsErr)
	}
	mw.loadStores()
	if opt.Fonts != nil {
		<-opt.Fonts // the first text is measured below
	}
	mw.applyTheme(mw.currentSettings().Theme)
	mw.compare.load(mw.currentSettings())
	mw.compare.hideIdentical = mw.prefs.hideIdentical()
	mw.drag = newDragController(mw)
	mw.edits = newEditWatcher(mw)
	mw.goWork(mw.ctx, func(context.Context) { removeStaleCopies(mw.tempRoot()) })
	mw.status = newStatusBar(mw)
	mw.startQueue()
	mw.history = newQuickHistory(mw)
	mw.sitesMenu = newSitesMenu(mw)
	mw.quick = newQuickConnect(mw)
	mw.panes[0] = newPane(mw, 0)
	mw.panes[1] = newPane(mw, 1)
	mw.layout()
	mw.setMenus()
	mw.installKeys()
	w.SetOnDropped(mw.drag.osDrop)
	w.SetCloseIntercept(mw.close)

	localDir := opt.LocalDir
	for side, p := range mw.panes {
		dir := localDir
		if dir == "" {
			dir = mw.prefs.localDir(side)
		}
		p.setSource(&localSource{start: dir}, "")
	}
	mw.setActive(mw.panes[0])
	mw.log.start()
	mw.trim.soon()
	return mw
}

// openSettingsStore opens the settings of the config folder, if any.
func (mw *mainWindow) openSettingsStore() error {
	if mw.opt.ConfigDir == "" {
		return nil
	}
	var err error
	mw.settings, err = profile.OpenSettingsStore(mw.opt.ConfigDir)
	return err
}

// loadStores opens the sites and secrets of the config folder.
func (mw *mainWindow) loadStores() {
	dir := mw.opt.ConfigDir
	if dir == "" {
		return
	}
	if mw.sites, mw.sitesErr = profile.OpenSiteStore(dir); mw.sitesErr != nil {
		mw.logError(lang.L("Sites"), mw.sitesErr)
	}
	mw.secrets.open(mw, dir)
}

// currentSettings returns the saved settings, or the defaults.
func (mw *mainWindow) currentSettings() profile.Settings {
	if mw.settings == nil {
		return profile.DefaultSettings()
	}
	return mw.settings.Settings()
}

func (mw *mainWindow) layout() {
	size := fitWindow(mw.prefs.windowSize(), mw.opt.Screen)
	panes := container.NewHSplit(mw.panes[0].root, mw.panes[1].root)
	panes.Offset = mw.prefs.split("split.panes", 0.5)
	logOffset := mw.prefs.split("split.log", mw.defaultLogSplit(size.Height))
	work := container.NewVSplit(panes, mw.qpanel.root)
	work.Offset = mw.prefs.split("split.queue", mw.defaultQueueSplit(size.Height, logOffset))
	all := newLogSplit(mw.log.root, work, logOffset)
	mw.splits.log, mw.splits.panes, mw.splits.queue = all, panes, work
	content := container.NewBorder(mw.quick.root, mw.status.root, nil, nil, all)
	// Tab follows the order of objects: the bar first, the status last.
	content.Objects = []fyne.CanvasObject{mw.quick.root, all, mw.status.root}
	mw.win.SetContent(container.NewStack(content, mw.drag.layer))
	mw.win.Resize(size)
}

// setActive makes p the pane that keys and menu commands act on.
func (mw *mainWindow) setActive(p *pane) {
	mw.active = p
	for _, q := range mw.panes {
		if q != nil {
			q.setActive(q == p)
		}
	}
	if mw.quick != nil {
		mw.quick.refreshButtons() // Disconnect follows the active pane
	}
}

// showLocal puts the local disk back in a pane.
func (mw *mainWindow) showLocal(p *pane) {
	if p.src != nil && p.src.local() {
		return
	}
	p.setSource(&localSource{start: mw.prefs.localDir(p.side)}, "")
}

// sourcesChanged updates what depends on the panes' sources.
func (mw *mainWindow) sourcesChanged() {
	if mw.status != nil {
		mw.status.refreshConnections()
	}
	if mw.quick != nil {
		mw.quick.refreshButtons()
	}
}

// showError tells the user about a failure and records it in the log.
func (mw *mainWindow) showError(what string, err error) {
	mw.logError(what, err)
	mw.modals.showMessage(mw.win, lang.L("Error"), flatText(whatFailed(what, err)), theme.ErrorIcon())
}

// logError records a failure in the message log only.
func (mw *mainWindow) logError(what string, err error) {
	mw.log.add(ftpcore.TranscriptLine{Time: time.Now(), Dir: ftpcore.DirError, Text: whatFailed(what, err)})
}

// close remembers the window's geometry, stops the queue and every
// goroutine, then closes the window; an open site manager closes first,
// once its site list is written, and work that closing would cut or lose
// asks first (askBeforeQuit).
func (mw *mainWindow) close() {
	if mw.closeSiteManagerFirst() {
		return
	}
	if mw.askBeforeQuit() {
		return
	}
	mw.saveLayout()
	mw.shutdown()
	mw.win.Close()
}

// saveLayout remembers the window's size and where its splits are.
func (mw *mainWindow) saveLayout() {
	l := mw.currentLayout()
	mw.prefs.setWindowSize(l.size)
	mw.prefs.setSplit("split.panes", l.splits[0])
	mw.prefs.setSplit("split.queue", l.splits[1])
	mw.prefs.setSplit("split.log", l.splits[2])
	for i, p := range mw.panes {
		mw.prefs.setSplit(sideKey(p.side, "treesplit"), l.splits[3+i])
	}
	mw.layoutSaved = l
}

// windowLayout is what saveLayout remembers.
type windowLayout struct {
	size   fyne.Size
	splits [5]float64 // panes, queue, log, each pane's tree
}

func (mw *mainWindow) currentLayout() windowLayout {
	l := windowLayout{size: mw.win.Canvas().Size(),
		splits: [5]float64{mw.splits.panes.Offset, mw.splits.queue.Offset, mw.splits.log.Offset}}
	for i, p := range mw.panes {
		if p != nil {
			l.splits[3+i] = p.treeSplit.Offset
		}
	}
	return l
}

// layoutSteadyTicks is how many redraw ticks (a tenth of a second each)
// a changed layout must stay as it is before it is saved: a split being
// dragged is saved once, when it rests.
const layoutSteadyTicks = 10

// rememberLayout saves the layout once it has changed and then rested,
// on the redraw tick. Fyne ends the app on SIGTERM (a session's logout)
// without closing the window, and what changes the preferences after its
// loop has stopped is not written: the layout is saved as it goes.
func (mw *mainWindow) rememberLayout() {
	l := mw.currentLayout()
	if l != mw.layoutSeen {
		mw.layoutSeen, mw.layoutSteady = l, 0
		return
	}
	if mw.layoutSteady < layoutSteadyTicks {
		mw.layoutSteady++
	}
	if mw.layoutSteady == layoutSteadyTicks && l != mw.layoutSaved && l.size.Width > 0 {
		mw.saveLayout()
	}
}

// shutdown stops background work and waits for it (bounded, so that a
// hung server cannot keep the app from quitting).
func (mw *mainWindow) shutdown() {
	mw.endMu.Lock()
	was := mw.ended
	mw.ended = true
	mw.endMu.Unlock()
	if was {
		return
	}
	mw.cancel()
	for _, p := range mw.panes {
		if p.src != nil {
			p.src.close()
		}
	}
	mw.edits.stop()
	mw.trim.close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if mw.queue != nil {
		_ = mw.queue.Close(ctx)
	}
	mw.log.stop()
	done := make(chan struct{})
	go func() { mw.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// doWhileOpen runs f on the UI goroutine, as do does, unless the window
// has ended. A question cancelled by the end (its context goes with the
// window's) has no dialog left to hide, and Fyne, its event loop ended,
// would run f on the caller's goroutine, off the UI's.
// (do only queues f, so the read lock is held for no time; f must not
// call doWhileOpen.)
func (mw *mainWindow) doWhileOpen(f func()) {
	mw.endMu.RLock()
	defer mw.endMu.RUnlock()
	if !mw.ended {
		mw.do(f)
	}
}

// hasEnded reports whether shutdown has begun; any goroutine.
func (mw *mainWindow) hasEnded() bool {
	mw.endMu.RLock()
	defer mw.endMu.RUnlock()
	return mw.ended
}

// statePath returns a file in the config folder, or "" without one.
func (mw *mainWindow) statePath(name string) string {
	if mw.opt.ConfigDir == "" {
		return ""
	}
	return filepath.Join(mw.opt.ConfigDir, name)
}
