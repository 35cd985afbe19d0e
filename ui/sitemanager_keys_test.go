package ui

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/profile"
)

// TestSiteManagerDialogsOwnTheKeyboard: the Site Manager's questions take
// Enter and Escape like the main window's: Escape on "Delete site" keeps
// the site, Enter deletes it, and a key typed while the question is open
// reaches nothing behind it.
func TestSiteManagerDialogsOwnTheKeyboard(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm
	site := newSiteThroughUI(t, env, "keys.example", "", "")
	press := func(name fyne.KeyName) {
		t.Helper()
		typed := sm.win.Canvas().OnTypedKey()
		if typed == nil {
			t.Fatal("the Site Manager's window routes no key to its dialogs")
		}
		typed(&fyne.KeyEvent{Name: name})
	}

	try := func(key fyne.KeyName, wantKept bool) {
		t.Helper()
		sm.selectNode(siteID(site.ID))
		test.Tap(sm.remove)
		overlay(t, sm.win)
		press(fyne.KeyDelete) // swallowed by the question
		press(key)
		if sm.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("%s left the question open", key)
		}
		env.settle(t)
		_, err := env.store.Get(site.ID)
		if kept := err == nil; kept != wantKept {
			t.Fatalf("after %s the site is kept: %v, want %v (%v)", key, kept, wantKept, err)
		}
		if !wantKept && !errors.Is(err, profile.ErrSiteNotFound) {
			t.Fatalf("after %s: %v", key, err)
		}
	}
	try(fyne.KeyEscape, true)
	try(fyne.KeyReturn, false)
}
