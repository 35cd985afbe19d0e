package ui

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/compare"
	"ferry/ftpcore/profile"
)

// compareFields are the Settings dialog's fields of the directory
// comparison: what it compares and how far apart two modification times
// may be and still be the same (FileZilla's "threshold"). Used on the UI
// goroutine only.
type compareFields struct {
	mode, tolerance *dialogSelect
	modes           []choice[compare.Mode]
	tolerances      []choice[time.Duration]
}

func compareModeChoices() []choice[compare.Mode] {
	return []choice[compare.Mode]{
		{lang.L("Compare sizes and modification times"), compare.BySizeAndTime},
		{lang.L("Compare file sizes only"), compare.BySize},
	}
}

func compareToleranceChoices() []choice[time.Duration] {
	return []choice[time.Duration]{
		{lang.L("None"), 0},
		{lang.L("1 minute"), time.Minute},
		{lang.L("1 hour"), time.Hour},
		{lang.L("1 day"), 24 * time.Hour},
	}
}

func newCompareFields() *compareFields {
	c := &compareFields{modes: compareModeChoices(), tolerances: compareToleranceChoices()}
	c.mode = newDialogSelect(choiceLabels(c.modes), nil)
	c.tolerance = newDialogSelect(choiceLabels(c.tolerances), nil)
	return c
}

// items are the fields' rows in a form.
func (c *compareFields) items() []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem(lang.L("Directory comparison"), c.mode),
		widget.NewFormItem(lang.L("Time tolerance"), c.tolerance),
	}
}

func (c *compareFields) load(s profile.Settings) {
	selectChoice(&c.mode.Select, c.modes, s.CompareMode)
	c.tolerances = compareToleranceChoices()
	if !slices.ContainsFunc(c.tolerances, func(t choice[time.Duration]) bool { return t.value == s.CompareTolerance }) {
		// A tolerance set by hand in settings.json: keep it as it is.
		c.tolerances = append(c.tolerances, choice[time.Duration]{s.CompareTolerance.String(), s.CompareTolerance})
	}
	c.tolerance.SetOptions(choiceLabels(c.tolerances))
	selectChoice(&c.tolerance.Select, c.tolerances, s.CompareTolerance)
}

func (c *compareFields) read(s *profile.Settings) {
	s.CompareMode = selectedChoice(&c.mode.Select, c.modes)
	s.CompareTolerance = selectedChoice(&c.tolerance.Select, c.tolerances)
}

// load takes the comparison's mode and tolerance from the settings.
func (c *comparison) load(s profile.Settings) {
	c.sizeOnly = s.CompareMode == compare.BySize
	c.tolerance = s.CompareTolerance
}

// applyCompareSettings puts saved settings into an open comparison at
// once, and into View's check marks.
func (mw *mainWindow) applyCompareSettings(s profile.Settings) {
	mw.compare.load(s)
	if mw.compare.menuSync != nil {
		mw.compare.menuSync()
	}
	mw.recompare()
}

// keepCompareMode writes the mode chosen in the View menu to
// settings.json, off the UI goroutine, so that the next start compares
// the same way.
func (mw *mainWindow) keepCompareMode() {
	store := mw.settings
	if store == nil {
		return
	}
	mode := mw.compare.mode()
	mw.goWork(mw.ctx, func(context.Context) {
		s := store.Settings()
		if s.CompareMode == mode {
			return
		}
		s.CompareMode = mode
		if err := store.Save(s); err != nil {
			mw.do(func() { mw.logError(lang.L("Cannot save the comparison mode"), err) })
		}
	})
}
