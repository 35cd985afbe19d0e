package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/profile"
)

// TestSiteManagerOffersRecovery starts Ferry on a config folder whose
// sites.json is damaged: the site manager, opened from the menu, offers
// to recover; deciding later leaves the file as it was and the next
// opening asks again; restoring the backup brings the sites back and the
// question is not asked any more.
func TestSiteManagerOffersRecovery(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv(ConfigDirEnv, cfg)
	dir, err := configDir()
	if err != nil || dir != cfg {
		t.Fatalf("configDir() = %q, %v; want %q", dir, err, cfg)
	}
	good := profile.NewSiteStore(dir)
	if _, err := good.Add(profile.Site{Name: "Kept", Host: "kept.example"}); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second save leaves a backup holding "Kept"
		if err := good.Save(); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, profile.SitesFileName)
	damaged := []byte(`{"version": 1, "sites": [ {"name": "Ke`)
	if err := os.WriteFile(path, damaged, 0o600); err != nil {
		t.Fatal(err)
	}

	h := newHarnessWithConfig(t, localTree(t), dir)
	open := func() fyne.Window {
		t.Helper()
		before := len(h.app.Driver().AllWindows())
		h.win.MainMenu().Items[0].Items[0].Action() // File › Site Manager…
		// A damaged list is read again off the UI goroutine first.
		h.waitFor("the site manager", func() bool { return len(h.app.Driver().AllWindows()) > before })
		wins := h.app.Driver().AllWindows()
		if len(wins) != before+1 {
			t.Fatalf("%d windows after opening the site manager, want %d", len(wins), before+1)
		}
		return wins[len(wins)-1]
	}

	w := open()
	d := w.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no recovery dialog over the site manager")
	}
	if msg := textIn(d); !strings.Contains(msg, path) || !strings.Contains(msg, path+".bak") {
		t.Fatalf("the dialog does not name the file and its backup: %q", msg)
	}
	test.Tap(findButton(t, d, "Decide later"))
	if data, err := os.ReadFile(path); err != nil || string(data) != string(damaged) {
		t.Fatalf("sites.json changed to %q (%v)", data, err)
	}
	w.Close()

	w = open()
	d = w.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("an unresolved damaged file is not offered again")
	}
	test.Tap(findButton(t, d, "Restore the backup"))
	if _, err := h.mw.sites.Lookup("Kept"); err != nil {
		t.Fatalf("after restoring the backup: %v", err)
	}
	w.Close()

	w = open()
	if d := w.Canvas().Overlays().Top(); d != nil {
		t.Errorf("a dialog is shown although the list was restored: %q", textIn(d))
	}
	w.Close()
}
