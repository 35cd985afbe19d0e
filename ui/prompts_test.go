package ui

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/profile"
)

// quickTLS starts a quick TLS connection to srv without waiting.
func (h *harness) quickTLS(srv *ftptest.Server, side int) {
	q := h.mw.quick
	q.host.SetText(srv.Host())
	q.port.SetText(strconv.Itoa(srv.Port()))
	q.user.SetText("ferry")
	q.password.SetText("s3cret")
	q.protocol.SetSelectedIndex(1)
	q.side.SetSelectedIndex(side)
	test.Tap(q.connect)
}

// overlayOK finds the certificate dialog's OK on a window.
func overlayOK(w fyne.Window) *widget.Button {
	for _, o := range w.Canvas().Overlays().List() {
		for _, b := range findAll[*dialogButton](o) {
			if b.Text == "OK" {
				return &b.Button
			}
		}
	}
	return nil
}

// TestPromptOwner: the certificate question opens over the site manager
// while it is open, over the main window otherwise; connecting a site
// from the site manager closes it.
func TestPromptOwner(t *testing.T) {
	conf, _ := ftptest.NewTLSConfig(t)
	a := ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"), ftptest.WithTLS(conf))
	b := ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"), ftptest.WithTLS(conf))
	h := newHarness(t, localTree(t))

	h.mw.openSiteManager()
	h.runTasks()
	sm := h.mw.siteMgr
	if sm == nil {
		t.Fatal("no site manager")
	}
	h.quickTLS(a, 0)
	h.waitFor("the certificate question", func() bool { return overlayOK(sm.win) != nil || overlayOK(h.win) != nil })
	if overlayOK(h.win) != nil || overlayOK(sm.win) == nil {
		t.Fatal("the certificate question opened under the site manager, on the main window")
	}
	// It owns the site manager's keyboard: Enter trusts, as OK does.
	sm.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	p := h.mw.panes[0]
	h.waitFor("connected", func() bool { return p.src != nil && !p.src.local() && p.dir != "" })

	sm.win.Close()
	if h.mw.siteMgr != nil {
		t.Fatal("the site manager is still remembered after closing")
	}
	h.quickTLS(b, 1)
	h.waitFor("the certificate question", func() bool { return overlayOK(h.win) != nil })
	test.Tap(overlayOK(h.win))
	h.waitFor("connected", func() bool { return h.mw.panes[1].src != nil && !h.mw.panes[1].src.local() })

	// Connecting a site from the site manager closes it.
	anon := ftptest.NewServer(t, ftptest.WithAnonymous())
	site, err := h.mw.sites.Add(profile.Site{Name: "Anon", Host: anon.Host(), Port: anon.Port(),
		Protocol: ftpcore.TLSNone, Logon: profile.LogonAnonymous})
	if err != nil {
		t.Fatal(err)
	}
	h.mw.openSiteManager()
	sm = h.mw.siteMgr
	sm.refreshTree()
	sm.selectNode(siteID(site.ID))
	sm.connect(true)
	h.runTasks()
	if h.mw.siteMgr != nil {
		t.Fatal("the site manager stayed open after connecting")
	}
	h.waitFor("the site connected", func() bool {
		p := h.mw.panes[1]
		return p.src != nil && p.src.siteKey() == site.ID && p.dir != ""
	})
}

// TestMasterPasswordChosenTwice: the window's password store chooses the
// master password with the two-field prompt when there is none yet.
func TestMasterPasswordChosenTwice(t *testing.T) {
	h := newHarness(t, localTree(t))
	dir := t.TempDir()
	ask := h.mw.masterPasswordPrompt(dir)
	got := make(chan string, 1)
	go func() { pw, _ := ask(); got <- pw }()
	var w fyne.Window
	h.waitFor("the prompt window", func() bool {
		ws := h.app.Driver().AllWindows()
		w = ws[len(ws)-1]
		return w != h.win
	})
	entries := findAll[*dialogEntry](w.Content())
	if len(entries) != 2 {
		t.Fatalf("choosing the master password shows %d fields, want 2", len(entries))
	}
	typeInto(w, entries[0], "long enough")
	typeInto(w, entries[1], "long enough")
	entries[1].OnSubmitted(entries[1].Text)
	if pw := <-got; pw != "long enough" {
		t.Fatalf("chose %q", pw)
	}
	if _, err := os.Stat(filepath.Join(dir, profile.SecretsFileName)); err == nil {
		t.Error("the prompt wrote the secrets file itself")
	}

	// Escape cancels the prompt.
	go func() { _, err := ask(); got <- err.Error() }()
	h.waitFor("the prompt window", func() bool {
		ws := h.app.Driver().AllWindows()
		w = ws[len(ws)-1]
		return w != h.win && w.Content() != nil && len(findAll[*dialogEntry](w.Content())) > 0
	})
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if msg := <-got; msg != ErrMasterPasswordCancelled.Error() {
		t.Fatalf("Escape: %q", msg)
	}
}
