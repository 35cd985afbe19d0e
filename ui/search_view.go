package ui

import (
	"context"
	"errors"
	"image/color"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/queue"
	"ferry/ftpcore/search"
	"ferry/ftpcore/syncplan"
)

// searchView is Server ▸ Search files: a recursive search below the
// active pane's folder, on the server or the local disk, whose results
// can be copied to the other pane's folder. The search runs on a
// goroutine and Stop cancels it. Used on the UI goroutine only.
type searchView struct {
	mw   *mainWindow
	from paneLister
	pane *pane

	pattern, minSize, maxSize, days *dialogEntry
	status                          *widget.Label
	list                            *dialogList
	find, stop, transfer            *dialogButton
	dlg                             *dialog.CustomDialog
	modal                           *modal // Enter on a result's tick searches, Escape closes

	results []search.Result
	ticked  []bool
	rows    map[*fyne.Container]*searchRow
	gen     int
	cancel  context.CancelFunc
	done    bool // the results shown are complete (or as far as it got)
}

// searchMenuItems returns Server's search item.
func (mw *mainWindow) searchMenuItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{fyne.NewMenuItem(lang.L("Search files…"), func() { mw.openSearch() })}
}

// openSearch shows the search dialog for the active pane's folder.
func (mw *mainWindow) openSearch() *searchView {
	p := mw.active
	if p == nil || p.src == nil || p.dir == "" {
		return nil
	}
	sv := &searchView{mw: mw, pane: p, from: paneLister{src: p.src, root: p.dir}, rows: map[*fyne.Container]*searchRow{}}
	sv.pattern = newDialogEntry()
	sv.pattern.SetPlaceHolder("*.txt")
	sv.pattern.OnSubmitted = func(string) { sv.start() }
	sv.minSize, sv.maxSize, sv.days = newDialogEntry(), newDialogEntry(), newDialogEntry()
	sv.status = widget.NewLabel(lang.X("search.where", "Searching below {{.Dir}}", map[string]any{"Dir": titleOf(p.src) + " " + p.dir}))
	sv.status.Wrapping = fyne.TextWrapWord
	sv.list = newDialogList(func() int { return len(sv.results) }, sv.newRow, sv.updateRow)
	sv.find = newDialogButton(lang.L("Search"), nil, widget.HighImportance, sv.start)
	sv.stop = newDialogButton(lang.L("Stop"), nil, widget.MediumImportance, sv.halt)
	sv.stop.Disable()
	sv.transfer = newDialogButton(lang.L("Copy ticked files to the other pane"), nil, widget.MediumImportance, sv.copyTicked)
	sv.transfer.Disable()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Name"), sv.pattern),
		widget.NewFormItem(lang.L("Size at least (KiB)"), sv.minSize),
		widget.NewFormItem(lang.L("Size at most (KiB)"), sv.maxSize),
		widget.NewFormItem(lang.L("Modified in the last days"), sv.days),
	)
	top := container.NewVBox(form, container.NewHBox(sv.find, sv.stop), sv.status)
	content := container.NewBorder(top, nil, nil, nil, sv.list)
	sv.dlg = dialog.NewCustomWithoutButtons(lang.L("Search files"), content, mw.win)
	closeButton := newDialogButton(lang.L("Close"), nil, widget.MediumImportance, func() { sv.dlg.Hide() })
	sv.dlg.SetButtons([]fyne.CanvasObject{closeButton, sv.transfer})
	sv.dlg.SetOnClosed(sv.halt)
	size := mw.win.Canvas().Size()
	sv.dlg.Resize(fyne.NewSize(size.Width*0.8, size.Height*0.85))
	// Enter in a field or the list searches; Escape closes, from the
	// list and the buttons too.
	sv.modal = mw.modals.show(mw.win, sv.dlg, sv.start, sv.pattern, sv.minSize, sv.maxSize, sv.days, closeButton,
		sv.list, sv.find, sv.stop, sv.transfer)
	mw.win.Canvas().Focus(sv.pattern)
	return sv
}

// errBadNumber is why a size or day field was refused.
var errBadNumber = errors.New("not a whole number")

// query reads the form.
func (sv *searchView) query() (search.Query, error) {
	q := search.Query{Pattern: strings.TrimSpace(sv.pattern.Text)}
	num := func(e *dialogEntry) (int64, error) {
		s := strings.TrimSpace(e.Text)
		if s == "" {
			return 0, nil
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return 0, errBadNumber
		}
		return n, nil
	}
	var err error
	var days int64
	if q.MinSize, err = num(sv.minSize); err == nil {
		if q.MaxSize, err = num(sv.maxSize); err == nil {
			days, err = num(sv.days)
		}
	}
	if err != nil {
		return q, err
	}
	q.MinSize, q.MaxSize = q.MinSize*1024, q.MaxSize*1024
	if days > 0 {
		q.After = time.Now().Add(-time.Duration(days) * 24 * time.Hour)
	}
	return q, nil
}

// start begins a search, ending any still running.
func (sv *searchView) start() {
	q, err := sv.query()
	if err != nil {
		sv.status.SetText(lang.L("Sizes and days are whole numbers."))
		return
	}
	sv.halt()
	sv.gen++
	gen, lister := sv.gen, sv.from
	ctx, cancel := context.WithCancel(sv.pane.srcCtx)
	sv.cancel = cancel
	sv.results, sv.ticked, sv.done = nil, nil, false
	sv.list.Refresh()
	sv.find.Disable()
	sv.stop.Enable()
	sv.transfer.Disable()
	sv.status.SetText(lang.L("Searching…"))
	// Progress reaches the window at most ten times a second.
	var mu sync.Mutex
	var last time.Time
	q.Progress = func(rel string, listed int) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < redrawInterval {
			return
		}
		last = time.Now()
		sv.mw.do(func() {
			if gen == sv.gen && !sv.done {
				sv.status.SetText(lang.X("search.progress", "Searching {{.Dir}} ({{.N}} folders read)",
					map[string]any{"Dir": rel, "N": listed}))
			}
		})
	}
	sv.mw.goWork(ctx, func(ctx context.Context) {
		defer cancel()
		res, out, err := search.Find(ctx, lister, q)
		sv.mw.do(func() {
			if gen != sv.gen {
				return
			}
			sv.show(res, out, err)
		})
	})
}

// show applies the results that came back.
func (sv *searchView) show(res []search.Result, out search.Outcome, err error) {
	sv.done = true
	sv.results, sv.ticked = res, make([]bool, len(res))
	sv.list.Refresh()
	sv.find.Enable()
	sv.stop.Disable()
	data := map[string]any{"N": len(res), "Folders": out.Listed}
	text := lang.X("search.found", "{{.N}} found in {{.Folders}} folders.", data)
	switch {
	case errors.Is(err, context.Canceled):
		text = lang.X("search.stopped", "Stopped: {{.N}} found in {{.Folders}} folders.", data)
	case err != nil:
		text = lang.L("The search failed") + ": " + err.Error()
	case out.Truncated:
		text += " " + lang.L("The search reached its limits; narrow it down to see everything.")
	}
	if len(out.Skipped) > 0 {
		text += " " + lang.X("search.skipped", "{{.N}} folders could not be read; see the message log.", map[string]any{"N": len(out.Skipped)})
		for _, e := range out.Skipped {
			sv.mw.logError(lang.L("Search files"), e)
		}
	}
	sv.status.SetText(text)
}

// halt stops the search in progress; the results so far are shown.
func (sv *searchView) halt() {
	if sv.cancel != nil {
		sv.cancel()
	}
}

// searchRow is one result: a tick, the path, size and date.
type searchRow struct {
	check        *dialogCheck
	path, detail *widget.Label
}

func (sv *searchView) newRow() fyne.CanvasObject {
	r := &searchRow{check: newDialogCheck("", nil), path: widget.NewLabel(""), detail: widget.NewLabel("")}
	// A click on a tick gives it the focus; the dialog keeps Enter and
	// Escape (the rows are made as the list shows them, once it is open).
	r.check.setKeys(func() {
		if sv.modal != nil {
			sv.modal.enter()
		}
	}, func() {
		if sv.modal != nil {
			sv.modal.escape()
		}
	})
	r.path.Truncation = fyne.TextTruncateEllipsis
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(260, 0))
	row := container.NewBorder(nil, nil, r.check, container.NewStack(width, r.detail), r.path)
	sv.rows[row] = r
	return row
}

func (sv *searchView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := sv.rows[o.(*fyne.Container)]
	if r == nil || id >= len(sv.results) {
		return
	}
	res := sv.results[id]
	r.check.OnChanged = nil
	r.check.SetChecked(sv.ticked[id])
	r.check.OnChanged = func(on bool) {
		if id < len(sv.ticked) {
			sv.ticked[id] = on
			sv.updateTransfer()
		}
	}
	r.path.SetText(res.Rel)
	r.detail.SetText(cellText(&res.Entry, colSize) + "  " + cellText(&res.Entry, colModified))
}

// updateTransfer enables the copy button when a file is ticked and the
// other pane shows a folder.
func (sv *searchView) updateTransfer() {
	for _, on := range sv.ticked {
		if on {
			sv.transfer.Enable()
			return
		}
	}
	sv.transfer.Disable()
}

// copyTicked copies the ticked files into the other pane's folder:
// through the queue, or as a local copy when both panes are local.
func (sv *searchView) copyTicked() {
	to := sv.pane.other()
	if to.src == nil || to.dir == "" {
		return
	}
	from := sv.from
	var specs []queue.JobSpec
	var paths []string
	for i, res := range sv.results {
		if !sv.ticked[i] {
			continue
		}
		src := from.path(res.Rel)
		if from.src.local() && to.src.local() {
			paths = append(paths, src)
			continue
		}
		sides := syncSides{from, {src: to.src, root: to.dir}}
		specs = append(specs, queue.JobSpec{
			Kind:    sides.jobKind(syncplan.SideB),
			Src:     queue.Endpoint{Site: from.src.siteKey(), Path: src},
			Dst:     queue.Endpoint{Site: to.src.siteKey(), Path: to.src.join(to.dir, path.Base(res.Rel))},
			Size:    res.Entry.Size,
			ModTime: res.Entry.ModTime,
		})
	}
	if len(paths) > 0 {
		sv.mw.copyLocal(paths, to, to.dir)
	}
	sv.mw.addJobs(specs)
}
