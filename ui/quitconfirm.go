package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// askQuitWhileTransferring asks before the window closes on transfers
// that are running, as FileZilla does: closing by mistake would cut a
// long upload. It reports whether the close waits for the answer. The
// jobs stay in the queue, which keeps them for the next start. A quit by
// signal (the session ending) does not ask.
func (mw *mainWindow) askQuitWhileTransferring() bool {
	if mw.quitting || mw.queue == nil {
		return false
	}
	n := mw.queue.Totals().Active
	if n == 0 {
		return false
	}
	msg := widget.NewLabel(lang.XN("quit.running",
		"{{.Count}} transfer is running. Quit anyway? It stays in the queue for the next start.", n,
		map[string]any{"Count": n}))
	msg.Wrapping = fyne.TextWrapWord
	d := newConfirmBox(lang.L("Quit Ferry"), lang.L("Quit"), lang.L("Cancel"), msg, func(ok bool) {
		if ok {
			mw.quitting = true
			mw.close()
		}
	}, mw.win)
	d.Resize(fyne.NewSize(460, 0))
	mw.modals.show(mw.win, d, nil, d.keys()...)
	return true
}
