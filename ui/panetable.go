package ui

import (
	"image/color"
	"math"

	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// doubleClickTime is how close two clicks on one row must be to open it.
// Rows detect it themselves: a fyne.DoubleTappable widget delays every
// single tap by the driver's double-tap wait, which makes selecting sluggish.
const doubleClickTime = 400 * time.Millisecond

// columnWidth returns a column's initial width; sizes and dates get
// enough room never to be cut, and every header, with its sort arrow,
// and the type of a file with a four-letter extension ("HTML file",
// "Fichier HTML") fit in the current language.
func columnWidth(c column) float32 {
	sample := ""
	if c == colType {
		sample = lang.X("type.ext", "{{.Ext}} file", map[string]any{"Ext": "HTML"})
	}
	return columnWidthFor(c, columnTitle(c), sample)
}

// columnWidthFor is columnWidth for a column titled title whose cells
// must show sample uncut.
func columnWidthFor(c column, title, sample string) float32 {
	w := [numColumns]float32{230, 80, 86, 132, 92, 110}[c]
	// A cell keeps half the inner padding on either side of its text
	// (fileCellRenderer.Layout, headerRenderer.Layout); a pixel more
	// keeps a text that fits to the last fraction of a pixel whole.
	room := theme.InnerPadding() + 1
	size := theme.TextSize()
	w = max(w, fyne.MeasureText(title+" ▼", size, fyne.TextStyle{}).Width+room)
	if sample != "" {
		w = max(w, fyne.MeasureText(sample, size, fyne.TextStyle{}).Width+room)
	}
	return float32(math.Ceil(float64(w)))
}

// columnTitle returns a column's translated header.
func columnTitle(c column) string {
	switch c {
	case colName:
		return lang.L("Name")
	case colSize:
		return lang.L("Size")
	case colType:
		return lang.L("Type")
	case colModified:
		return lang.L("Modified")
	case colPerm:
		return lang.L("Permissions")
	}
	return lang.L("Owner/Group")
}

// fileList is a pane's table of entries. It owns keyboard focus for the
// pane (arrows, Enter, F-keys, Tab) and turns clicks, double clicks,
// right clicks and drags on its rows into pane actions. The table is
// virtual: only visible cells exist, so 100,000 rows cost nothing more
// than 20.
type fileList struct {
	widget.BaseWidget
	pane  *pane
	table *widget.Table // the table of ft
	ft    *fileTable

	focused   bool
	dropRow   int              // the folder row a drag would drop into, or -1
	mods      fyne.KeyModifier // modifiers of the last mouse press
	lastRow   int
	lastClick time.Time
	cells     []*fileCell // every cell the table made, to find a row's
	headers   []*headerCell
}

// cellOf returns the name cell drawn for row, or nil.
func (l *fileList) cellOf(row int) *fileCell {
	for _, c := range l.cells {
		if c.row == row && c.col == colName && c.Visible() {
			return c
		}
	}
	return nil
}

func newFileList(p *pane) *fileList {
	l := &fileList{pane: p, lastRow: -2, dropRow: -1}
	t := &fileTable{list: l}
	t.Length = func() (int, int) { return len(p.model.rows), int(numColumns) }
	t.CreateCell = func() fyne.CanvasObject {
		c := newFileCell(l)
		l.cells = append(l.cells, c)
		return c
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*fileCell).update(id.Row, column(id.Col))
	}
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		h := newHeaderCell(l)
		l.headers = append(l.headers, h)
		return h
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*headerCell).update(column(id.Col))
	}
	t.ExtendBaseWidget(t)
	l.table, l.ft = &t.Table, t
	for c := range numColumns {
		l.table.SetColumnWidth(int(c), columnWidth(c))
	}
	l.ExtendBaseWidget(l)
	return l
}

// CreateRenderer shows the table with a thin accent line under it when
// the list has the keyboard focus.
func (l *fileList) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(l.ft)
}

// minListRows is how many rows of files a list keeps below its header
// however small the window: the window's least size (its content's
// MinSize) leaves each pane that much of a list to work in.
const minListRows = 4

// MinSize is the table's, at least as tall as its header and
// minListRows rows, each row a padding from the next as the table draws
// them.
func (l *fileList) MinSize() fyne.Size {
	m := l.BaseWidget.MinSize()
	pitch := denseRowHeight() + theme.Padding()
	m.Height = max(m.Height, (minListRows+1)*pitch-theme.Padding())
	return m
}

// FocusGained makes this pane the active one.
func (l *fileList) FocusGained() {
	l.focused = true
	l.pane.mw.setActive(l.pane)
}

// FocusLost is part of fyne.Focusable.
func (l *fileList) FocusLost() { l.focused = false }

// AcceptsTab keeps Tab for switching panes instead of Fyne's focus cycle.
func (l *fileList) AcceptsTab() bool { return true }

// TypedRune jumps to the next row whose name starts with the letter.
func (l *fileList) TypedRune(r rune) {
	if !l.pane.mw.modals.busy(l.pane.mw.win) {
		l.pane.jumpTo(r)
	}
}

// TypedKey runs the pane's keyboard commands.
func (l *fileList) TypedKey(ev *fyne.KeyEvent) { l.pane.mw.paneKey(l.pane, ev) }

func (l *fileList) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(l); c != nil {
		c.Focus(l)
	}
}

// refreshRows redraws the visible cells after a model change.
func (l *fileList) refreshRows() { l.table.Refresh() }

// showRow scrolls so that a row is visible.
func (l *fileList) showRow(row int) {
	if row >= 0 && row < len(l.pane.model.rows) {
		l.table.ScrollTo(widget.TableCellID{Row: row, Col: 0})
	}
}

// click handles a primary click on a row; a second click on the same row
// soon after opens it.
func (l *fileList) click(row int) {
	l.focus()
	now := time.Now()
	if row == l.lastRow && now.Sub(l.lastClick) < doubleClickTime && l.mods == 0 {
		l.lastRow = -2
		l.pane.activate(row)
		return
	}
	l.lastRow, l.lastClick = row, now
	l.pane.model.click(row, l.mods&fyne.KeyModifierControl != 0 || l.mods&fyne.KeyModifierSuper != 0,
		l.mods&fyne.KeyModifierShift != 0)
	l.mods = 0
	l.pane.selectionChanged()
}

// fileCell is one cell of the table: a background showing selection, an
// icon in the name column and a text cut with an ellipsis rather than
// overflowing. It draws canvas objects directly: labels' padding would
// make rows half as tall again as a file manager's.
type fileCell struct {
	widget.BaseWidget
	list  *fileList
	row   int
	col   column
	full  string // the text before truncation
	bg    *canvas.Rectangle
	icon  *canvas.Image
	drawn iconDrawn // what icon shows
	text  *canvas.Text
	right bool // right-aligned (sizes)
}

func newFileCell(l *fileList) *fileCell {
	c := &fileCell{list: l, bg: canvas.NewRectangle(color.Transparent), icon: canvas.NewImageFromResource(nil),
		text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	c.icon.FillMode = canvas.ImageFillContain
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer lays the cell out: background, then icon and text.
func (c *fileCell) CreateRenderer() fyne.WidgetRenderer { return &fileCellRenderer{c: c} }

func (c *fileCell) update(row int, col column) {
	if row != c.row && col == colName {
		// A row drawn anew, a scroll: its text leaves garbage behind.
		c.list.pane.mw.trim.touch()
	}
	c.row, c.col = row, col
	m := c.list.pane.model
	if m.isSelected(row) {
		c.bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else if tint := m.rowTint(row); tint != nil {
		c.bg.FillColor = tint
	} else {
		c.bg.FillColor = color.Transparent
	}
	c.bg.StrokeWidth = 0
	if row == c.list.dropRow {
		c.bg.StrokeColor, c.bg.StrokeWidth = theme.Color(theme.ColorNamePrimary), 2
	}
	c.right = col == colSize
	e := m.entryAt(row)
	c.icon.Resource = nil
	if col == colName {
		if e == nil {
			c.icon.Resource = theme.NavigateBackIcon()
		} else {
			c.icon.Resource = entryIcon(e)
		}
	}
	c.full = ""
	if e == nil {
		if col == colName {
			c.full = ".."
		}
	} else {
		c.full = cellText(e, col)
	}
	c.text.Color = theme.Color(theme.ColorNameForeground)
	c.Refresh()
}

type fileCellRenderer struct{ c *fileCell }

func (r *fileCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.bg, r.c.icon, r.c.text}
}

func (r *fileCellRenderer) MinSize() fyne.Size {
	return fyne.NewSize(theme.IconInlineSize(), denseRowHeight())
}

func (r *fileCellRenderer) Layout(s fyne.Size) {
	c := r.c
	c.bg.Resize(s)
	pad := theme.InnerPadding() / 2
	x := pad
	if c.icon.Resource != nil {
		is := theme.IconInlineSize()
		c.icon.Move(fyne.NewPos(x, (s.Height-is)/2))
		c.icon.Resize(fyne.NewSize(is, is))
		c.icon.Show()
		x += is + pad
	} else {
		c.icon.Hide()
	}
	avail := s.Width - x - pad
	c.text.Text = ellipsize(c.full, avail, c.text.TextSize, c.text.TextStyle)
	ts := c.text.MinSize()
	if c.right {
		x = s.Width - pad - ts.Width
	}
	c.text.Move(fyne.NewPos(x, (s.Height-ts.Height)/2))
	c.text.Resize(ts)
}

func (r *fileCellRenderer) Refresh() {
	r.c.text.TextSize = theme.TextSize()
	r.Layout(r.c.Size())
	r.c.bg.Refresh()
	refreshIcon(r.c.icon, &r.c.drawn)
	r.c.text.Refresh()
}

func (r *fileCellRenderer) Destroy() {}

// ellipsize cuts text to fit width, ending it with "…".
func ellipsize(text string, width, size float32, style fyne.TextStyle) string {
	if text == "" || fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	runes := []rune(text)
	lo, hi := 0, len(runes)
	for lo < hi { // longest prefix that fits with the ellipsis
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…"
}

// Tapped selects the row (with Ctrl and Shift as pressed) or opens it on a
// double click.
func (c *fileCell) Tapped(*fyne.PointEvent) { c.list.click(c.row) }

// TappedSecondary opens the row's context menu.
func (c *fileCell) TappedSecondary(ev *fyne.PointEvent) {
	c.list.focus()
	c.list.pane.contextMenu(c.row, ev.AbsolutePosition)
}

// MouseDown remembers the modifiers, which the tap that follows lacks.
func (c *fileCell) MouseDown(ev *desktop.MouseEvent) { c.list.mods = ev.Modifier }

// MouseUp is part of desktop.Mouseable.
func (c *fileCell) MouseUp(*desktop.MouseEvent) {}

// Dragged starts or continues dragging the selection to the other pane.
func (c *fileCell) Dragged(ev *fyne.DragEvent) {
	c.list.pane.mw.drag.move(c.list.pane, c, c.row, ev)
}

// DragEnd drops what was dragged where the pointer is.
func (c *fileCell) DragEnd() { c.list.pane.mw.drag.end() }

// headerCell is a column title; tapping it sorts by that column. It is
// drawn like the cells so that it does not make every row taller (the
// table sizes all rows from the larger of a cell and a header).
type headerCell struct {
	widget.BaseWidget
	list  *fileList
	col   column
	full  string
	text  *canvas.Text
	right bool
}

func newHeaderCell(l *fileList) *headerCell {
	// In the regular weight, as FileZilla's headers: the window draws no
	// bold text, whose fonts would be parsed and held for it alone.
	h := &headerCell{list: l, text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	h.ExtendBaseWidget(h)
	return h
}

// CreateRenderer shows the title.
func (h *headerCell) CreateRenderer() fyne.WidgetRenderer { return &headerRenderer{h: h} }

func (h *headerCell) update(col column) {
	h.col = col
	m := h.list.pane.model
	h.full = columnTitle(col)
	if m.sortCol == col {
		if m.sortDesc {
			h.full += " ▼"
		} else {
			h.full += " ▲"
		}
	}
	h.right = col == colSize
	h.Refresh()
}

// Tapped sorts by the column, or reverses the order when it already does.
func (h *headerCell) Tapped(*fyne.PointEvent) { h.list.pane.sortBy(h.col) }

type headerRenderer struct{ h *headerCell }

func (r *headerRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.h.text} }

func (r *headerRenderer) MinSize() fyne.Size {
	return (&fileCellRenderer{c: &fileCell{}}).MinSize()
}

func (r *headerRenderer) Layout(s fyne.Size) {
	t := r.h.text
	pad := theme.InnerPadding() / 2
	t.Text = ellipsize(r.h.full, s.Width-2*pad, t.TextSize, t.TextStyle)
	ts := t.MinSize()
	x := pad
	if r.h.right {
		x = s.Width - pad - ts.Width
	}
	t.Move(fyne.NewPos(x, (s.Height-ts.Height)/2))
	t.Resize(ts)
}

func (r *headerRenderer) Refresh() {
	r.h.text.TextSize = theme.TextSize()
	r.h.text.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.h.Size())
	r.h.text.Refresh()
}

func (r *headerRenderer) Destroy() {}
