package ui

import (
	"strings"

	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/queue"
)

// askFXP is the queue's Options.AskFXP, for the setting "When FXP is
// refused: Ask me". It runs on a queue worker, shows the question on the
// UI goroutine and waits for the answer; when the job is cancelled
// meanwhile the dialog goes away and the job does not go on.
func (mw *mainWindow) askFXP(ctx context.Context, q queue.FXPQuestion) (queue.FXPAnswer, error) {
	answer := make(chan queue.FXPAnswer, 1)
	var d dialog.Dialog
	mw.do(func() { d = mw.fxpDialog(q, func(a queue.FXPAnswer) { answer <- a }) })
	select {
	case c := <-answer:
		return c, nil
	case <-ctx.Done():
		mw.doWhileOpen(func() {
			if d != nil {
				d.Hide()
			}
		})
		return queue.FXPAnswer{Choice: queue.FXPCancel}, ctx.Err()
	}
}

// fxpDialog shows why the servers cannot copy between themselves and the
// ways round it: through this computer (Enter), with clear data between
// the servers when that would help, or not at all (Escape); a tick box
// gives the same answer for the other copies between the two servers.
func (mw *mainWindow) fxpDialog(q queue.FXPQuestion, reply func(queue.FXPAnswer)) dialog.Dialog {
	answered := false
	all := newDialogCheck(lang.L("Do the same for the other copies between these two servers"), nil)
	answer := func(c queue.FXPChoice) {
		if !answered {
			answered = true
			reply(queue.FXPAnswer{Choice: c, ApplyToAll: all.Checked})
		}
	}
	why := &widget.Label{Text: flatText(q.Reason.Error()), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	what := &widget.Label{Wrapping: fyne.TextWrapBreak, Text: lang.X("fxp.what", "{{.Src}}\n→ {{.Dst}}",
		map[string]any{"Src": mw.endpointLabel(q.Job.Src), "Dst": mw.endpointLabel(q.Job.Dst)})}
	content := container.NewVBox(
		widget.NewLabel(lang.L("The two servers cannot copy this file between themselves:")),
		why, what)
	var d *dialog.CustomDialog
	relay := newDialogButton(lang.L("Relay through this computer"), nil, widget.HighImportance, nil)
	cancel := newDialogButton(lang.L("Cancel the transfer"), nil, widget.MediumImportance, nil)
	buttons := []fyne.CanvasObject{cancel}
	keys := []escapable{relay, cancel}
	if q.ClearData {
		clear := newDialogButton(lang.L("Clear data channel"), nil, widget.MediumImportance, nil)
		clear.OnTapped = func() { answer(queue.FXPClearData); d.Hide() }
		buttons = append(buttons, clear)
		keys = append(keys, clear)
		content.Add(&widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L(
			"With a clear data channel the file travels unencrypted between the two servers (PROT C); " +
				"passwords and commands stay encrypted. Relaying keeps it encrypted but passes it through this computer.")})
	}
	content.Add(all)
	keys = append(keys, all)
	buttons = append(buttons, relay)
	d = dialog.NewCustomWithoutButtons(lang.L("Server-to-server copy impossible"), content, mw.win)
	relay.OnTapped = func() { answer(queue.FXPRelayThrough); d.Hide() }
	cancel.OnTapped = func() { answer(queue.FXPCancel); d.Hide() }
	d.SetOnClosed(func() { answer(queue.FXPCancel) })
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(620, 0))
	mw.modals.show(mw.win, d, relay.OnTapped, keys...)
	return d
}

// flatText puts a several-line message (errors.Join makes them) on one
// line, for a log row or a label that shows one line: a raw newline
// would be drawn as a replacement character.
func flatText(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
}
