package ui

import (
	"image"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore/profile"
)

// TestCellIconRedrawn checks when a file list's icon is drawn again: not
// when its row is redrawn with the same icon (Fyne colours and parses the
// SVG at every Refresh, the most of a row's cost while scrolling), but when
// the row shows another icon, and when the theme changes the icon's colour.
func TestCellIconRedrawn(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "a-folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, dir)
	p := h.mw.panes[0]
	h.waitFor("listed", func() bool { return p.busy.Hidden && len(p.model.rows) == 3 })
	folder, file := p.model.rowOf("a-folder"), p.model.rowOf("b.txt")
	if folder < 0 || file < 0 {
		t.Fatalf("rows %v", p.model.rows)
	}
	var c *fileCell
	for _, x := range p.list.cells {
		if x.col == colName && x.icon.Image != nil {
			c = x
			break
		}
	}
	if c == nil {
		t.Fatal("no name cell with an icon drawn")
	}
	drawn := func() image.Image { return c.icon.Image }

	c.update(folder, colName)
	before := drawn()
	if before == nil {
		t.Fatal("the folder's icon is not drawn")
	}
	// A mark in place of the drawn image: a redraw replaces it.
	mark := image.NewRGBA(image.Rect(0, 0, 1, 1))
	c.icon.Image = mark
	c.update(folder, colName)
	if drawn() != mark {
		t.Error("the same icon was drawn again for the same row")
	}
	c.update(file, colName)
	if drawn() == mark || drawn() == before {
		t.Error("the file's row still shows the folder's icon")
	}
	if c.drawn.name != entryIcon(p.model.entryAt(file)).Name() {
		t.Errorf("drawn %q", c.drawn.name)
	}

	// A change of theme that changes the icon's colour draws it again, even
	// if nothing else happened to the image (Fyne's own redraw of the window
	// on a change of theme may have come before or after it).
	img := canvas.NewImageFromResource(entryIcon(p.model.entryAt(folder)))
	img.Resize(fyne.NewSquareSize(theme.IconInlineSize()))
	var last iconDrawn
	refreshIcon(img, &last)
	img.Image = mark
	refreshIcon(img, &last)
	if img.Image != mark {
		t.Error("a standalone icon was drawn again with nothing changed")
	}
	other := profile.ThemeDark
	if theme.Color(theme.ColorNameBackground) == newFerryTheme(profile.ThemeDark).Color(theme.ColorNameBackground, 0) {
		other = profile.ThemeLight
	}
	h.app.Settings().SetTheme(newFerryTheme(other))
	refreshIcon(img, &last)
	if img.Image == mark {
		t.Error("the icon was not drawn again in the new theme's colour")
	}
}
