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

func (sb *statusBar) togglePause() {
	q := sb.mw.queue
	if q.Paused() {
		q.Resume()
		sb.pause.SetIcon(theme.MediaPauseIcon())
	} else {
		q.Pause()
		sb.pause.SetIcon(theme.MediaPlayIcon())
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
