package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/queue"
)

// queueList is one tab's list of jobs. Besides the list's own keys (Up
// and Down move the cursor, Space selects), Enter shows the job under the
// cursor in detail and Delete removes it from the queue (cancelling it
// when it runs), as Remove in its menu does.
type queueList struct {
	widget.List
	qp  *queuePanel
	tab int
	// onCursor, while a key is handled, is what to do with the job under
	// the list's cursor: the list keeps its cursor to itself, and selecting
	// it (what Space does) says which row it is.
	onCursor func(queue.Job)
}

func newQueueList(qp *queuePanel, tab int) *queueList {
	l := &queueList{qp: qp, tab: tab}
	l.Length = func() int { return len(qp.tabs[tab]) }
	l.CreateItem = func() fyne.CanvasObject { return newQueueRow(qp) }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(qp.tabs[tab]) {
			o.(*queueRow).set(qp.jobs[qp.tabs[tab][id]])
		}
	}
	l.OnSelected = func(id widget.ListItemID) {
		f := l.onCursor
		l.onCursor = nil
		if f != nil && id < len(qp.tabs[tab]) {
			f(qp.jobs[qp.tabs[tab][id]])
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey adds Enter and Delete to the list's keys. No row stays
// selected: the cursor alone shows which job the keys act on.
func (l *queueList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		l.atCursor(l.qp.mw.showJobDetails)
	case fyne.KeyDelete:
		l.atCursor(func(j queue.Job) { l.qp.mw.queue.Remove(j.ID) })
	default:
		l.List.TypedKey(ev)
		l.UnselectAll()
	}
}

// atCursor runs f on the job under the cursor, if there is one.
func (l *queueList) atCursor(f func(queue.Job)) {
	if l.Length() == 0 {
		return
	}
	l.UnselectAll() // selecting the row already selected tells nothing
	l.onCursor = f
	l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	l.onCursor = nil
	l.UnselectAll()
}
