package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/queue"
)

// statusBar is the line at the bottom: what each pane is connected to
// (with a lock when TLS protects it) and the queue's totals.
type statusBar struct {
	mw     *mainWindow
	conns  [2]*plainText
	locks  [2]*widget.Icon
	totals *plainText
	pause  *flatButton
	last   queue.Totals
	root   fyne.CanvasObject
}

func newStatusBar(mw *mainWindow) *statusBar {
	sb := &statusBar{mw: mw, totals: newPlainText("")}
	for i := range sb.conns {
		sb.conns[i] = newPlainText("")
		sb.locks[i] = widget.NewIcon(nil)
	}
	sb.pause = newFlatButton("", theme.MediaPauseIcon(), sb.togglePause)
	sb.pause.Importance = widget.LowImportance
	left := container.NewHBox(sb.locks[0], sb.conns[0], widget.NewSeparator(), sb.locks[1], sb.conns[1])
	// As tall as a line of text, as FileZilla's status bar.
	sb.root = dense(mw.app, container.NewBorder(widget.NewSeparator(), nil, left, container.NewHBox(sb.totals, sb.pause)))
	sb.setTotals(queue.Totals{})
	return sb
}

// togglePause pauses the queue, or resumes it when paused.
func (sb *statusBar) togglePause() { sb.setPaused(!sb.mw.queue.Paused()) }

// setPaused pauses or resumes the queue. Every pause and resume of the
// window (this button, the Transfer menu, the queue's context menu) goes
// through it, so that the button shows what the queue does: a pause with
// no transfer running changes no job, and the queue tells nothing then.
func (sb *statusBar) setPaused(on bool) {
	if on {
		sb.mw.queue.Pause()
	} else {
		sb.mw.queue.Resume()
	}
	sb.showPaused()
}

// showPaused shows the button for the queue's state: Pause while it
// runs, Play (resume) while it is paused. It is also called with every
// change of the queue's totals, which catches any other way the queue
// was paused or resumed.
func (sb *statusBar) showPaused() {
	icon := theme.MediaPauseIcon()
	if q := sb.mw.queue; q != nil && q.Paused() { // nil: the bar is made before the queue
		icon = theme.MediaPlayIcon()
	}
	if sb.pause.Icon != icon {
		sb.pause.SetIcon(icon)
	}
}

// refreshConnections shows each pane's source.
func (sb *statusBar) refreshConnections() {
	for i, p := range sb.mw.panes {
		if p == nil || p.src == nil {
			continue
		}
		text := lang.L("Local disk")
		icon := theme.ComputerIcon()
		if r, ok := p.src.(*remoteSource); ok {
			text = r.title()
			icon = theme.NewWarningThemedResource(theme.WarningIcon())
			if r.secure() {
				icon = theme.NewSuccessThemedResource(theme.ConfirmIcon())
				text += " · TLS"
			} else if r.plainFallback() != "" {
				// Asked for TLS, got clear text: an open padlock in red.
				icon = theme.NewErrorThemedResource(theme.ErrorIcon())
				text += " · " + lang.L("NOT ENCRYPTED: the server refused TLS")
			} else {
				text += " · " + lang.L("plain FTP")
			}
		}
		sb.locks[i].SetResource(icon)
		sb.conns[i].SetText(text)
	}
}

// setTotals shows "Queue: 3 files, 1.2 GiB left · 10 MiB/s · 0:22".
func (sb *statusBar) setTotals(t queue.Totals) {
	sb.last = t
	sb.showPaused()
	pending := t.Queued + t.Active + t.Paused + t.Waiting
	if pending == 0 {
		sb.totals.SetText(lang.L("Queue: empty"))
		return
	}
	left := max(t.Bytes-t.BytesDone, 0)
	text := lang.XN("status.queue", "Queue: {{.Count}} files, {{.Size}} left", pending,
		map[string]any{"Count": pending, "Size": humanSize(left)})
	if t.Speed > 0 {
		text += " · " + humanSize(int64(t.Speed)) + "/s"
	}
	if t.ETA > 0 {
		text += " · " + shortDuration(t.ETA)
	}
	sb.totals.SetText(text)
}
