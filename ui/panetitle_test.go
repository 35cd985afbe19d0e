package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// shownText is the text a widget draws.
func shownText(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && t.Visible() {
			b.WriteString(t.Text)
		}
	})
	return b.String()
}

// TestPaneTitleWidth checks that a pane's title shows "Local:" whole and
// cuts a long server name instead of squeezing the path bar.
func TestPaneTitleWidth(t *testing.T) {
	h := newHarness(t, localTree(t))
	p := h.mw.panes[0]
	// The desktop driver lays a row out again when a widget's minimum
	// size changes; the test driver does it when the window is resized.
	relayout := func() {
		s := h.win.Canvas().Size()
		h.win.Resize(s.AddWidthHeight(1, 0))
		h.win.Resize(s)
	}
	relayout()
	if shown := shownText(p.title); shown != "Local:" {
		t.Errorf("the title shows %q", shown)
	}
	p.title.SetText("someone@a-very-long-server-name.example.org:2121")
	relayout()
	if w := p.title.Size().Width; w > paneTitleMax {
		t.Errorf("a long title takes %v", w)
	}
	if w := p.pathBar.Size().Width; w < 150 {
		t.Errorf("the path bar is down to %v", w)
	}
}

// TestPaneTitleNamesTheServer: with a server in each pane, both titles
// began with the same user name ("ferrytest@1…" once cut) and told the
// servers apart nowhere but in the status bar. A pane's title is now the
// server's address (a saved site's name for a site), without the user.
func TestPaneTitleNamesTheServer(t *testing.T) {
	a, b := newServer(t), newServer(t)
	h := newHarness(t, localTree(t))
	left := h.connect(a, "ferry", "s3cret", 0)
	right := h.connect(b, "ferry", "s3cret", 1)
	for _, c := range []struct {
		p    *pane
		addr string
	}{{left, a.Addr()}, {right, b.Addr()}} {
		if got := c.p.title.Text; got != c.addr {
			t.Errorf("pane %d's title %q, want %q", c.p.side, got, c.addr)
		}
		if strings.Contains(c.p.title.Text, "ferry@") {
			t.Errorf("pane %d's title %q names the user", c.p.side, c.p.title.Text)
		}
	}
}
