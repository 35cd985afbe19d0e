package ui

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/queue"
)

// The queue panel's tabs.
const (
	tabQueued = iota
	tabFailed
	tabDone
	tabSkipped // skipped is an outcome of its own: nothing was copied
	numTabs
)

// queuePanel shows the transfer queue in three tabs: queued (and
// running), failed, successful. Queue events arrive on a queue goroutine
// and are only recorded; tick applies them on the UI goroutine, redrawing
// just the rows that changed unless jobs came, went or moved between tabs.
type queuePanel struct {
	mw *mainWindow

	mu       sync.Mutex
	pending  map[int64]queue.Job
	removed  []int64
	reorder  bool
	totals   queue.Totals
	hasEvent bool

	jobs  map[int64]queue.Job // UI goroutine from here on
	tabs  [numTabs][]int64
	rowOf map[int64]int // row of each job in its tab
	lists [numTabs]*queueList
	tabc  *queueTabs
	root  fyne.CanvasObject
}

func newQueuePanel(mw *mainWindow) *queuePanel {
	qp := &queuePanel{mw: mw, pending: map[int64]queue.Job{}, jobs: map[int64]queue.Job{},
		rowOf: map[int64]int{}}
	for t := range numTabs {
		qp.lists[t] = newQueueList(qp, t)
	}
	// Dense rows: the queue keeps its rows in little height. One theme
	// over the four lists: Fyne parses the fonts again for each theme
	// override that draws text, about 1.5 MiB each.
	// (Not the tabs: they draw in the window's theme.)
	var contents [numTabs]fyne.CanvasObject
	for t, l := range qp.lists {
		contents[t] = l
	}
	qp.tabc = newQueueTabs(dense(mw.app, container.NewStack(contents[:]...)), contents)
	qp.retitle()
	qp.root = qp.tabc
	return qp
}

// record is the queue's OnEvent: it keeps the latest news for tick.
func (qp *queuePanel) record(ev queue.Event) {
	qp.mu.Lock()
	defer qp.mu.Unlock()
	for _, j := range ev.Jobs {
		qp.pending[j.ID] = j
	}
	qp.removed = append(qp.removed, ev.Removed...)
	qp.reorder = qp.reorder || ev.Reordered
	qp.totals = ev.Totals
	qp.hasEvent = true
}

// reload reads the whole queue again, as after start-up.
func (qp *queuePanel) reload() {
	clear(qp.jobs)
	for _, j := range qp.mw.queue.Jobs() {
		qp.jobs[j.ID] = j
	}
	qp.rebuild()
	qp.mw.status.setTotals(qp.mw.queue.Totals())
}

func tabOf(j queue.Job) int {
	switch j.State {
	case queue.JobFailed:
		return tabFailed
	case queue.JobDone:
		return tabDone
	case queue.JobSkipped:
		return tabSkipped
	}
	return tabQueued
}

// tick applies recorded events; it runs on the UI goroutine.
func (qp *queuePanel) tick() {
	qp.mu.Lock()
	if !qp.hasEvent {
		qp.mu.Unlock()
		return
	}
	pending, removed, reorder, totals := qp.pending, qp.removed, qp.reorder, qp.totals
	qp.pending, qp.removed, qp.reorder, qp.hasEvent = map[int64]queue.Job{}, nil, false, false
	qp.mu.Unlock()

	structural := reorder || len(removed) > 0
	var finished []queue.Job
	for id, j := range pending {
		old, known := qp.jobs[id]
		if !known || tabOf(old) != tabOf(j) {
			structural = true
		}
		if j.State.Finished() && (!known || old.State != j.State) {
			finished = append(finished, j)
		}
		qp.jobs[id] = j
	}
	for _, id := range removed {
		delete(qp.jobs, id)
		qp.mw.edits.forget(id)
	}
	if structural {
		qp.rebuild()
	} else {
		for id := range pending {
			if row, ok := qp.rowOf[id]; ok {
				qp.lists[tabOf(qp.jobs[id])].RefreshItem(row)
			}
		}
	}
	qp.mw.status.setTotals(totals)
	qp.mw.jobsFinished(finished)
}

// rebuild sorts jobs into the tabs in queue order.
func (qp *queuePanel) rebuild() {
	order := qp.mw.queue.Jobs()
	for t := range qp.tabs {
		qp.tabs[t] = qp.tabs[t][:0]
	}
	clear(qp.rowOf)
	for _, j := range order {
		if cur, ok := qp.jobs[j.ID]; ok {
			t := tabOf(cur)
			qp.rowOf[j.ID] = len(qp.tabs[t])
			qp.tabs[t] = append(qp.tabs[t], j.ID)
		}
	}
	for _, l := range qp.lists {
		l.Refresh()
	}
	qp.retitle()
}

func (qp *queuePanel) retitle() {
	titles := [numTabs]string{lang.L("Queued files"), lang.L("Failed transfers"), lang.L("Successful transfers"),
		lang.L("Skipped")}
	for t, title := range titles {
		if n := len(qp.tabs[t]); n > 0 {
			title = fmt.Sprintf("%s (%d)", title, n)
		}
		qp.tabc.SetTitle(t, title)
	}
}

// menu is a job's context menu.
func (qp *queuePanel) menu(j queue.Job) *fyne.Menu {
	q := qp.mw.queue
	cancel := fyne.NewMenuItem(lang.L("Cancel"), func() { q.Cancel(j.ID) })
	cancel.Disabled = j.State.Finished()
	retry := fyne.NewMenuItem(lang.L("Retry"), func() { q.Retry(j.ID) })
	// A skipped file too: Skip chosen by mistake, or the other file gone
	// meanwhile; once the queue has run dry, the question comes again.
	retry.Disabled = j.State != queue.JobFailed && j.State != queue.JobWaiting && j.State != queue.JobSkipped
	up := fyne.NewMenuItem(lang.L("Move up"), func() { q.Move(j.ID, -1) })
	down := fyne.NewMenuItem(lang.L("Move down"), func() { q.Move(j.ID, 1) })
	remove := fyne.NewMenuItem(lang.L("Remove"), func() { q.Remove(j.ID) })
	clearDone := fyne.NewMenuItem(lang.L("Clear finished"), q.ClearFinished)
	retryAll := fyne.NewMenuItem(lang.L("Retry all failed"), q.RetryFailed)
	// Through the status bar, whose button shows the queue's state.
	sb := qp.mw.status
	pause := fyne.NewMenuItem(lang.L("Pause queue"), func() { sb.setPaused(true) })
	if q.Paused() {
		pause = fyne.NewMenuItem(lang.L("Resume queue"), func() { sb.setPaused(false) })
	}
	details := fyne.NewMenuItem(lang.L("Details…"), func() { qp.mw.showJobDetails(j) })
	return fyne.NewMenu("", details, fyne.NewMenuItemSeparator(), cancel, retry, fyne.NewMenuItemSeparator(), up, down,
		fyne.NewMenuItemSeparator(), remove, clearDone, retryAll, fyne.NewMenuItemSeparator(), pause)
}

// queueRow draws one job: state icon, direction and paths, bytes done
// and size, a progress bar, time spent and left (or when it ended), then
// speed (or the error).
type queueRow struct {
	widget.BaseWidget
	qp    *queuePanel
	job   queue.Job
	icon  *widget.Icon
	paths *widget.Label
	size  *widget.Label
	bar   *widget.ProgressBar
	times *widget.Label
	rate  *widget.Label
}

func newQueueRow(qp *queuePanel) *queueRow {
	r := &queueRow{qp: qp, icon: widget.NewIcon(nil), paths: widget.NewLabel(""),
		size: widget.NewLabel(""), bar: widget.NewProgressBar(), times: widget.NewLabel(""), rate: widget.NewLabel("")}
	r.paths.Truncation = fyne.TextTruncateEllipsis
	// A failure's message is long: cut, it keeps to its row.
	r.rate.Truncation = fyne.TextTruncateEllipsis
	// The bar's own label would sit on its filled and its empty part at
	// once, and no colour reads on both: the figure is in the rate column.
	r.bar.TextFormatter = func() string { return "" }
	r.size.Alignment = fyne.TextAlignTrailing
	r.ExtendBaseWidget(r)
	return r
}

// rowHeight is the height of a row as the queue's lists show it, with
// their dense theme.
func (qp *queuePanel) rowHeight() float32 {
	return dense(qp.mw.app, newQueueRow(qp)).MinSize().Height
}

// CreateRenderer lays the row out with fixed room for the figures.
func (r *queueRow) CreateRenderer() fyne.WidgetRenderer {
	fixed := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		return container.New(fixedWidth(w), o)
	}
	right := container.NewHBox(fixed(r.size, 170), container.NewCenter(fixed(r.bar, 140)), fixed(r.times, 190), fixed(r.rate, 210))
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.icon, right, r.paths))
}

func (r *queueRow) set(j queue.Job) {
	r.job = j
	r.icon.SetResource(stateIcon(j))
	r.paths.SetText(r.qp.mw.jobLabel(j))
	r.size.SetText(jobBytes(j))
	r.times.SetText(jobTimes(j, time.Now()))
	if j.Size > 0 {
		r.bar.SetValue(min(float64(j.Done)/float64(j.Size), 1))
	} else if j.State == queue.JobDone {
		r.bar.SetValue(1)
	} else {
		r.bar.SetValue(0)
	}
	r.rate.SetText(jobRate(j))
}

// DoubleTapped shows the job's details, a failure's whole message among
// them.
func (r *queueRow) DoubleTapped(*fyne.PointEvent) {
	r.qp.mw.showJobDetails(r.job)
}

// TappedSecondary opens the job's context menu.
func (r *queueRow) TappedSecondary(ev *fyne.PointEvent) {
	widget.ShowPopUpMenuAtPosition(r.qp.menu(r.job), r.qp.mw.win.Canvas(), ev.AbsolutePosition)
}

func stateIcon(j queue.Job) fyne.Resource {
	switch j.State {
	case queue.JobActive:
		if j.Kind == queue.JobUpload {
			return theme.UploadIcon()
		}
		return theme.DownloadIcon()
	case queue.JobPaused:
		return theme.MediaPauseIcon()
	case queue.JobWaiting:
		return theme.NewWarningThemedResource(theme.LoginIcon())
	case queue.JobDone:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case queue.JobFailed:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case queue.JobSkipped:
		return theme.MediaSkipNextIcon()
	}
	return theme.HistoryIcon()
}

// siteHost drops the scheme and user of a quick-connect key.
func siteHost(key string) string {
	for i := 0; i+3 <= len(key); i++ {
		if key[i:i+3] == "://" {
			key = key[i+3:]
			break
		}
	}
	for i := len(key) - 1; i >= 0; i-- {
		if key[i] == '@' {
			return key[i+1:]
		}
	}
	return key
}

// jobRate writes "31% · 10.2 MiB/s" (the time left stands in the row's
// clock, jobTimes), or the state and error, with how much is done when a
// job is part way, and what the queue did on its own (a name mapped for
// the local disk, a stale .part restarted).
func jobRate(j queue.Job) string {
	s := jobState(j)
	if j.State != queue.JobDone && j.Size > 0 && j.Done > 0 && j.Done < j.Size {
		s = lang.X("queue.percent", "{{.P}}%", map[string]any{"P": j.Done * 100 / j.Size}) + " · " + s
	}
	if j.Note != "" && j.State != queue.JobFailed && j.State != queue.JobSkipped {
		s += " · " + noteText(j)
	}
	return s
}

// jobState writes a job's speed and time left, or its state and error.
func jobState(j queue.Job) string {
	switch j.State {
	case queue.JobActive:
		if j.Speed <= 0 {
			return lang.L("starting…")
		}
		// The time left stands in the row's clock (jobTimes).
		return humanSize(int64(j.Speed)) + "/s"
	case queue.JobFailed, queue.JobSkipped:
		return jobMessageText(j.Err)
	case queue.JobPaused:
		return lang.L("paused")
	case queue.JobWaiting:
		// Its server needs the user to connect (a quick connection's
		// password is never saved); connecting to it runs the job.
		return lang.L("waiting for connection")
	case queue.JobDone:
		return lang.L("done")
	}
	return lang.L("waiting")
}

func shortDuration(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
