package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestWindowMinimumSize: the window's least size (its content's
// MinSize, which Fyne gives the window manager) lets the window be
// 800×600; at that least size the whole quick-connect bar shows, Sites
// and the settings included, Connect and Disconnect as icons, and each
// pane a list of a few rows and a readable path bar. A window made
// smaller anyway, by a window manager that ignores the least size, is
// made large enough again.
func TestWindowMinimumSize(t *testing.T) {
	h := newHarness(t, localTree(t))
	mw, q := h.mw, h.mw.quick
	pad := 2 * theme.Padding()
	need := h.win.Content().MinSize().AddWidthHeight(pad, pad)
	if need.Width > 800 || need.Height+menuBarHeight() > 600 {
		t.Fatalf("the window needs at least %v (and the menu bar): more than 800×600", need)
	}

	h.win.Resize(need)
	bar := q.root.(*fyne.Container).Objects[0].(*fyne.Container)
	var sites *flatButton
	for _, o := range bar.Objects {
		if b, ok := o.(*flatButton); ok && b.Text == "Sites" {
			sites = b
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		if end := pos.X + o.Size().Width; end > need.Width {
			t.Errorf("%T ends at x=%v in a window %v wide", o, end, need.Width)
		}
		if b, ok := o.(*flatButton); ok && b.Size().Width < b.MinSize().Width {
			t.Errorf("the %q button is %v wide, less than its %v", b.Text, b.Size().Width, b.MinSize().Width)
		}
	}
	if sites == nil || sites.shownText() != "Sites" {
		t.Fatal("no Sites button with its title in the bar at the least size")
	}
	if q.connect.shownText() != "" || q.discon.shownText() != "" {
		t.Errorf("Connect and Disconnect show %q and %q at the least size, want their icons alone",
			q.connect.shownText(), q.discon.shownText())
	}
	if w := q.host.Size().Width; w < 100 {
		t.Errorf("the host field is %v wide", w)
	}
	rowPitch := denseRowHeight() + theme.Padding()
	for side, p := range mw.panes {
		if rows := (p.list.Size().Height+theme.Padding())/rowPitch - 1; rows < minListRows {
			t.Errorf("pane %d's list shows %.2f rows at the least size", side, rows)
		}
		if w := p.pathBar.Size().Width; w < 110 {
			t.Errorf("pane %d's path bar is %v wide", side, w)
		}
	}

	// Wider again, the buttons have their titles back.
	h.win.Resize(fyne.NewSize(1280, 800))
	if q.connect.shownText() != "Connect" || q.discon.shownText() != "Disconnect" {
		t.Errorf("Connect and Disconnect show %q and %q in a wide window", q.connect.shownText(), q.discon.shownText())
	}

	// A window manager makes the window 640×480: the window grows back.
	h.win.Resize(fyne.NewSize(640, 480))
	mw.redrawTick()
	if got := h.win.Canvas().Size(); got.Width < need.Width || got.Height < need.Height {
		t.Fatalf("the window stays %v, want at least %v", got, need)
	}
}

// TestWindowMinimumSizeInFrench: the French window, whose words are
// longer, fits 800×600 too; its choice of pane, fitted to its longest
// option, pushed the quick-connect bar to 830 pixels.
func TestWindowMinimumSizeInFrench(t *testing.T) {
	inLanguage(t, "fr_FR")
	h := newHarness(t, localTree(t))
	pad := 2 * theme.Padding()
	need := h.win.Content().MinSize().AddWidthHeight(pad, pad)
	if need.Width > 800 || need.Height+menuBarHeight() > 600 {
		t.Fatalf("the French window needs at least %v (and the menu bar): more than 800×600", need)
	}
}
