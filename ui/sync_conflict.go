package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore"
	"ferry/ftpcore/compare"
	"ferry/ftpcore/syncplan"
)

// A conflict of two files (sizes differ, neither newer) is the user's to
// settle in the preview: leave it, or copy one way. A file against a
// folder is only reported: settling it would take a deletion.

// The ways a conflict can be settled, as indexes of the row's choice.
const (
	conflictLeave = iota
	conflictLeftToRight
	conflictRightToLeft
)

// settleable reports whether the user may settle an item.
func settleable(it syncplan.Item) bool {
	return it.Action == syncplan.Conflict && it.State != compare.TypeMismatch
}

// newConflictChoice returns a row's choice for settling a conflict.
func newConflictChoice() *dialogSelect {
	return newDialogSelect([]string{lang.L("Leave as is"), lang.L("Left → right"), lang.L("Right → left")}, nil)
}

// updateConflictChoice shows the choice on a conflict's row, hides it on
// others.
func (sp *syncPreview) updateConflictChoice(r *syncRow, id int, it syncplan.Item) {
	r.choice.OnChanged = nil
	if !settleable(it) {
		r.choice.Hide()
		return
	}
	r.choice.SetSelectedIndex(sp.settled[id])
	r.choice.OnChanged = func(string) {
		if id < len(sp.settled) {
			sp.settled[id] = r.choice.SelectedIndex()
			sp.updateSummary()
		}
	}
	r.choice.Show()
}

// runnablePlan returns the plan as Run carries it out: settled conflicts
// become copies, and the ticks say which items run.
func (sp *syncPreview) runnablePlan() (plan []syncplan.Item, chosen []bool) {
	plan = append([]syncplan.Item(nil), sp.plan...)
	chosen = append([]bool(nil), sp.chosen...)
	for i, it := range plan {
		if !settleable(it) || i >= len(sp.settled) || sp.settled[i] == conflictLeave {
			continue
		}
		it.Action, it.To = syncplan.Copy, syncplan.SideB
		if sp.settled[i] == conflictRightToLeft {
			// The item carries side A's size and time; the queue asks
			// the server for B's.
			it.To, it.Size, it.ModTime = syncplan.SideA, -1, time.Time{}
		}
		plan[i], chosen[i] = it, true
	}
	return plan, chosen
}

// refusalText says why the plan leaves an entry alone.
func refusalText(err error) string {
	switch {
	case errors.Is(err, syncplan.ErrLinkInTheWay):
		return lang.L("a link is in the way")
	case errors.Is(err, ftpcore.ErrLinkOutside):
		return lang.L("a link that leads outside the folder")
	case errors.Is(err, syncplan.ErrFolderLoop):
		return lang.L("the folder is inside itself (a loop)")
	case errors.Is(err, syncplan.ErrTooDeep):
		return lang.L("too deep")
	}
	return lang.L("unsafe name")
}
