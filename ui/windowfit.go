package ui

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The room a window manager takes around a window: title bar and borders.
const decorationWidth, decorationHeight = 16, 48

// queueRowsShown is how many jobs the queue panel shows by default, and
// logLinesShown how many lines the message log shows: few, as in
// FileZilla, so that the panes have the room; both splits move.
const queueRowsShown, logLinesShown = 3, 3

// menuBarHeight is the height of the menu bar that Fyne draws at the top
// of the window, above the content, except on macOS, where the menu is at
// the top of the screen: a line of text with the inner padding.
func menuBarHeight() float32 {
	if runtime.GOOS == "darwin" {
		return 0
	}
	return fyne.MeasureText("File", theme.TextSize(), fyne.TextStyle{}).Height + theme.InnerPadding()
}

// fitWindow returns the size to open the window at: the remembered (or
// default) size, made smaller to fit the screen with its decorations.
// A zero screen means its size is unknown.
func fitWindow(want, screen fyne.Size) fyne.Size {
	if screen.Width > 0 {
		want.Width = min(want.Width, screen.Width-decorationWidth)
	}
	if screen.Height > 0 {
		want.Height = min(want.Height, screen.Height-decorationHeight)
	}
	return want
}

// defaultQueueSplit returns the offset of the split between the panes and
// the queue that leaves the queue queueRowsShown rows in a window of the
// given height, or def when there is no room for that.
func (mw *mainWindow) defaultQueueSplit(winHeight float32, logOffset float64) float64 {
	pad := theme.Padding()
	row := mw.qpanel.rowHeight() + pad
	tabs := mw.qpanel.root.MinSize().Height - mw.qpanel.lists[tabQueued].MinSize().Height
	// The last row needs no gap below it; a pixel spare for rounding.
	need := tabs + queueRowsShown*row - pad + 1
	all := winHeight - menuBarHeight() - mw.quick.root.MinSize().Height - mw.status.root.MinSize().Height - 4*pad
	// The log takes its share after the bar; the split's divider is two
	// paddings thick.
	work := (all-barHeight())*float32(1-logOffset) - 2*pad
	if work <= 0 {
		return 0.6
	}
	return min(max(1-float64(need/work), 0.3), 0.9)
}

// defaultLogSplit returns the log's share of the height below the
// quick-connect bar that shows logLinesShown lines in a window of the
// given height.
func (mw *mainWindow) defaultLogSplit(winHeight float32) float64 {
	pad := theme.Padding()
	need := logLinesShown*(newLogRow().MinSize().Height+pad) - pad + 1
	avail := winHeight - menuBarHeight() - mw.quick.root.MinSize().Height - mw.status.root.MinSize().Height - 4*pad - barHeight()
	if avail <= need {
		return 0.12
	}
	return float64(need / avail)
}

// keepMinimumSize makes the window at least as large as its content
// needs. Fyne tells the window manager the least size (the content's
// MinSize), but not every window manager keeps to it, and a window made
// smaller has its widgets drawn over each other. It runs on the redraw
// tick and looks only when the window's size changed since it last did,
// so that a window manager that refuses the size is not asked again and
// again.
func (mw *mainWindow) keepMinimumSize() {
	c := mw.win.Canvas()
	size := c.Size()
	if size == mw.sizeChecked || mw.win.Content() == nil {
		return
	}
	mw.sizeChecked = size
	content := mw.win.Content()
	have, need := content.Size(), content.MinSize()
	if have.Width >= need.Width && have.Height >= need.Height {
		return
	}
	// The window's padding around the content; Fyne adds the menu bar's
	// height itself, raising a size given to Resize to what the content
	// needs.
	pad := 2 * theme.Padding()
	mw.win.Resize(size.Max(need.AddWidthHeight(pad, pad)))
}
