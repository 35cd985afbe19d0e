package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestWindowFitsTheScreen opens the main window on screens of several
// sizes: it must open inside the screen, its content must not need more
// (a window manager would make the window grow to that), the host field
// must keep a usable width, each pane must show its rows of files and
// of folders, the log and the queue three rows each, and opening
// Settings must not need more room than the window has.
func TestWindowFitsTheScreen(t *testing.T) {
	for _, c := range []struct {
		screen            fyne.Size
		listRows, treeRow float32 // the least each pane shows
	}{
		{fyne.NewSize(1024, 768), 7, 3},
		{fyne.NewSize(1280, 800), 10, 4},
		{fyne.NewSize(1920, 1080), 10, 4},
	} {
		screen := c.screen
		t.Run(sizeName(screen), func(t *testing.T) {
			h := newHarnessOnScreen(t, localTree(t), t.TempDir(), screen)
			size := h.win.Canvas().Size()
			if size.Width > screen.Width || size.Height > screen.Height {
				t.Fatalf("the window opens at %v on a %v screen", size, screen)
			}
			if screen.Width >= 1280 && size.Width < 1200 {
				t.Errorf("the window opens at %v on a %v screen: needlessly small", size, screen)
			}
			if m, pad := h.win.Content().MinSize(), 2*theme.Padding(); m.Width+pad > size.Width || m.Height+pad > size.Height {
				t.Errorf("the content needs %v in a window of %v: the window would grow", m, size)
			}
			if w := h.mw.quick.host.Size().Width; w < 120 {
				t.Errorf("the host field is %v wide", w)
			}
			for _, o := range []fyne.CanvasObject{h.mw.quick.connect, h.mw.quick.discon} {
				pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
				if pos.X+o.Size().Width > size.Width {
					t.Errorf("a quick-connect button ends at x=%v, past the window's %v", pos.X+o.Size().Width, size.Width)
				}
			}
			// The test driver draws no menu bar: give the content the
			// height it has in a real window.
			h.win.Resize(fyne.NewSize(size.Width, size.Height-menuBarHeight()))
			// Rows must keep their height when widgets are refreshed later,
			// outside the layout of the window: as the queue's tabs are
			// when jobs come.
			h.mw.qpanel.retitle()
			h.win.Content().Refresh()
			// A list of rows of height r with gaps g between them shows
			// (height+g)/(r+g) rows; the file list's first row is its header.
			pad := theme.Padding()
			shown := func(o fyne.CanvasObject, rowH, gap float32) float32 {
				return (o.Size().Height + gap) / (rowH + gap)
			}
			for side, p := range h.mw.panes {
				list := shown(p.list, newFileCell(p.list).MinSize().Height, pad) - 1
				tree := shown(p.tree, p.tree.rowPitch(), 0) // no gap: the pitch has it
				t.Logf("pane %d: %.2f rows of files, %.2f rows of folders", side, list, tree)
				if list < c.listRows || tree < c.treeRow {
					t.Errorf("pane %d shows %.2f rows of files and %.2f of folders, want %v and %v",
						side, list, tree, c.listRows, c.treeRow)
				}
			}
			queue := shown(h.mw.qpanel.lists[tabQueued], h.mw.qpanel.rowHeight(), pad)
			log := shown(h.mw.log.list, newLogRow().MinSize().Height, pad)
			t.Logf("queue: %.2f rows, log: %.2f lines", queue, log)
			if queue < queueRowsShown || log < logLinesShown {
				t.Errorf("the queue shows %.2f rows and the log %.2f lines, want %d and %d",
					queue, log, queueRowsShown, logLinesShown)
			}
			h.mw.openSettings()
			for _, o := range h.win.Canvas().Overlays().List() {
				if m := o.MinSize(); m.Width > size.Width || m.Height > size.Height {
					t.Errorf("the settings dialog needs %v in a window of %v", m, size)
				}
			}
		})
	}
}

func sizeName(s fyne.Size) string { return fmt.Sprintf("%.0fx%.0f", s.Width, s.Height) }
