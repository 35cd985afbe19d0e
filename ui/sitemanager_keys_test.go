package ui

import (
	"errors"
	"slices"
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

// TestSiteManagerEscapeCloses: Escape closes the Site Manager from
// wherever the keyboard is (nothing focused, the tree, a field, a choice,
// a tick box, a button), the site being edited saved first; while a
// dialog is open over it, Escape closes that dialog only.
func TestSiteManagerEscapeCloses(t *testing.T) {
	env := newTestEnv(t)
	site := newSiteThroughUI(t, env, "escape.example", "", "")
	env.settle(t)
	// press delivers a key as the desktop driver does: to the focused
	// widget, or to the window when nothing has the focus.
	press := func(sm *siteManager, name fyne.KeyName) {
		t.Helper()
		ev := &fyne.KeyEvent{Name: name}
		c := sm.win.Canvas()
		if f := c.Focused(); f != nil {
			f.TypedKey(ev)
			return
		}
		if typed := c.OnTypedKey(); typed != nil {
			typed(ev)
		}
	}
	isOpen := func(sm *siteManager) bool {
		return slices.Contains(env.app.Driver().AllWindows(), sm.win)
	}

	// Dialogs first: Escape closes the question, or the name dialog with
	// its field focused, and the window stays.
	sm := env.sm
	sm.selectNode(siteID(site.ID))
	test.Tap(sm.remove)
	overlay(t, sm.win)
	press(sm, fyne.KeyEscape)
	env.settle(t)
	if sm.win.Canvas().Overlays().Top() != nil || !isOpen(sm) {
		t.Fatalf("Escape on the delete question: question open %v, window open %v",
			sm.win.Canvas().Overlays().Top() != nil, isOpen(sm))
	}
	if _, err := env.store.Get(site.ID); err != nil {
		t.Fatalf("Escape on the delete question deleted the site: %v", err)
	}
	test.Tap(sm.newFolder)
	if _, ok := sm.win.Canvas().Focused().(*dialogEntry); !ok {
		t.Fatalf("the name dialog's field has no focus: %T", sm.win.Canvas().Focused())
	}
	press(sm, fyne.KeyEscape)
	env.settle(t)
	if sm.win.Canvas().Overlays().Top() != nil || !isOpen(sm) {
		t.Fatal("Escape in the name dialog's field did not close the dialog alone")
	}

	for _, c := range []struct {
		name  string
		focus func(sm *siteManager) fyne.Focusable
	}{
		{"nothing focused", func(*siteManager) fyne.Focusable { return nil }},
		{"the tree", func(sm *siteManager) fyne.Focusable { return sm.tree }},
		{"the filter", func(sm *siteManager) fyne.Focusable { return sm.filter }},
		{"the host field", func(sm *siteManager) fyne.Focusable { return sm.form.host }},
		{"the encryption choice", func(sm *siteManager) fyne.Focusable { return sm.form.protocol }},
		{"the FXP tick box", func(sm *siteManager) fyne.Focusable { return sm.form.relayOnly }},
		{"the Close button", func(sm *siteManager) fyne.Focusable { return sm.close }},
	} {
		env.open(t, nil)
		sm := env.sm
		sm.selectNode(siteID(site.ID))
		if f := c.focus(sm); f != nil {
			sm.win.Canvas().Focus(f)
		} else {
			sm.win.Canvas().Unfocus()
		}
		press(sm, fyne.KeyEscape)
		env.settle(t)
		if isOpen(sm) {
			t.Errorf("Escape with %s left the Site Manager open", c.name)
		}
	}

	// The site being edited is saved on the way out.
	env.open(t, nil)
	sm = env.sm
	sm.selectNode(siteID(site.ID))
	typeInto(sm.win, sm.form.host, "changed.example")
	press(sm, fyne.KeyEscape)
	env.settle(t)
	if isOpen(sm) {
		t.Fatal("Escape in an edited field left the Site Manager open")
	}
	if got, err := env.store.Get(site.ID); err != nil || got.Host != "changed.example" {
		t.Fatalf("after Escape the site is %+v, %v", got, err)
	}
}
