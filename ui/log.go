package ui

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// redrawInterval is how often at most the log, the queue and the status
// bar redraw: often enough to look live, rarely enough to stay cheap.
const redrawInterval = 100 * time.Millisecond

// messageLog is the FTP dialogue of every session, newest at the bottom.
// Sessions append from their own goroutines (add is their Transcript
// callback); the list redraws on a ticker, never once per line.
type messageLog struct {
	mw *mainWindow

	mu      sync.Mutex
	lines   []ftpcore.TranscriptLine // ring buffer, oldest at start
	head    int
	limit   int
	version int // bumped by every add

	// shown is how many lines the list draws (UI goroutine): the lines
	// as of the last redraw. The list reads them from the ring itself,
	// not from a copy: a copy of up to LogLines lines, made at every
	// redraw while transfers log, doubled the log's share of the heap
	// and left as much garbage behind ten times a second.
	shown   int
	seen    int
	list    *widget.List
	root    fyne.CanvasObject
	stopFn  context.CancelFunc
	stopped chan struct{}
}

func newMessageLog(mw *mainWindow) *messageLog {
	l := &messageLog{mw: mw, limit: profile.DefaultSettings().LogLines}
	l.list = widget.NewList(
		func() int { return l.shown },
		func() fyne.CanvasObject { return newLogRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if t, ok := l.line(id); ok {
				o.(*logRow).set(t)
			}
		})
	l.list.HideSeparators = true
	copyBtn := newFlatButton("", theme.ContentCopyIcon(), l.copyAll)
	saveBtn := newFlatButton("", theme.DocumentSaveIcon(), l.save)
	clearBtn := newFlatButton("", theme.ContentClearIcon(), l.clear)
	// In a row at the top: stacked, the buttons would make the log at
	// least three buttons tall and squeeze the panes on small screens.
	tools := container.NewVBox(container.NewHBox(copyBtn, saveBtn, clearBtn))
	l.root = container.NewBorder(nil, nil, nil, tools, l.list)
	return l
}

// setLimit changes how many lines are kept.
func (l *messageLog) setLimit(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.limit = max(n, profile.MinLogLines)
	all := l.ordered()
	if len(all) > l.limit {
		all = all[len(all)-l.limit:]
	}
	l.lines, l.head = all, 0
	l.version++
}

// add records one line. It is safe from any goroutine and never blocks
// on the UI, as a Session's Transcript callback must not.
func (l *messageLog) add(line ftpcore.TranscriptLine) {
	if line.Time.IsZero() {
		line.Time = time.Now()
	}
	line.Text = flatText(line.Text)
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.lines) < l.limit {
		l.lines = append(l.lines, line)
	} else {
		l.lines[l.head] = line
		l.head = (l.head + 1) % len(l.lines)
	}
	l.version++
}

// ordered returns the lines oldest first; l.mu must be held.
func (l *messageLog) ordered() []ftpcore.TranscriptLine {
	out := make([]ftpcore.TranscriptLine, 0, len(l.lines))
	out = append(out, l.lines[l.head:]...)
	return append(out, l.lines[:l.head]...)
}

// line returns the id-th line, oldest first, if there is one.
func (l *messageLog) line(id int) (ftpcore.TranscriptLine, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if id < 0 || id >= len(l.lines) {
		return ftpcore.TranscriptLine{}, false
	}
	return l.lines[(l.head+id)%len(l.lines)], true
}

// snapshot returns the lines oldest first and the version they are at.
func (l *messageLog) snapshot() ([]ftpcore.TranscriptLine, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ordered(), l.version
}

// start runs the redraw ticker.
func (l *messageLog) start() {
	ctx, cancel := context.WithCancel(l.mw.ctx)
	l.stopFn, l.stopped = cancel, make(chan struct{})
	go func() {
		defer close(l.stopped)
		t := time.NewTicker(redrawInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			l.mu.Lock()
			v := l.version
			l.mu.Unlock()
			if v != l.seenVersion() {
				l.mw.do(l.redraw)
			}
			l.mw.do(l.mw.redrawTick)
		}
	}()
}

func (l *messageLog) seenVersion() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.seen
}

// redraw shows the new lines and scrolls to the end.
func (l *messageLog) redraw() {
	l.mu.Lock()
	l.seen, l.shown = l.version, len(l.lines)
	l.mu.Unlock()
	l.list.Refresh()
	l.list.ScrollToBottom()
}

func (l *messageLog) stop() {
	if l.stopFn != nil {
		l.stopFn()
		<-l.stopped
	}
}

// formatLine writes a line as copies and saved logs have it: the engine's
// remarks in English (Text), as ferry-cli prints them, so that a log
// reads the same whatever the language of the window that saved it.
func formatLine(t ftpcore.TranscriptLine) string {
	return fmt.Sprintf("%s %-14s %s %s", t.Time.Format("15:04:05"), sessionTag(t.Session), dirMark(t.Dir), t.Text)
}

func sessionTag(s string) string {
	if s == "" {
		return "[ferry]"
	}
	return "[" + s + "]"
}

func dirMark(d ftpcore.Direction) string {
	switch d {
	case ftpcore.DirCommand:
		return ">"
	case ftpcore.DirReply:
		return "<"
	case ftpcore.DirError:
		return "!"
	}
	return "*"
}

func (l *messageLog) text() string {
	lines, _ := l.snapshot()
	var b strings.Builder
	for _, t := range lines {
		b.WriteString(formatLine(t))
		b.WriteByte('\n')
	}
	return b.String()
}

func (l *messageLog) copyAll() {
	l.mw.app.Clipboard().SetContent(l.text())
}

func (l *messageLog) clear() {
	l.mu.Lock()
	l.lines, l.head = nil, 0
	l.version++
	l.mu.Unlock()
	l.redraw()
}

// save writes the log to a file the user picks; the writing runs off the
// UI goroutine.
func (l *messageLog) save() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		text := l.text()
		l.mw.goWork(l.mw.ctx, func(context.Context) {
			_, werr := io.WriteString(w, text)
			if cerr := w.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				l.mw.do(func() { l.mw.showError(lang.L("Cannot save the log"), werr) })
			}
		})
	}, l.mw.win)
	d.SetFileName("ferry-log.txt")
	// It opens in the folder a local pane shows, the active one first.
	for _, p := range append([]*pane{l.mw.active}, l.mw.panes[:]...) {
		if p == nil || p.src == nil || !p.src.local() || p.dir == "" {
			continue
		}
		if dir, err := storage.ListerForURI(storage.NewFileURI(p.dir)); err == nil {
			d.SetLocation(dir)
			break
		}
	}
	l.mw.modals.showFileDialog(l.mw.win, d)
}

// logRow draws one line: time, session and text, coloured by kind.
type logRow struct {
	widget.BaseWidget
	when, who, what *canvas.Text
}

func newLogRow() *logRow {
	r := &logRow{when: logText(), who: logText(), what: logText()}
	r.ExtendBaseWidget(r)
	return r
}

// logText is a column of a log row: the window's regular font, a point
// smaller, as FileZilla's message log. (A monospace font would cost its
// own parse and the system's monospace font's, some 2 MiB held for as
// long as the window is open; the columns are laid out at fixed widths
// instead.)
func logText() *canvas.Text {
	t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.TextSize() - 1
	return t
}

// CreateRenderer lays the three texts out in fixed columns.
func (r *logRow) CreateRenderer() fyne.WidgetRenderer {
	return &logRowRenderer{r: r}
}

func (r *logRow) set(t ftpcore.TranscriptLine) {
	r.when.Text = t.Time.Format("15:04:05")
	r.who.Text = sessionTag(t.Session)
	r.what.Text = dirMark(t.Dir) + " " + lineText(t)
	dim := theme.Color(theme.ColorNamePlaceHolder)
	r.when.Color, r.who.Color, r.what.Color = dim, dim, lineColor(t.Dir)
	r.Refresh()
}

func lineColor(d ftpcore.Direction) color.Color {
	switch d {
	case ftpcore.DirCommand:
		return theme.Color(theme.ColorNamePrimary)
	case ftpcore.DirReply:
		return theme.Color(theme.ColorNameSuccess)
	case ftpcore.DirError:
		return theme.Color(theme.ColorNameError)
	}
	return theme.Color(theme.ColorNameForeground)
}

type logRowRenderer struct{ r *logRow }

func (rr *logRowRenderer) Layout(s fyne.Size) {
	pad := theme.Padding()
	x := pad
	for i, t := range []*canvas.Text{rr.r.when, rr.r.who, rr.r.what} {
		w := t.MinSize().Width
		switch i {
		case 0: // digits differ in width in a proportional font
			w = max(w, fyne.MeasureText("00:00:00", t.TextSize, t.TextStyle).Width)
		case 1:
			w = max(w, fyne.MeasureText("[right: 255.255.255.255]", t.TextSize, t.TextStyle).Width*0.75)
		}
		t.Move(fyne.NewPos(x, (s.Height-t.MinSize().Height)/2))
		t.Resize(fyne.NewSize(w, t.MinSize().Height))
		x += w + 2*pad
	}
}

func (rr *logRowRenderer) MinSize() fyne.Size {
	return fyne.NewSize(100, rr.r.what.MinSize().Height+2)
}

func (rr *logRowRenderer) Refresh() {
	for _, t := range rr.Objects() {
		t.Refresh()
	}
	rr.Layout(rr.r.Size())
}

func (rr *logRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{rr.r.when, rr.r.who, rr.r.what}
}

func (rr *logRowRenderer) Destroy() {}
