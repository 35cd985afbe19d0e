package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/queue"
)

// overwriteChoices are the answers to "the target exists", FileZilla's order.
func overwriteChoices() []queue.OverwriteAction {
	return []queue.OverwriteAction{queue.Overwrite, queue.OverwriteIfNewer,
		queue.OverwriteIfSizeDiffers, queue.OverwriteResume, queue.OverwriteRename, queue.OverwriteSkip}
}

func existsLabel(a queue.OverwriteAction) string {
	switch a {
	case queue.Overwrite:
		return lang.L("Overwrite")
	case queue.OverwriteIfNewer:
		return lang.L("Overwrite if the source is newer")
	case queue.OverwriteIfSizeDiffers:
		return lang.L("Overwrite if the size differs")
	case queue.OverwriteResume:
		return lang.L("Resume")
	case queue.OverwriteRename:
		return lang.L("Rename")
	}
	return lang.L("Skip")
}

// askExists is the queue's Options.Ask. It runs on a queue worker,
// shows the question on the UI goroutine and waits for the answer; when
// the job is cancelled meanwhile the dialog goes away and the job skips.
func (mw *mainWindow) askExists(ctx context.Context, q queue.ExistsQuestion) (queue.ExistsAnswer, error) {
	answer := make(chan queue.ExistsAnswer, 1)
	var d dialog.Dialog
	mw.do(func() { d = mw.existsDialog(q, func(a queue.ExistsAnswer) { answer <- a }) })
	select {
	case a := <-answer:
		return a, nil
	case <-ctx.Done():
		mw.doWhileOpen(func() {
			if d != nil {
				d.Hide()
			}
		})
		return queue.ExistsAnswer{Action: queue.OverwriteSkip}, ctx.Err()
	}
}

// existsDialog shows both files and the possible actions.
func (mw *mainWindow) existsDialog(q queue.ExistsQuestion, reply func(queue.ExistsAnswer)) dialog.Dialog {
	choices := overwriteChoices()
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = existsLabel(c)
	}
	radio := widget.NewRadioGroup(labels, nil)
	radio.Required = true
	radio.SetSelected(labels[0])
	// A click on a choice gives its item the focus, which takes Enter and
	// Escape and does nothing with them: the dialog takes the keyboard
	// back, after a click on the choice already made too.
	radioKeysBack(radio)
	all := newDialogCheck(lang.L("Always use this action for the rest of the queue"), nil)
	info := func(title string, e queue.Endpoint, f queue.FileInfo) fyne.CanvasObject {
		when := ""
		if !f.ModTime.IsZero() {
			when = f.ModTime.Local().Format("2006-01-02 15:04:05")
		}
		size := lang.L("size unknown")
		if f.Size >= 0 {
			size = humanSize(f.Size)
			if f.Size >= 1024 {
				// The exact count: two sizes rounded alike may still
				// differ, and "overwrite if the size differs" goes by it.
				size += " (" + exactSize(f.Size) + ")"
			}
		}
		l := widget.NewLabel(mw.endpointLabel(e) + "\n" + size + "   " + when)
		l.Wrapping = fyne.TextWrapBreak
		return widget.NewCard("", title, l)
	}
	content := container.NewVBox(
		widget.NewLabel(lang.L("The target file already exists.")),
		info(lang.L("Source"), q.Job.Src, q.Src),
		info(lang.L("Target"), q.Job.Dst, q.Dst))
	note := func(text string) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		content.Add(l)
	}
	if q.ASCII {
		// The sizes are each side's as stored: where the two sides end
		// lines differently, the same text has different sizes.
		note(lang.L("Text transfer (ASCII): line endings may be converted, so the same text can have different sizes on each side. Files of equal size count as the same."))
	}
	if q.Src.Size >= 0 && q.Dst.Size > q.Src.Size {
		note(lang.L("The target is larger than the source: it cannot be resumed."))
	}
	content.Add(radio)
	content.Add(all)
	d := newConfirmBox(lang.L("File exists"), lang.L("OK"), lang.L("Skip"), content, func(ok bool) {
		a := queue.ExistsAnswer{Action: queue.OverwriteSkip, ApplyToAll: all.Checked}
		if ok {
			for i, l := range labels {
				if l == radio.Selected {
					a.Action = choices[i]
				}
			}
		}
		reply(a)
	}, mw.win)
	d.Resize(fyne.NewSize(560, 0))
	mw.modals.show(mw.win, d, nil, append(d.keys(), all)...)
	return d
}
