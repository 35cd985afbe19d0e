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
// must keep a usable width, the queue must show five rows, and opening
// Settings must not need more room than the window has.
func TestWindowFitsTheScreen(t *testing.T) {
	for _, screen := range []fyne.Size{{Width: 1024, Height: 768}, {Width: 1280, Height: 800}, {Width: 1920, Height: 1080}} {
		t.Run(sizeName(screen), func(t *testing.T) {
			h := newHarnessOnScreen(t, localTree(t), t.TempDir(), screen)
			size := h.win.Canvas().Size()
			if size.Width > screen.Width || size.Height > screen.Height {
				t.Fatalf("the window opens at %v on a %v screen", size, screen)
			}
			if screen.Width >= 1280 && size.Width < 1200 {
				t.Errorf("the window opens at %v on a %v screen: needlessly small", size, screen)
			}
			pad := 2 * theme.Padding()
			if m := h.win.Content().MinSize(); m.Width+pad > size.Width || m.Height+pad > size.Height {
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
			rowH := newQueueRow(h.mw.qpanel).MinSize().Height + theme.Padding()
			if rows := h.mw.qpanel.lists[tabQueued].Size().Height / rowH; rows < queueRowsShown {
				t.Errorf("the queue shows %.1f rows", rows)
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
