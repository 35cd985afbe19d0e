package ui

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// shownStyles returns the style of every visible text under o, with an
// example of each.
func shownStyles(o fyne.CanvasObject) map[fyne.TextStyle]string {
	styles := map[fyne.TextStyle]string{}
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *canvas.Text:
			if v.Text != "" {
				styles[v.TextStyle] = v.Text
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				visit(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				visit(c)
			}
		}
	}
	visit(o)
	return styles
}

// TestWindowDrawsOneTextStyle: the window, with a local and a server
// pane listed, lines in the log and a finished transfer in the queue,
// draws its text in the style PreloadFonts loads, regular, and holds no
// Fyne button (which measures its title in bold as it is built). Fyne
// parses a style's fonts (its own, and the system's for the language)
// the first time text of that style is measured and keeps them as long
// as the app runs: bold or monospace text anywhere would cost some
// 2-3 MiB each.
func TestWindowDrawsOneTextStyle(t *testing.T) {
	srv := newServer(t)
	local := localTree(t)
	if err := os.WriteFile(filepath.Join(local, "fresh.txt"), []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	left := h.mw.panes[0]
	h.connect(srv, "ferry", "s3cret", 1)
	left.model.click(left.model.rowOf("fresh.txt"), false, false)
	left.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.waitFor("job in the successful tab", func() bool { return len(h.mw.qpanel.tabs[tabDone]) == 1 })
	for _, tab := range []int{tabQueued, tabDone} {
		h.mw.qpanel.tabc.SelectIndex(tab)
		h.runTasks()
		for s, example := range shownStyles(h.win.Content()) {
			if !slices.Contains(firstFrameStyles, s) {
				t.Errorf("tab %d shown: %q drawn in %+v", tab, example, s)
			}
		}
	}
	walk(h.win.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			t.Errorf("a Fyne button in the window: %q %v", b.Text, b.Icon)
		}
	})
}
