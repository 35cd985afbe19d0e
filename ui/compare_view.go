package ui

import (
	"image/color"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore/compare"
)

// comparison is View ▸ Directory comparison: while on, the rows of both
// panes are coloured by how each entry compares with its namesake in the
// other pane's folder. Used on the UI goroutine only.
type comparison struct {
	on            bool
	hideIdentical bool
	// sizeOnly compares sizes alone; by default times count too.
	sizeOnly bool
	// tolerance is how far apart two times may be and still be the same.
	tolerance time.Duration
	// menuSync puts View's check marks in step with the fields above.
	menuSync func()
}

// mode returns the engine's comparison mode.
func (c comparison) mode() compare.Mode {
	if c.sizeOnly {
		return compare.BySize
	}
	return compare.BySizeAndTime
}

// compareMarks is a pane model's share of a comparison: one state per
// entry, nil while comparison is off or the other pane has no listing.
type compareMarks struct {
	states        []compare.State
	hideIdentical bool
}

// compareMenuItems returns View's comparison items; each toggles its own
// check mark.
func (mw *mainWindow) compareMenuItems() []*fyne.MenuItem {
	toggle := fyne.NewMenuItem(lang.L("Directory comparison"), nil)
	hide := fyne.NewMenuItem(lang.L("Hide identical files"), nil)
	bySize := fyne.NewMenuItem(lang.L("Compare file sizes only"), nil)
	byTime := fyne.NewMenuItem(lang.L("Compare sizes and modification times"), nil)
	sync := func() {
		toggle.Checked = mw.compare.on
		hide.Checked = mw.compare.hideIdentical
		bySize.Checked = mw.compare.sizeOnly
		byTime.Checked = !mw.compare.sizeOnly
		if m := mw.win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
	toggle.Action = func() { mw.setComparison(!mw.compare.on); sync() }
	hide.Action = func() { mw.setHideIdentical(!mw.compare.hideIdentical); sync() }
	bySize.Action = func() { mw.setCompareSizeOnly(true); sync() }
	byTime.Action = func() { mw.setCompareSizeOnly(false); sync() }
	mw.compare.menuSync = sync
	sync()
	return []*fyne.MenuItem{fyne.NewMenuItemSeparator(), toggle, hide, bySize, byTime}
}

// setComparison turns the comparison on or off.
func (mw *mainWindow) setComparison(on bool) {
	mw.compare.on = on
	mw.recompare()
}

// setHideIdentical hides or shows the files found identical, and keeps
// the choice for the next start, as View's other toggles are kept.
func (mw *mainWindow) setHideIdentical(on bool) {
	mw.compare.hideIdentical = on
	mw.prefs.setHideIdentical(on)
	mw.recompare()
}

// setCompareSizeOnly chooses size alone, or size and time, and keeps
// the choice in the settings.
func (mw *mainWindow) setCompareSizeOnly(on bool) {
	mw.compare.sizeOnly = on
	mw.keepCompareMode()
	mw.recompare()
}

// recompare classifies both panes' entries again and redraws them; it
// runs whenever a pane shows a new listing. Comparing two folders of
// 100,000 entries takes about 20 ms, so it runs here, on the UI
// goroutine, which owns the models.
func (mw *mainWindow) recompare() {
	a, b := mw.panes[0], mw.panes[1]
	if a == nil || b == nil {
		return
	}
	var res compare.Result
	if mw.compare.on && a.dir != "" && b.dir != "" {
		res = compare.Dirs(a.model.entries, b.model.entries, compare.Options{
			Mode:      mw.compare.mode(),
			Tolerance: mw.compare.tolerance,
			FoldCase:  foldsCase(a) && foldsCase(b),
		})
	}
	for i, states := range [2][]compare.State{res.A, res.B} {
		p := mw.panes[i]
		wasHiding := p.model.cmp.hideIdentical
		p.model.cmp = compareMarks{states: states, hideIdentical: mw.compare.on && mw.compare.hideIdentical}
		if wasHiding || p.model.cmp.hideIdentical {
			// Rows change only when files are hidden or shown again;
			// colours alone need no new rows, and the order stands.
			p.model.refilter()
		}
		p.list.refreshRows()
		p.updateStatus()
	}
}

// foldsCase reports whether a pane's names match regardless of case: a
// local disk on Windows or macOS. A server's names are exact.
func foldsCase(p *pane) bool {
	return p.src != nil && p.src.local() && (runtime.GOOS == "windows" || runtime.GOOS == "darwin")
}

// hiddenByCompare reports whether "hide identical files" hides an entry.
// Folders stay, so that one can still walk into them.
func (m *paneModel) hiddenByCompare(i int) bool {
	return m.cmp.hideIdentical && i < len(m.cmp.states) && m.cmp.states[i] == compare.Identical &&
		!m.entries[i].IsDir()
}

// compareState returns a row's comparison state; ok is false for "..",
// rows out of range and when comparison is off.
func (m *paneModel) compareState(row int) (s compare.State, ok bool) {
	if row < 0 || row >= len(m.rows) || m.rows[row] == parentRow || m.rows[row] >= len(m.cmp.states) {
		return 0, false
	}
	return m.cmp.states[m.rows[row]], true
}

// compareTint returns the background of a row in state s: a translucent
// wash of one of the theme's signal colours (warning for only here,
// success for newer, error for a different size or kind), light enough
// over the theme's background for its foreground text to stay readable
// in light and dark variants alike. nil means no colour.
func compareTint(s compare.State, th fyne.Theme, v fyne.ThemeVariant) color.Color {
	var name fyne.ThemeColorName
	switch s {
	case compare.OnlyHere:
		name = theme.ColorNameWarning
	case compare.NewerHere:
		name = theme.ColorNameSuccess
	case compare.DifferentSize, compare.TypeMismatch:
		name = theme.ColorNameError
	default:
		return nil
	}
	r, g, b, _ := th.Color(name, v).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: compareTintAlpha}
}

// compareTintAlpha is the tint's opacity: enough to tell the colours
// apart, little enough to keep text contrast (a test checks 4.5:1).
const compareTintAlpha = 0x48

// rowTint returns the background of a row under comparison, or nil.
func (m *paneModel) rowTint(row int) color.Color {
	s, ok := m.compareState(row)
	if !ok {
		return nil
	}
	app := fyne.CurrentApp()
	return compareTint(s, app.Settings().Theme(), app.Settings().ThemeVariant())
}
