package ui

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
	"ferry/ftpcore/queue"
)

// connRegistry remembers the Config of every server connected in this
// run, by the key the queue knows it by, so that the queue can open its
// own sessions to it. Passwords stay in memory. Safe for concurrent use.
type connRegistry struct {
	mu   sync.Mutex
	cfgs map[string]ftpcore.Config
}

func newConnRegistry() *connRegistry { return &connRegistry{cfgs: map[string]ftpcore.Config{}} }

func (r *connRegistry) set(key string, cfg ftpcore.Config) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cfgs[key] = cfg
}

func (r *connRegistry) get(key string) (ftpcore.Config, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	cfg, ok := r.cfgs[key]
	return cfg, ok
}

// quickKey is the queue's key for a quick connection: a URL without the
// password, since keys are saved with the queue.
func quickKey(cfg ftpcore.Config) string {
	scheme := "ftp"
	switch cfg.TLS {
	case ftpcore.TLSExplicit:
		scheme = "ftpes"
	case ftpcore.TLSImplicit:
		scheme = "ftps"
	}
	user := cfg.User
	if user == "" {
		user = "anonymous"
	}
	return scheme + "://" + user + "@" + cfg.Addr
}

// errUnknownSite is returned for a saved site's key when there is no
// site list (no config folder).
var errUnknownSite = errors.New("no saved sites in this session")

// resolve is the queue's Options.Resolve: the Config of a connected
// server or of a saved site, with the log and the certificate check
// attached. It runs on queue goroutines. A quick connection not made in
// this run (its password is never saved) and a saved site that asks for
// its password give ftpcore.ErrSiteUnavailable: their jobs wait until
// the user connects to the server, which wakes them (see connect).
func (mw *mainWindow) resolve(ctx context.Context, key string) (ftpcore.Config, error) {
	cfg, ok := mw.conns.get(key)
	if ok {
		// Connected earlier, maybe under other settings: the transfer
		// type, ASCII rules, transfer mode and timeouts saved since
		// apply to the transfers that start now.
		var site profile.Site // a quick connection: no overrides
		if !isQuickKey(key) {
			if s, err := mw.lookupSite(key); err == nil {
				site = s
			}
		}
		cfg = mw.currentSettings().ApplyTo(cfg, site)
	}
	if !ok {
		if isQuickKey(key) {
			return ftpcore.Config{}, queue.ErrSiteUnavailable
		}
		site, err := mw.lookupSite(key)
		if err != nil {
			return ftpcore.Config{}, err
		}
		pw, err := profile.SitePassword(site, mw.secrets.get(), nil)
		if errors.Is(err, profile.ErrNoPasswordPrompt) {
			return ftpcore.Config{}, fmt.Errorf("%w: %w", queue.ErrSiteUnavailable, err)
		}
		if err != nil {
			return ftpcore.Config{}, err
		}
		cfg = mw.currentSettings().SiteConfig(site, pw)
	}
	cfg.Name = mw.serverLabel(key)
	mw.hook(&cfg)
	return cfg, nil
}

func (mw *mainWindow) lookupSite(id string) (profile.Site, error) {
	if mw.sites == nil {
		return profile.Site{}, errUnknownSite
	}
	return mw.sites.Get(id)
}

// isQuickKey tells a quick connection's key (a URL, see quickKey) from a
// saved site's ID, which has no "://".
func isQuickKey(key string) bool { return strings.Contains(key, "://") }

// hook attaches the message log and the certificate check to a Config.
func (mw *mainWindow) hook(cfg *ftpcore.Config) {
	cfg.Transcript = mw.log.add
	cfg.TrustCert = mw.trust.forAddr(cfg.Addr)
}

func hostOf(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}

// connect dials a server for a pane and shows dir (or the login folder)
// there. key is how the queue reaches the same server.
func (mw *mainWindow) connect(key string, cfg ftpcore.Config, side int, dir string) {
	mw.connectThen(key, cfg, side, dir, nil)
}

// connectThen is connect, calling loggedIn (when not nil) on the UI
// goroutine once the server accepted the login and the pane shows it. A
// failure is shown to the user and loggedIn is not called; neither is it
// when another connection or the local disk took the pane meanwhile.
func (mw *mainWindow) connectThen(key string, cfg ftpcore.Config, side int, dir string, loggedIn func()) {
	p := mw.panes[side]
	cfg.Name = mw.serverLabel(key)
	mw.hook(&cfg)
	mw.conns.set(key, cfg)
	mw.noteConnection(side, key, cfg, dir)
	p.title.SetText(lang.L("Connecting…"))
	p.setBusy(true)
	p.gen++ // a listing of the old source must not land on the new one
	gen := p.gen
	mw.goWork(mw.ctx, func(ctx context.Context) {
		sess, err := ftpcore.Dial(ctx, cfg)
		if err == nil && sess.Secure() && cfg.TLS == ftpcore.TLSExplicitIfAvailable && !isQuickKey(key) && mw.sites != nil {
			// From now on this site refuses to fall back to clear text.
			if nerr := mw.sites.NoteTLS(key); nerr != nil {
				mw.logError(lang.L("Cannot remember that the server offers TLS"), nerr)
			}
		}
		mw.do(func() {
			if gen != p.gen || mw.ctx.Err() != nil {
				if sess != nil {
					go sess.Close()
				}
				return
			}
			p.setBusy(false)
			if err != nil {
				if p.src != nil {
					p.title.SetText(titleOf(p.src))
					// The connection made the pane's own listing in
					// flight stale: when the pane shows no folder yet
					// (the app started with a URL), it would stay on
					// "Listing…", empty, so it lists again.
					if p.dir == "" {
						p.navigate("")
					}
				}
				mw.showError(lang.X("connect.failed", "Cannot connect to {{.Host}}",
					map[string]any{"Host": cfg.Name}), err)
				return
			}
			p.setSource(newRemoteSource(key, cfg, sess), dir)
			mw.setActive(p)
			p.list.focus()
			// The queue can reach this server now: jobs restored from an
			// earlier run, waiting for its password, can run.
			if mw.queue != nil {
				mw.queue.Wake(key)
			}
			if loggedIn != nil {
				loggedIn()
			}
		})
	})
}

func titleOf(src paneSource) string {
	if src.local() {
		return lang.L("Local:")
	}
	return src.title()
}

// connectSite connects a saved site, as the site manager asks.
func (mw *mainWindow) connectSite(site profile.Site, cfg ftpcore.Config, rightPane bool) {
	side := 0
	if rightPane {
		side = 1
	}
	mw.connectThen(site.ID, cfg, side, site.RemoteDir, mw.withSiteLocalDir(site, side, nil))
}

// withSiteLocalDir returns loggedIn preceded by the site's default local
// folder (Site Manager ▸ Advanced): once the site shows in pane side, the
// other pane, when it shows this computer, opens that folder, as
// FileZilla does. A bookmark's own local folder, opened by its loggedIn,
// comes after and wins.
func (mw *mainWindow) withSiteLocalDir(site profile.Site, side int, loggedIn func()) func() {
	dir := site.LocalDir
	if dir == "" {
		return loggedIn
	}
	return func() {
		if o := mw.panes[side].other(); o.src != nil && o.src.local() && o.dir != dir {
			o.navigate(dir)
		}
		if loggedIn != nil {
			loggedIn()
		}
	}
}

// disconnect puts the local disk back in a pane showing a server.
func (mw *mainWindow) disconnect(side int) {
	mw.keepFolder(mw.panes[side])
	mw.showLocal(mw.panes[side])
}

// certTrust remembers the certificates trusted during this run, so that
// the queue's own sessions to a server do not ask again what its
// browsing session asked; the rest goes to the certificate dialog and its
// store of certificates trusted always. Safe for concurrent use; one
// question at a time.
type certTrust struct {
	mw    *mainWindow
	store *profile.CertStore // nil without a config folder
	ask   sync.Mutex

	mu   sync.Mutex
	once map[string]bool
}

func newCertTrust(mw *mainWindow) *certTrust {
	t := &certTrust{mw: mw, once: map[string]bool{}}
	if dir := mw.opt.ConfigDir; dir != "" {
		store, err := profile.OpenCertStore(dir)
		if err != nil {
			mw.pendingErrs = append(mw.pendingErrs, err)
		}
		t.store = store
	}
	return t
}

func certKey(addr string, info ftpcore.CertInfo) string {
	return strings.ToLower(addr) + " " + ftpcore.Fingerprint(info.DER)
}

func (t *certTrust) trustedNow(key string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.once[key]
}

// forAddr returns the Config.TrustCert of sessions to addr. It blocks
// the connecting goroutine until the user answers, and gives up when ctx
// ends.
func (t *certTrust) forAddr(addr string) func(context.Context, ftpcore.CertInfo) (bool, error) {
	mw := t.mw
	asker := certAsker{parent: mw.promptParent, do: mw.doWhileOpen, show: func(win fyne.Window, cd *certDialog) {
		mw.modals.show(win, cd.dialog, cd.enter, cd.keys()...)
	}}
	prompt := trustVia(t.store, addr, asker.decide)
	return func(ctx context.Context, info ftpcore.CertInfo) (bool, error) {
		key := certKey(addr, info)
		if t.trustedNow(key) {
			return true, nil
		}
		t.ask.Lock()
		defer t.ask.Unlock()
		if t.trustedNow(key) { // answered while this one waited its turn
			return true, nil
		}
		ok, err := prompt(ctx, info)
		if ok && err == nil {
			t.mu.Lock()
			t.once[key] = true
			t.mu.Unlock()
		}
		return ok, err
	}
}

// secretsHolder opens the password store off the UI goroutine (probing
// the system keyring can take seconds) and hands it out once ready.
type secretsHolder struct {
	mu    sync.Mutex
	store profile.SecretStore
	err   error
}

func (h *secretsHolder) open(mw *mainWindow, dir string) {
	if mw.opt.Secrets != nil {
		h.store = mw.opt.Secrets
		return
	}
	mw.goWork(mw.ctx, func(context.Context) {
		s, err := profile.OpenSecrets(dir, mw.masterPasswordPrompt(dir))
		h.mu.Lock()
		h.store, h.err = s, err
		h.mu.Unlock()
	})
}

func (h *secretsHolder) get() profile.SecretStore {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.store
}
