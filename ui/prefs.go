package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
)

// prefs reads and writes what the app remembers between runs through
// fyne's preferences: window size, split positions, each pane's last
// local folder and sort order, and View's toggles (hidden files, folder
// trees, hiding identical files).
type prefs struct{ p fyne.Preferences }

// The default window size suits a 1366×768 laptop screen and up.
const defaultWidth, defaultHeight = 1280, 800

func (pr *prefs) windowSize() fyne.Size {
	w := pr.p.FloatWithFallback("window.width", defaultWidth)
	h := pr.p.FloatWithFallback("window.height", defaultHeight)
	return fyne.NewSize(float32(max(w, 640)), float32(max(h, 420)))
}

func (pr *prefs) setWindowSize(s fyne.Size) {
	if s.Width > 0 && s.Height > 0 {
		pr.p.SetFloat("window.width", float64(s.Width))
		pr.p.SetFloat("window.height", float64(s.Height))
	}
}

func (pr *prefs) split(key string, def float64) float64 {
	v := pr.p.FloatWithFallback(key, def)
	if v < 0.05 || v > 0.95 {
		return def
	}
	return v
}

func (pr *prefs) setSplit(key string, v float64) { pr.p.SetFloat(key, v) }

func sideKey(side int, name string) string { return "pane" + strconv.Itoa(side) + "." + name }

func (pr *prefs) localDir(side int) string { return pr.p.String(sideKey(side, "localdir")) }

func (pr *prefs) setLocalDir(side int, dir string) { pr.p.SetString(sideKey(side, "localdir"), dir) }

func (pr *prefs) sort(side int) (column, bool) {
	c := column(pr.p.IntWithFallback(sideKey(side, "sort"), int(colName)))
	if c < 0 || c >= numColumns {
		c = colName
	}
	return c, pr.p.Bool(sideKey(side, "sortdesc"))
}

func (pr *prefs) setSort(side int, c column, desc bool) {
	pr.p.SetInt(sideKey(side, "sort"), int(c))
	pr.p.SetBool(sideKey(side, "sortdesc"), desc)
}

func (pr *prefs) showHidden() bool { return pr.p.Bool("pane.hidden") }

func (pr *prefs) setShowHidden(on bool) { pr.p.SetBool("pane.hidden", on) }

// showTree reports whether a pane shows its folder tree; FileZilla shows
// both by default.
func (pr *prefs) showTree(side int) bool { return pr.p.BoolWithFallback(sideKey(side, "tree"), true) }

func (pr *prefs) setShowTree(side int, on bool) { pr.p.SetBool(sideKey(side, "tree"), on) }

// hideIdentical reports whether View ▸ Hide identical files is on. A
// value that is missing or not a boolean (a hand-edited or damaged
// preferences file) reads as off, which hides nothing.
func (pr *prefs) hideIdentical() bool { return pr.p.BoolWithFallback("compare.hideidentical", false) }

func (pr *prefs) setHideIdentical(on bool) { pr.p.SetBool("compare.hideidentical", on) }
