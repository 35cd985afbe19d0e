package ui

import (
	"context"
	"errors"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/compare"
	"ferry/ftpcore/queue"
	"ferry/ftpcore/syncplan"
)

// syncPreview is Transfer ▸ Synchronise: the plan for the two panes'
// folders, worked out on a goroutine and shown before anything moves;
// the user unticks what should not happen, then Run queues the rest.
// Used on the UI goroutine only.
type syncPreview struct {
	mw    *mainWindow
	sides syncSides

	direction *dialogSelect
	del       *dialogCheck
	bySize    *dialogCheck
	list      *dialogList
	summary   *widget.Label
	run       *dialogButton
	dlg       *dialog.CustomDialog
	modal     *modal // Enter on a row's tick or choice runs, Escape closes

	plan     []syncplan.Item
	chosen   []bool
	settled  []int // per conflict: conflictLeave, conflictLeftToRight...
	upToDate int
	gen      int
	stop     context.CancelFunc // ends the planning in progress
	rows     map[*fyne.Container]*syncRow
	ready    bool // the plan shown is the one for the options shown
}

// errSyncNeedsServer is why synchronising two local folders is refused:
// the transfer queue moves files to and from servers.
var errSyncNeedsServer = errors.New("synchronising needs a server in at least one pane")

// syncMenuItems returns Transfer's synchronisation item.
func (mw *mainWindow) syncMenuItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Synchronise folders…"), func() { mw.openSync() })}
}

// openSync shows the synchronisation preview for the folders of both
// panes, copying from the active pane by default; nil when it cannot.
func (mw *mainWindow) openSync() *syncPreview {
	a, b := mw.panes[0], mw.panes[1]
	if a.src == nil || b.src == nil || a.dir == "" || b.dir == "" {
		return nil
	}
	if a.src.local() && b.src.local() {
		mw.showError(lang.L("Cannot synchronise"), errSyncNeedsServer)
		return nil
	}
	sp := &syncPreview{mw: mw, rows: map[*fyne.Container]*syncRow{}, sides: syncSides{{src: a.src, root: a.dir}, {src: b.src, root: b.dir}}}
	sp.direction = newDialogSelect([]string{
		lang.L("Left to right"), lang.L("Right to left"), lang.L("Both ways"),
	}, func(string) { sp.replan() })
	sp.del = newDialogCheck(lang.L("Delete what the source lacks"), func(bool) { sp.replan() })
	sp.bySize = newDialogCheck(lang.L("Compare file sizes only"), func(bool) { sp.replan() })
	sp.bySize.Checked = mw.compare.sizeOnly
	sp.summary = widget.NewLabel("")
	sp.summary.Wrapping = fyne.TextWrapWord
	sp.list = newDialogList(func() int { return len(sp.plan) }, sp.newRow, sp.updateRow)
	sp.run = newDialogButton(lang.L("Run"), nil, widget.HighImportance, sp.start)
	sp.run.Disable()
	cancel := newDialogButton(lang.L("Cancel"), nil, widget.MediumImportance, func() { sp.dlg.Hide() })

	heading := widget.NewLabel(titleOf(a.src) + " " + a.dir + "\n" + titleOf(b.src) + " " + b.dir)
	heading.Truncation = fyne.TextTruncateEllipsis
	options := container.NewHBox(wholeOptions(sp.direction, &sp.direction.Select), sp.del, sp.bySize)
	top := container.NewVBox(heading, options)
	content := container.NewBorder(top, sp.summary, nil, nil, sp.list)
	sp.dlg = dialog.NewCustomWithoutButtons(lang.L("Synchronise folders"), content, mw.win)
	sp.dlg.SetButtons([]fyne.CanvasObject{cancel, sp.run})
	sp.dlg.SetOnClosed(func() {
		if sp.stop != nil {
			sp.stop()
		}
	})
	size := mw.win.Canvas().Size()
	sp.dlg.Resize(fyne.NewSize(size.Width*0.85, size.Height*0.85))
	// Enter runs the plan once there is something to run; Escape closes.
	sp.modal = mw.modals.show(mw.win, sp.dlg, func() {
		if !sp.run.Disabled() {
			sp.start()
		}
	}, cancel, sp.run, sp.direction, sp.del, sp.bySize, sp.list)
	if mw.active == b {
		sp.direction.SetSelectedIndex(1) // and plans
	} else {
		sp.direction.SetSelectedIndex(0)
	}
	return sp
}

// options reads the dialog's choices.
func (sp *syncPreview) options() syncplan.Options {
	// The same tolerance and case rule as the comparison of the panes,
	// so that files it shows as identical are not copied.
	a, b := sp.mw.panes[0], sp.mw.panes[1]
	o := syncplan.Options{
		Direction: syncplan.Direction(max(sp.direction.SelectedIndex(), 0)),
		Delete:    sp.del.Checked,
		Compare: compare.Options{Mode: compare.BySizeAndTime, Tolerance: sp.mw.compare.tolerance,
			FoldCase: foldsCase(a) && foldsCase(b)},
	}
	if sp.bySize.Checked {
		o.Compare.Mode = compare.BySize
	}
	return o
}

// replan works the plan out again, on a goroutine, after a change of
// options; a newer plan makes an older one stale.
func (sp *syncPreview) replan() {
	if sp.stop != nil {
		sp.stop()
	}
	sp.gen++
	gen, opt, sides := sp.gen, sp.options(), sp.sides
	ctx, cancel := context.WithCancel(sp.mw.ctx)
	sp.stop = cancel
	sp.plan, sp.chosen, sp.ready = nil, nil, false
	sp.list.Refresh()
	sp.run.Disable()
	del := opt.Direction != syncplan.Both
	if del {
		sp.del.Enable()
	} else {
		sp.del.Disable()
	}
	sp.summary.SetText(lang.L("Comparing the folders…"))
	sp.mw.goWork(ctx, func(ctx context.Context) {
		defer cancel()
		opt.FollowLink = sides.followLink
		plan, err := syncplan.Build(ctx, sides[0], sides[1], opt)
		sp.mw.do(func() {
			if gen != sp.gen {
				return
			}
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					sp.summary.SetText(lang.L("Cannot compare the folders") + ": " + err.Error())
				}
				return
			}
			sp.show(plan)
		})
	})
}

// show applies a plan that arrived: what can run is ticked, except a
// copy that would replace a newer file, which the user ticks if they mean
// it: one Run must not overwrite newer work.
func (sp *syncPreview) show(plan *syncplan.Plan) {
	sp.plan, sp.upToDate, sp.ready = plan.Items, plan.UpToDate, true
	sp.chosen = make([]bool, len(sp.plan))
	sp.settled = make([]int, len(sp.plan))
	for i, it := range sp.plan {
		sp.chosen[i] = runnable(it) && !(it.Action == syncplan.Copy && it.State == compare.OlderHere)
	}
	sp.list.Refresh()
	sp.updateSummary()
}

func runnable(it syncplan.Item) bool {
	return it.Action == syncplan.Mkdir || it.Action == syncplan.Copy || it.Action == syncplan.Delete
}

// updateSummary counts what Run would do.
func (sp *syncPreview) updateSummary() {
	counts := map[syncplan.Action]int{}
	plan, chosen := sp.runnablePlan()
	for i, it := range plan {
		if chosen[i] || !runnable(it) {
			counts[it.Action]++
		}
	}
	mkdir, conflicts := counts[syncplan.Mkdir], counts[syncplan.Conflict]
	sp.summary.SetText(lang.X("sync.summary",
		"{{.Copy}} to copy, {{.Mkdir}}, {{.Delete}} to delete; {{.Conflict}} and {{.Refuse}} refused left alone; {{.Same}} up to date.",
		map[string]any{"Copy": counts[syncplan.Copy], "Delete": counts[syncplan.Delete], "Refuse": counts[syncplan.Refuse], "Same": sp.upToDate,
			"Mkdir":    lang.XN("sync.mkdir", "{{.Count}} folders to create", mkdir, map[string]any{"Count": mkdir}),
			"Conflict": lang.XN("sync.conflicts", "{{.Count}} conflicts", conflicts, map[string]any{"Count": conflicts})}))
	if counts[syncplan.Copy]+counts[syncplan.Mkdir]+counts[syncplan.Delete] > 0 {
		sp.run.Enable()
	} else {
		sp.run.Disable()
	}
}

// syncActionWidth is the width of the preview's action column, enough
// for "Server to server →" in English and French.
const syncActionWidth = 190

// syncRow is one line of the preview: a tick, what, where, why.
type syncRow struct {
	check                *dialogCheck
	action, path, detail *widget.Label
	choice               *dialogSelect // settles a conflict
}

func (sp *syncPreview) newRow() fyne.CanvasObject {
	r := &syncRow{check: newDialogCheck("", nil), action: widget.NewLabel(""), path: widget.NewLabel(""), detail: widget.NewLabel("")}
	r.path.Truncation = fyne.TextTruncateEllipsis
	// Why an item is there is half of what the preview says: in the
	// theme's text colour (a low-importance label is drawn in the
	// disabled colour, 1.5:1 on the dark theme), set apart in italics.
	r.detail.TextStyle.Italic = true
	r.choice = newConflictChoice()
	enter := func() {
		if sp.modal != nil {
			sp.modal.enter()
		}
	}
	escape := func() {
		if sp.modal != nil {
			sp.modal.escape()
		}
	}
	r.check.setKeys(enter, escape)
	r.choice.setKeys(enter, escape)
	r.choice.Hide()
	// A fixed-width action column keeps the paths in line.
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(syncActionWidth, 0))
	row := container.NewBorder(nil, nil, container.NewHBox(r.check, container.NewStack(width, r.action)), container.NewHBox(r.detail, r.choice), r.path)
	sp.rows[row] = r
	return row
}

func (sp *syncPreview) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := sp.rows[o.(*fyne.Container)]
	if r == nil || id >= len(sp.plan) {
		return
	}
	it := sp.plan[id]
	r.check.OnChanged = nil
	r.check.SetChecked(sp.chosen[id])
	if runnable(it) {
		r.check.Enable()
		r.check.OnChanged = func(on bool) {
			if id < len(sp.chosen) {
				sp.chosen[id] = on
				sp.updateSummary()
			}
		}
	} else {
		r.check.Disable()
	}
	r.action.SetText(sp.actionText(it))
	r.path.SetText(it.Rel())
	r.detail.SetText(detailText(it))
	sp.updateConflictChoice(r, id, it)
}

// actionText names an item's action with the direction it goes.
func (sp *syncPreview) actionText(it syncplan.Item) string {
	arrow := " →"
	if it.To == syncplan.SideA {
		arrow = " ←"
	}
	switch it.Action {
	case syncplan.Mkdir:
		return lang.L("Create folder") + arrow
	case syncplan.Delete:
		return lang.L("Delete") + arrow
	case syncplan.Conflict:
		return lang.L("Conflict")
	case syncplan.Refuse:
		return lang.L("Refused")
	}
	switch sp.sides.jobKind(it.To) {
	case queue.JobUpload:
		return lang.L("Upload") + arrow
	case queue.JobDownload:
		return lang.L("Download") + arrow
	}
	return lang.L("Server to server") + arrow
}

// detailText says why an item is in the plan.
func detailText(it syncplan.Item) string {
	switch it.Action {
	case syncplan.Delete:
		return lang.L("not in the source")
	case syncplan.Refuse:
		return refusalText(it.Err)
	case syncplan.Mkdir:
		return lang.L("new")
	}
	switch it.State {
	case compare.OnlyHere:
		return lang.L("new")
	case compare.NewerHere:
		return lang.L("newer")
	case compare.OlderHere:
		return lang.L("replaces a newer file")
	case compare.TypeMismatch:
		return lang.L("a file on one side, a folder on the other")
	case compare.DifferentSize:
		if it.Action == syncplan.Conflict && errors.Is(it.Err, syncplan.ErrNeitherNewer) {
			return lang.L("sizes differ and neither file is newer")
		}
		return lang.L("different size")
	}
	return ""
}

// start runs the ticked items and closes the dialog; folders and
// deletions go through the panes' sessions, copies through the queue.
func (sp *syncPreview) start() {
	plan, chosen := sp.runnablePlan()
	sides, mw := sp.sides, sp.mw
	sp.dlg.Hide()
	mw.goWork(mw.ctx, func(ctx context.Context) {
		err := sides.runPlan(ctx, plan, chosen, func(specs []queue.JobSpec) error {
			_, err := mw.queue.Add(specs...)
			return err
		})
		mw.do(func() {
			if err != nil && !errors.Is(err, context.Canceled) {
				mw.showError(lang.L("Synchronisation"), err)
			}
			for _, p := range mw.panes {
				p.refresh()
			}
		})
	})
}
