package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/queue"
)

// jobDetails lists what there is to read about a job, a label and a
// value a line: the row has room for the start of a failure's message
// only, and the reason is what a user needs to read whole.
func (mw *mainWindow) jobDetails(j queue.Job, now time.Time) [][2]string {
	status := jobState(j)
	switch j.State {
	case queue.JobFailed:
		status = lang.L("failed")
	case queue.JobSkipped:
		status = lang.L("skipped")
	}
	lines := [][2]string{
		{lang.L("From"), mw.endpointLabel(j.Src)},
		{lang.L("To"), mw.endpointLabel(j.Dst)},
		{lang.L("Size"), jobBytes(j)},
		{lang.L("Status"), status},
	}
	if t := jobTimes(j, now); t != "" {
		lines = append(lines, [2]string{lang.L("Time"), t})
	}
	if j.Attempts > 1 {
		lines = append(lines, [2]string{lang.L("Attempts"), strconv.Itoa(j.Attempts)})
	}
	if j.Err != "" {
		lines = append(lines, [2]string{lang.L("Reason"), jobMessageText(j.Err)})
	}
	if j.Note != "" {
		lines = append(lines, [2]string{lang.L("Note"), noteText(j)})
	}
	return lines
}

// showJobDetails shows a job's details in a dialog whose text can be
// selected, with a button that copies it all.
func (mw *mainWindow) showJobDetails(j queue.Job) {
	lines := mw.jobDetails(j, time.Now())
	form := widget.NewForm()
	var text strings.Builder
	for _, l := range lines {
		v := widget.NewLabel(l[1])
		v.Wrapping = fyne.TextWrapWord
		form.Append(l[0], v)
		text.WriteString(l[0] + ": " + l[1] + "\n")
	}
	copyAll := newDialogButton(lang.L("Copy"), nil, widget.MediumImportance, func() {
		mw.app.Clipboard().SetContent(text.String())
	})
	mw.modals.showClosing(mw.win, lang.L("Transfer details"), lang.L("Close"), fyne.NewSize(640, 0),
		container.NewBorder(nil, container.NewHBox(copyAll), nil, nil, form), copyAll)
}
