package ui

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/profile"
)

// bookmarkItem finds a bookmark in the Bookmarks menu, under its
// server's submenu when server is not "".
func (h *harness) bookmarkItem(server, name string) *fyne.MenuItem {
	h.t.Helper()
	for _, it := range h.mw.marks.menu.Items {
		if server == "" && it.Label == name && it.ChildMenu == nil {
			return it
		}
		if it.ChildMenu != nil && it.Label == server {
			for _, sub := range it.ChildMenu.Items {
				if sub.Label == name {
					return sub
				}
			}
		}
	}
	h.t.Fatalf("no bookmark %q under %q in %v", name, server, menuLabels(h.mw.marks.menu.Items))
	return nil
}

// TestBookmarkConnectsItsSite opens a saved site's bookmarks while the
// right pane shows another server. The site whose port is closed is said
// to be unreachable and no pane moves; the one that asks for its password
// asks, connects in the right pane, and both panes go to the bookmark's
// folders with synchronised browsing on.
func TestBookmarkConnectsItsSite(t *testing.T) {
	srv, other := newServer(t), newServer(t)
	cfgDir, localDir := t.TempDir(), t.TempDir()
	work := filepath.Join(localDir, "work")
	if err := os.MkdirAll(filepath.Join(work, "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := l.Addr().(*net.TCPAddr).Port
	l.Close()

	sites, err := profile.OpenSiteStore(cfgDir)
	if err != nil {
		t.Fatal(err)
	}
	site, err := sites.Add(profile.Site{Name: "Test server", Host: srv.Host(), Port: srv.Port(),
		Protocol: ftpcore.TLSNone, User: "ferry", Logon: profile.LogonAsk})
	if err != nil {
		t.Fatal(err)
	}
	down, err := sites.Add(profile.Site{Name: "Down", Host: "127.0.0.1", Port: closedPort,
		Protocol: ftpcore.TLSNone, Logon: profile.LogonAnonymous})
	if err != nil {
		t.Fatal(err)
	}
	if err := sites.Save(); err != nil {
		t.Fatal(err)
	}
	marks, err := profile.OpenBookmarks(cfgDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []profile.Bookmark{
		{Name: "Deep", Site: site.ID, LocalDir: work, RemoteDir: "/pub/deep", Linked: true},
		{Name: "Nowhere", Site: down.ID, LocalDir: work, RemoteDir: "/x"},
	} {
		if err := marks.Add(b); err != nil {
			t.Fatal(err)
		}
	}

	h := newHarnessWithConfig(t, localDir, cfgDir)
	left := h.mw.panes[0]
	right := h.connect(other, "ferry", "s3cret", 1)
	otherKey := right.src.siteKey()
	h.mw.setActive(left)

	h.bookmarkItem("Down", "Nowhere").Action()
	h.waitFor("the connection refused", func() bool { return strings.Contains(h.overlayText(), "Cannot connect to Down") })
	if left.dir != localDir || right.src.siteKey() != otherKey || !left.busy.Hidden || !right.busy.Hidden {
		t.Fatalf("after a failed connection: left in %q, right shows %q (busy %v %v)",
			left.dir, right.src.siteKey(), !left.busy.Hidden, !right.busy.Hidden)
	}
	h.typeKey(fyne.KeyEscape)

	h.bookmarkItem("Test server", "Deep").Action()
	h.waitFor("the password dialog", func() bool { return len(h.overlayEntries()) == 1 })
	test.Type(h.overlayEntries()[0], "s3cret")
	h.typeKey(fyne.KeyReturn)
	h.waitFor("both panes at the bookmark", func() bool {
		return right.src.siteKey() == site.ID && right.dir == "/pub/deep" && left.dir == work &&
			left.busy.Hidden && right.busy.Hidden
	})
	if !h.mw.linked.on {
		t.Fatal("synchronised browsing is off")
	}
	left.navigate(localDir)
	h.waitFor("the server side followed", func() bool { return right.dir == "/pub" && right.busy.Hidden })
}

// TestBookmarkAsksMasterPassword opens the bookmark of a TLS site whose
// password is in the encrypted store: the master password is asked for,
// a wrong one is asked again, the right one connects the site once its
// certificate is trusted, and the bookmark's folder opens.
func TestBookmarkAsksMasterPassword(t *testing.T) {
	const master = "correct horse"
	conf, _ := ftptest.NewTLSConfig(t)
	srv := newServer(t, ftptest.WithTLS(conf))
	cfgDir, localDir := t.TempDir(), t.TempDir()
	sites, err := profile.OpenSiteStore(cfgDir)
	if err != nil {
		t.Fatal(err)
	}
	site, err := sites.Add(profile.Site{Name: "Locked", Host: srv.Host(), Port: srv.Port(),
		Protocol: ftpcore.TLSExplicit, User: "ferry", Logon: profile.LogonNormal})
	if err != nil {
		t.Fatal(err)
	}
	if err := sites.Save(); err != nil {
		t.Fatal(err)
	}
	if err := profile.NewEncryptedSecrets(cfgDir, func() (string, error) { return master, nil }).Set(site.ID, "s3cret"); err != nil {
		t.Fatal(err)
	}
	marks, err := profile.OpenBookmarks(cfgDir)
	if err != nil {
		t.Fatal(err)
	}
	if err := marks.Add(profile.Bookmark{Name: "Incoming", Site: site.ID, RemoteDir: "/incoming"}); err != nil {
		t.Fatal(err)
	}
	answers := make(chan string, 2)
	answers <- "wrong horse"
	answers <- master
	asked := 0
	secrets := profile.NewEncryptedSecrets(cfgDir, func() (string, error) {
		asked++ // on the store's goroutine, one at a time
		return <-answers, nil
	})
	h := newHarnessWithSecrets(t, localDir, cfgDir, fyne.Size{}, secrets)
	right := h.mw.panes[1]
	h.bookmarkItem("Locked", "Incoming").Action()
	h.waitFor("the certificate question", func() bool { return overlayOK(h.win) != nil })
	if right.dir == "/incoming" {
		t.Fatal("the pane moved before the certificate was trusted")
	}
	test.Tap(overlayOK(h.win))
	h.waitFor("the site connected at the bookmark", func() bool {
		return right.src != nil && right.src.siteKey() == site.ID && right.dir == "/incoming" && right.busy.Hidden
	})
	if asked != 2 {
		t.Errorf("the master password was asked %d times, want 2", asked)
	}
	if txt := h.overlayText(); txt != "" {
		t.Errorf("a dialog is open: %q", txt)
	}
}
