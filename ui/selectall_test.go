package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// selectedNames returns the names of a pane's selected rows, in order;
// ".." would show as itself.
func selectedNames(p *pane) []string {
	var out []string
	for row := range p.model.rows {
		if !p.model.isSelected(row) {
			continue
		}
		if e := p.model.entryAt(row); e != nil {
			out = append(out, e.Name)
		} else {
			out = append(out, "..")
		}
	}
	return out
}

// TestCtrlASelectsAll presses Ctrl+A (Cmd+A on macOS) as the desktop
// driver delivers it, fyne.ShortcutSelectAll: in a focused file list,
// local or remote, every entry is selected but "..", and only in that
// list; nothing happens while a dialog is open; in the path bar the key
// selects the text, not the files.
func TestCtrlASelectsAll(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	c := h.win.Canvas()
	left := h.mw.panes[0]
	right := h.connect(srv, "ferry", "s3cret", 1)
	right.navigate("/pub")
	h.waitFor("/pub listed", func() bool { return right.dir == "/pub" && right.busy.Hidden })
	if names(right)[0] != ".." {
		t.Fatalf("/pub rows %v: want a \"..\" row first", names(right))
	}

	// The remote list, clicked into: its entries, not "..".
	test.Tap(h.cellAt(right, 1, colName))
	if c.Focused() != right.list {
		t.Fatalf("focus on %T after a click in the right list", c.Focused())
	}
	h.pressShortcut(fyne.KeyModifierShortcutDefault, fyne.KeyA)
	if got, want := selectedNames(right), names(right)[1:]; !slices.Equal(got, want) {
		t.Fatalf("Ctrl+A in the right list selected %v, want %v", got, want)
	}
	if got := selectedNames(left); len(got) != 0 {
		t.Fatalf("Ctrl+A in the right list selected %v in the left one", got)
	}

	// The local list, focused with the keyboard.
	c.Focus(left.list)
	h.pressShortcut(fyne.KeyModifierShortcutDefault, fyne.KeyA)
	want := names(left)
	if want[0] == ".." {
		want = want[1:]
	}
	if got := selectedNames(left); len(want) == 0 || !slices.Equal(got, want) {
		t.Fatalf("Ctrl+A in the left list selected %v, want %v", got, want)
	}

	// A dialog owns the keyboard: the list behind it keeps its selection.
	left.model.click(len(left.model.rows)-1, false, false)
	left.selectionChanged()
	before := selectedNames(left)
	left.askMkdir()
	if !h.mw.modals.busy(h.win) {
		t.Fatal("no dialog after askMkdir")
	}
	c.Unfocus()
	h.pressShortcut(fyne.KeyModifierShortcutDefault, fyne.KeyA)
	if got := selectedNames(left); !slices.Equal(got, before) {
		t.Fatalf("Ctrl+A behind a dialog selected %v, want %v", got, before)
	}
	h.pressKey(fyne.KeyEscape)
	if h.mw.modals.busy(h.win) {
		t.Fatal("Escape left the dialog open")
	}

	// The path bar selects its own text.
	c.Focus(left.pathBar)
	left.pathBar.SetText("/some/folder")
	h.pressShortcut(fyne.KeyModifierShortcutDefault, fyne.KeyA)
	if got := left.pathBar.SelectedText(); got != "/some/folder" {
		t.Fatalf("Ctrl+A in the path bar selected %q", got)
	}
	if got := selectedNames(left); !slices.Equal(got, before) {
		t.Fatalf("Ctrl+A in the path bar selected files %v, want %v", got, before)
	}
}
