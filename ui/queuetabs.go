package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// queueTabs is the row of tabs under the queue's lists: "Queued files",
// "Failed transfers"... in the regular font, the selected one marked by a
// bar above it in the primary colour. Above itself it shows area, in
// which the content of the selected tab is the one not hidden: the four
// lists under one dense theme override. (With Fyne's AppTabs each tab's
// list had an override of its own, and Fyne parses the fonts again,
// some 1.5 MiB, for each override that draws text.)
type queueTabs struct {
	widget.BaseWidget
	tabs     [numTabs]*queueTab
	row      *queueTabRow
	area     fyne.CanvasObject
	contents [numTabs]fyne.CanvasObject
	selected int
}

func newQueueTabs(area fyne.CanvasObject, contents [numTabs]fyne.CanvasObject) *queueTabs {
	qt := &queueTabs{area: area, contents: contents}
	for i := range qt.tabs {
		qt.tabs[i] = newQueueTab(qt, i)
	}
	qt.row = newQueueTabRow(qt)
	for i, c := range contents {
		if i != 0 {
			c.Hide()
		}
	}
	qt.ExtendBaseWidget(qt)
	return qt
}

// SelectIndex shows the content of tab i.
func (qt *queueTabs) SelectIndex(i int) {
	if i < 0 || i >= numTabs || i == qt.selected {
		return
	}
	qt.selected = i
	for t, c := range qt.contents {
		if t == i {
			c.Show()
		} else {
			c.Hide()
		}
		qt.tabs[t].Refresh()
	}
}

// SelectedIndex is the tab shown.
func (qt *queueTabs) SelectedIndex() int { return qt.selected }

// SetTitle names tab i.
func (qt *queueTabs) SetTitle(i int, title string) {
	if qt.tabs[i].text.Text == title {
		return
	}
	qt.tabs[i].text.Text = title
	qt.tabs[i].Refresh()
	qt.row.Refresh() // a longer title moves the tabs after it
	qt.Refresh()
}

// Title is tab i's name.
func (qt *queueTabs) Title(i int) string { return qt.tabs[i].text.Text }

// CreateRenderer lays the selected content out above the row of tabs.
func (qt *queueTabs) CreateRenderer() fyne.WidgetRenderer {
	return &queueTabsRenderer{qt: qt, objs: []fyne.CanvasObject{qt.area, qt.row}}
}

type queueTabsRenderer struct {
	qt   *queueTabs
	objs []fyne.CanvasObject
}

func (r *queueTabsRenderer) Layout(s fyne.Size) {
	bar := r.qt.row.MinSize().Height
	r.qt.area.Move(fyne.NewPos(0, 0))
	r.qt.area.Resize(fyne.NewSize(s.Width, s.Height-bar))
	r.qt.row.Move(fyne.NewPos(0, s.Height-bar))
	r.qt.row.Resize(fyne.NewSize(s.Width, bar))
}

func (r *queueTabsRenderer) MinSize() fyne.Size {
	m, row := r.qt.area.MinSize(), r.qt.row.MinSize()
	return fyne.NewSize(max(m.Width, row.Width), m.Height+row.Height)
}

func (r *queueTabsRenderer) Refresh() {
	r.Layout(r.qt.Size())
	canvas.Refresh(r.qt)
}

func (r *queueTabsRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *queueTabsRenderer) Destroy()                     {}

// queueTabRow is the row of tabs, one stop of the Tab key after the list
// above it (as a tab strip is in other desktop toolkits): Left and Right
// show the tab before or after, Home and End the first or the last. While
// it has the focus, the selected tab is drawn on the focus colour.
type queueTabRow struct {
	widget.BaseWidget
	qt      *queueTabs
	focused bool
}

func newQueueTabRow(qt *queueTabs) *queueTabRow {
	r := &queueTabRow{qt: qt}
	r.ExtendBaseWidget(r)
	return r
}

// FocusGained marks the selected tab.
func (r *queueTabRow) FocusGained() { r.focused = true; r.refreshTabs() }

// FocusLost unmarks it.
func (r *queueTabRow) FocusLost() { r.focused = false; r.refreshTabs() }

// TypedRune is part of fyne.Focusable.
func (r *queueTabRow) TypedRune(rune) {}

// TypedKey moves between the tabs.
func (r *queueTabRow) TypedKey(ev *fyne.KeyEvent) {
	sel := r.qt.selected
	switch ev.Name {
	case fyne.KeyLeft:
		sel--
	case fyne.KeyRight:
		sel++
	case fyne.KeyHome:
		sel = 0
	case fyne.KeyEnd:
		sel = numTabs - 1
	default:
		return
	}
	r.qt.SelectIndex(max(0, min(sel, numTabs-1)))
}

func (r *queueTabRow) refreshTabs() {
	for _, t := range r.qt.tabs {
		t.Refresh()
	}
}

func (r *queueTabRow) CreateRenderer() fyne.WidgetRenderer {
	objs := make([]fyne.CanvasObject, 0, numTabs)
	for _, t := range r.qt.tabs {
		objs = append(objs, t)
	}
	return &queueTabRowRenderer{r: r, objs: objs}
}

type queueTabRowRenderer struct {
	r    *queueTabRow
	objs []fyne.CanvasObject
}

func (rr *queueTabRowRenderer) Layout(s fyne.Size) {
	x := float32(0)
	for _, t := range rr.r.qt.tabs {
		w := t.MinSize().Width
		t.Move(fyne.NewPos(x, 0))
		t.Resize(fyne.NewSize(w, s.Height))
		x += w
	}
}

func (rr *queueTabRowRenderer) MinSize() fyne.Size {
	w, h := float32(0), float32(0)
	for _, t := range rr.r.qt.tabs {
		m := t.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

func (rr *queueTabRowRenderer) Refresh() {
	rr.Layout(rr.r.Size())
	canvas.Refresh(rr.r)
}

func (rr *queueTabRowRenderer) Objects() []fyne.CanvasObject { return rr.objs }
func (rr *queueTabRowRenderer) Destroy()                     {}

// queueTab is one tab of queueTabs: its title, and the bar that marks
// the selected one or the one under the pointer.
type queueTab struct {
	widget.BaseWidget
	owner   *queueTabs
	index   int
	text    *canvas.Text
	hovered bool
}

// selected reports whether the tab is the one shown.
func (t *queueTab) selected() bool { return t.owner.selected == t.index }

func newQueueTab(owner *queueTabs, index int) *queueTab {
	t := &queueTab{owner: owner, index: index,
		text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped selects the tab.
func (t *queueTab) Tapped(*fyne.PointEvent) { t.owner.SelectIndex(t.index) }

// MouseIn marks the tab under the pointer.
func (t *queueTab) MouseIn(*desktop.MouseEvent) { t.hovered = true; t.Refresh() }

// MouseMoved is part of desktop.Hoverable.
func (t *queueTab) MouseMoved(*desktop.MouseEvent) {}

// MouseOut unmarks it.
func (t *queueTab) MouseOut() { t.hovered = false; t.Refresh() }

func (t *queueTab) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	bar := canvas.NewRectangle(color.Transparent)
	return &queueTabRenderer{t: t, bg: bg, bar: bar, objs: []fyne.CanvasObject{bg, bar, t.text}}
}

type queueTabRenderer struct {
	t    *queueTab
	bg   *canvas.Rectangle // the focus colour while the row has the focus
	bar  *canvas.Rectangle
	objs []fyne.CanvasObject
}

// queueTabBar is the height of the bar over the selected tab.
const queueTabBar = 2

func (r *queueTabRenderer) MinSize() fyne.Size {
	pad := theme.InnerPadding()
	m := r.t.text.MinSize()
	return fyne.NewSize(m.Width+2*pad, m.Height+pad+queueTabBar)
}

func (r *queueTabRenderer) Layout(s fyne.Size) {
	m := r.t.text.MinSize()
	r.bg.Move(fyne.NewPos(0, 0))
	r.bg.Resize(s)
	r.bar.Move(fyne.NewPos(0, 0))
	r.bar.Resize(fyne.NewSize(s.Width, queueTabBar))
	r.t.text.Move(fyne.NewPos((s.Width-m.Width)/2, queueTabBar+(s.Height-queueTabBar-m.Height)/2))
	r.t.text.Resize(m)
}

func (r *queueTabRenderer) Refresh() {
	r.t.text.Color = theme.Color(theme.ColorNameForeground)
	switch {
	case r.t.selected():
		r.bar.FillColor = theme.Color(theme.ColorNamePrimary)
		r.t.text.Color = r.bar.FillColor
	case r.t.hovered:
		r.bar.FillColor = theme.Color(theme.ColorNameHover)
	default:
		r.bar.FillColor = color.Transparent
	}
	r.bg.FillColor = color.Transparent
	if r.t.selected() && r.t.owner.row.focused {
		r.bg.FillColor = theme.Color(theme.ColorNameFocus)
	}
	r.Layout(r.t.Size())
	r.bg.Refresh()
	r.bar.Refresh()
	r.t.text.Refresh()
}

func (r *queueTabRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *queueTabRenderer) Destroy()                     {}
