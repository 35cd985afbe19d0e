package ui

import (
	"path/filepath"
	"testing"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/profile"
)

// TestSiteDefaultLocalFolder: a saved site's "Default local folder"
// (Site Manager ▸ Advanced) opens in the local pane once the site is
// connected in the other one, from the Sites list and from the site
// manager's Connect. Before, it was saved and never read: the local
// pane stayed where it was.
func TestSiteDefaultLocalFolder(t *testing.T) {
	root := localTree(t)
	want := filepath.Join(root, "sub")
	srv := ftptest.NewServer(t, ftptest.WithAnonymous())
	h := newHarness(t, root)
	left := h.mw.panes[0]
	h.waitFor("local pane listed", func() bool { return left.dir == root && left.busy.Hidden })
	site, err := h.mw.sites.Add(profile.Site{Name: "Web", Host: srv.Host(), Port: srv.Port(),
		Protocol: ftpcore.TLSNone, Logon: profile.LogonAnonymous, LocalDir: want})
	if err != nil {
		t.Fatal(err)
	}
	right := h.mw.panes[1]

	h.mw.openSite(site, 1, nil)
	h.waitFor("the site's local folder, from the Sites list", func() bool {
		return right.src != nil && right.src.siteKey() == site.ID && left.dir == want && left.busy.Hidden
	})

	left.navigate(root)
	h.waitFor("back in the first folder", func() bool { return left.dir == root && left.busy.Hidden })
	h.mw.disconnect(1)
	h.mw.connectSite(site, h.mw.currentSettings().SiteConfig(site, ""), true)
	h.waitFor("the site's local folder, from the site manager", func() bool {
		return right.src != nil && right.src.siteKey() == site.ID && left.dir == want && left.busy.Hidden
	})
}
