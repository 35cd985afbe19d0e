package ui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// pressShiftTab moves the focus back, as Shift+Tab does outside widgets
// that take Tab themselves.
func (h *harness) pressShiftTab() { h.win.Canvas().FocusPrevious() }

// focusedButton returns the text of the focused button, or "".
func (h *harness) focusedButton() string {
	switch b := h.win.Canvas().Focused().(type) {
	case *widget.Button:
		return b.Text
	case *flatButton:
		return b.Text
	}
	return ""
}

// TestTabOrder walks the window with Tab from start-up: the quick-connect
// bar in reading order, then the left pane (its folder tree, its list),
// the right pane, the queue and the row of the queue's tabs.
func TestTabOrder(t *testing.T) {
	h := newHarness(t, localTree(t))
	q := h.mw.quick
	c := h.win.Canvas()
	want := []struct {
		name string
		obj  fyne.Focusable
	}{
		{"host", q.host}, {"user", q.user}, {"password", q.password}, {"port", q.port},
		{"Connect", q.connect}, {"history", h.mw.history.button}, // Disconnect is skipped while disabled
		{"protocol", q.protocol}, {"pane choice", q.side}, {"Sites", nil}, {"site list", h.mw.sitesMenu.button},
		{"settings", q.settings},
		{"left tree", h.mw.panes[0].tree}, {"left pane", h.mw.panes[0].list},
		{"right tree", h.mw.panes[1].tree}, {"right pane", h.mw.panes[1].list},
		{"queue", h.mw.qpanel.lists[tabQueued]}, {"queue's tabs", h.mw.qpanel.tabc.row},
	}
	for i, w := range want {
		h.pressKey(fyne.KeyTab)
		got := c.Focused()
		if w.obj == nil {
			if h.focusedButton() != w.name {
				t.Fatalf("Tab %d: focus on %T %q, want the %s button", i+1, got, h.focusedButton(), w.name)
			}
			continue
		}
		if got != w.obj {
			t.Fatalf("Tab %d: focus on %T, want the %s", i+1, got, w.name)
		}
	}
}

// TestGlobalShortcuts checks the keys that work whatever has the focus:
// from the filter, Ctrl+L and F6 go to the path bar and Ctrl+S opens the
// site manager; Alt+letter is a menu's mnemonic; a click on the list
// takes the focus from the filter.
func TestGlobalShortcuts(t *testing.T) {
	h := newHarness(t, localTree(t))
	left := h.mw.panes[0]
	c := h.win.Canvas()
	ctrl := fyne.KeyModifierShortcutDefault

	h.pressShortcut(ctrl, fyne.KeyF)
	if c.Focused() != left.filter {
		t.Fatalf("Ctrl+F: focus on %T", c.Focused())
	}
	h.pressShortcut(ctrl, fyne.KeyL)
	if c.Focused() != left.pathBar {
		t.Fatalf("Ctrl+L from the filter: focus on %T", c.Focused())
	}
	h.pressShortcut(ctrl, fyne.KeyF)
	h.pressKey(fyne.KeyF6)
	if c.Focused() != left.pathBar {
		t.Fatalf("F6 from the filter: focus on %T", c.Focused())
	}
	if left.pathBar.SelectedText() != left.dir {
		t.Errorf("F6 selected %q of the path bar, want all of %q", left.pathBar.SelectedText(), left.dir)
	}

	h.pressShortcut(ctrl, fyne.KeyF)
	test.Tap(h.cellAt(left, 1, colName))
	if c.Focused() != left.list {
		t.Errorf("a click on the list left the focus on %T", c.Focused())
	}

	h.pressShortcut(ctrl, fyne.KeyF)
	windows := len(h.app.Driver().AllWindows())
	h.pressShortcut(ctrl, fyne.KeyS)
	if n := len(h.app.Driver().AllWindows()); n != windows+1 {
		t.Errorf("Ctrl+S from the filter: %d windows, want %d", n, windows+1)
	}

	// Behind a dialog, which owns the keyboard, they do nothing.
	h.mw.openSettings()
	windows = len(h.app.Driver().AllWindows())
	h.pressShortcut(ctrl, fyne.KeyS)
	if n := len(h.app.Driver().AllWindows()); n != windows {
		t.Errorf("Ctrl+S behind the settings dialog opened a window")
	}
	if h.mw.globalKey(&fyne.KeyEvent{Name: fyne.KeyF6}) {
		t.Errorf("F6 acted behind the settings dialog")
	}

	if got, want := h.mw.mnemonics, map[rune]int{'f': 0, 'v': 1, 't': 2, 's': 3, 'b': 4, 'h': 5}; len(got) != len(want) {
		t.Errorf("mnemonics %v, want %v", got, want)
	} else {
		for r, i := range want {
			if got[r] != i {
				t.Errorf("mnemonics %v, want %v", got, want)
			}
		}
	}
	if m := mnemonicsFor([]string{"Fichier", "Affichage", "Transfert", "Serveur", "Fenêtre"}); m['e'] != 4 || m['f'] != 0 {
		t.Errorf("French mnemonics %v: a letter taken twice must move on", m)
	}

}

// TestKeyboardOnlySession connects, navigates, downloads and deletes with
// key events only.
func TestKeyboardOnlySession(t *testing.T) {
	srv := newServer(t)
	local := t.TempDir()
	h := newHarness(t, local)
	c := h.win.Canvas()
	right := h.mw.panes[1]

	// The quick-connect bar: Tab into each field and type.
	for _, text := range []string{srv.Host(), "ferry", "s3cret", strconv.Itoa(srv.Port())} {
		h.pressKey(fyne.KeyTab)
		h.typeText(text)
	}
	h.pressKey(fyne.KeyReturn) // Enter in a field connects
	h.waitFor("connected", func() bool {
		return right.src != nil && !right.src.local() && right.dir == "/" && right.busy.Hidden
	})

	// Ctrl+L to the right pane's path bar (the pane just connected is the
	// active one), type a folder, Enter.
	h.pressShortcut(fyne.KeyModifierShortcutDefault, fyne.KeyL)
	if c.Focused() != right.pathBar {
		t.Fatalf("Ctrl+L: focus on %T", c.Focused())
	}
	h.pressShortcut(fyne.KeyModifierShortcutDefault, fyne.KeyA)
	h.typeText("/pub")
	h.pressKey(fyne.KeyReturn)
	h.waitFor("/pub listed", func() bool { return right.dir == "/pub" && right.busy.Hidden })

	// Back into the list (Fyne's reverse order visits the path bar's
	// history button first), onto a.txt; F5 downloads it to the left pane.
	for range 2 {
		h.pressShiftTab()
	}
	if c.Focused() != right.list {
		t.Fatalf("Shift+Tab from the path bar: focus on %T %q", c.Focused(), h.focusedButton())
	}
	h.typeText("a")
	h.pressKey(fyne.KeyF5)
	h.waitFor("downloaded", func() bool {
		data, err := os.ReadFile(filepath.Join(local, "a.txt"))
		return err == nil && string(data) == "xxxxx"
	})

	// Del asks; Enter answers yes (the dialog has the keyboard).
	h.pressKey(fyne.KeyDelete)
	h.waitFor("the delete question", func() bool { return len(c.Overlays().List()) == 1 })
	h.pressKey(fyne.KeyReturn)
	h.waitFor("deleted", func() bool { return right.model.rowOf("a.txt") < 0 && right.busy.Hidden })
	if _, err := srv.FS().Stat("/pub/a.txt"); err == nil {
		t.Error("a.txt is still on the server")
	}
}

// TestClickBelowRowsActivatesPane: a click on the empty part of a short
// list makes its pane the active one, so that Del after it asks about
// that pane's files and not about the other pane's selection.
func TestClickBelowRowsActivatesPane(t *testing.T) {
	srv := newServer(t)
	local := t.TempDir()
	if err := os.WriteFile(filepath.Join(local, "mine.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	left := h.mw.panes[0]
	right := h.connect(srv, "ferry", "s3cret", 1)
	test.Tap(h.cellAt(right, right.model.rowOf("readme.txt"), colName))
	if h.mw.active != right {
		t.Fatal("a click on a row of the right pane left it inactive")
	}

	// The left list holds ".." and mine.txt; the click lands far below.
	below := fyne.NewPos(20, left.list.Size().Height-10)
	test.TapAt(left.list.ft, below)
	if h.mw.active != left {
		t.Fatal("a click below the left list's rows left the right pane active")
	}
	h.pressKey(fyne.KeyDelete)
	if text := h.overlayText(); strings.Contains(text, "readme.txt") {
		t.Errorf("Del after a click in the left list asks about the right pane's file: %q", text)
	}
}

// TestTypeAheadTakesWholeStart: letters typed in quick succession find
// the name that starts with all of them; the same letter again goes on
// to the next name with it; after a pause a letter starts afresh.
func TestTypeAheadTakesWholeStart(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"lf.txt", "link.txt", "Lima.txt", "readme.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, dir)
	p := h.mw.panes[0]
	clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	p.now = func() time.Time { return clock }
	type step struct {
		typed string
		after time.Duration // since the letter before
		want  string
	}
	for i, s := range []step{
		{"l", time.Minute, "lf.txt"},
		{"i", 100 * time.Millisecond, "Lima.txt"},
		{"n", 100 * time.Millisecond, "link.txt"},
		{"l", 2 * time.Second, "lf.txt"}, // a new start, from the first l
		{"l", 100 * time.Millisecond, "Lima.txt"},
		{"l", 100 * time.Millisecond, "link.txt"},
		{"r", 100 * time.Millisecond, "readme.txt"}, // no "lr": a new start
	} {
		clock = clock.Add(s.after)
		p.list.TypedRune([]rune(s.typed)[0])
		sel := p.model.selection()
		if len(sel) != 1 || sel[0].Name != s.want {
			t.Fatalf("step %d, %q: selection %+v, want %s", i, s.typed, sel, s.want)
		}
	}
}

// TestRefreshKeepsKeyboardCursor: after a refresh (Ctrl+R, a new folder,
// a transfer landing) Enter opens the row that was selected, not the
// first row of the list.
func TestRefreshKeepsKeyboardCursor(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"aaa", "mmm", "zzz"} {
		if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, dir)
	p := h.mw.panes[0]
	test.Tap(h.cellAt(p, p.model.rowOf("mmm"), colName))

	// A new name before it moves it down a row.
	if err := os.Mkdir(filepath.Join(dir, "bbb"), 0o755); err != nil {
		t.Fatal(err)
	}
	h.pressShortcut(fyne.KeyModifierShortcutDefault, fyne.KeyR)
	h.waitFor("bbb listed", func() bool { return p.model.rowOf("bbb") >= 0 && p.busy.Hidden })
	h.pressKey(fyne.KeyReturn)
	want := filepath.Join(dir, "mmm")
	h.waitFor("a folder shown", func() bool { return p.dir != dir && p.busy.Hidden })
	if p.dir != want {
		t.Fatalf("Enter after the refresh opened %s, want %s", p.dir, want)
	}
}
