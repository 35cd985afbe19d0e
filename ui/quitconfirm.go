package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// askBeforeQuit asks before the window closes on work that closing would
// cut or lose, as FileZilla does: transfers running (a long upload closed
// by mistake), and files opened with View/Edit changed since they were
// last sent to the server (their copies are deleted on closing). It
// reports whether the close waits for the answer. Running jobs stay in
// the queue for the next start. A quit by signal (the session ending)
// does not ask.
func (mw *mainWindow) askBeforeQuit() bool {
	if mw.quitting {
		return false
	}
	var reasons []string
	if mw.queue != nil {
		if n := mw.queue.Totals().Active; n > 0 {
			reasons = append(reasons, lang.XN("quit.running",
				"{{.Count}} transfer is running; it stays in the queue for the next start.", n,
				map[string]any{"Count": n}))
		}
	}
	if names := mw.edits.unsynced(); len(names) > 0 {
		reasons = append(reasons, lang.XN("quit.edited",
			"{{.Count}} file opened with View/Edit was changed and not uploaded back ({{.Names}}): the changes would be lost.",
			len(names), map[string]any{"Count": len(names), "Names": strings.Join(names, ", ")}))
	}
	if len(reasons) == 0 {
		return false
	}
	msg := widget.NewLabel(strings.Join(append(reasons, lang.L("Quit anyway?")), "\n"))
	msg.Wrapping = fyne.TextWrapWord
	d := newConfirmBox(lang.L("Quit Ferry"), lang.L("Quit"), lang.L("Cancel"), msg, func(ok bool) {
		if ok {
			mw.quitting = true
			mw.close()
		}
	}, mw.win)
	d.Resize(fyne.NewSize(500, 0))
	mw.modals.show(mw.win, d, nil, d.keys()...)
	return true
}
