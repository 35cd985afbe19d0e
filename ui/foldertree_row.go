package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
)

// treeIndent is how far a folder's row stands right of its parent's.
const treeIndent = 16

// treeRowView draws one row of a folder tree: an arrow to open or close
// the folder, its icon and name; the pane's folder is selected, the
// keyboard cursor outlined while the tree has the focus, and a folder
// under a drag framed. It draws canvas objects directly, for rows as
// compact as the file list's.
type treeRowView struct {
	widget.BaseWidget
	// The row reads no size or colour from the tree's theme (gapless,
	// for the list's rows without gaps): it draws in the window's, and
	// its text shares the window's fonts.
	outsideOverrides
	tree  *folderTree
	row   int
	depth int
	full  string
	bg    *canvas.Rectangle
	arrow *canvas.Image
	icon  *canvas.Image
	drawn [2]iconDrawn // what arrow and icon show
	text  *canvas.Text
}

func newTreeRowView(t *folderTree) *treeRowView {
	v := &treeRowView{tree: t, bg: canvas.NewRectangle(color.Transparent),
		arrow: canvas.NewImageFromResource(nil), icon: canvas.NewImageFromResource(nil),
		text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	v.arrow.FillMode = canvas.ImageFillContain
	v.icon.FillMode = canvas.ImageFillContain
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer lays the row out.
func (v *treeRowView) CreateRenderer() fyne.WidgetRenderer { return &treeRowRenderer{v: v} }

func (v *treeRowView) update(row int) {
	t := v.tree
	m := t.model
	v.row = row
	if row < 0 || row >= len(m.rows) {
		return
	}
	r := m.rows[row]
	n := r.node
	v.bg.FillColor, v.bg.StrokeWidth = color.Transparent, 0
	v.arrow.Resource, v.icon.Resource = nil, nil
	v.text.Color = theme.Color(theme.ColorNameForeground)
	v.text.TextStyle = fyne.TextStyle{}
	switch r.kind {
	case rowLoading:
		v.depth = n.depth + 1
		v.full = lang.L("Listing…")
		// The placeholder colour, not italics: an italic style would keep
		// two more fonts parsed (Fyne's and the system's italic, about
		// 3 MiB) for a row that shows for a moment.
		v.text.Color = theme.Color(theme.ColorNamePlaceHolder)
	case rowFailed:
		v.depth = n.depth + 1
		v.icon.Resource = theme.NewColoredResource(theme.WarningIcon(), theme.ColorNameWarning)
		v.full = flatText(errorText(n.err))
		v.text.Color = theme.Color(theme.ColorNameWarning)
	default:
		v.depth = n.depth
		if m.expandable(n) {
			v.arrow.Resource = theme.MenuExpandIcon()
			if n.open {
				v.arrow.Resource = theme.MenuDropDownIcon()
			}
		}
		v.icon.Resource = theme.NewColoredResource(theme.FolderIcon(), theme.ColorNameWarning)
		v.full = ftpcore.Printable(n.name)
		if n.link {
			v.icon.Resource = theme.NewColoredResource(theme.MailForwardIcon(), theme.ColorNamePrimary)
			v.full += " → " + ftpcore.Printable(n.target)
		}
		if n == m.current {
			v.bg.FillColor = theme.Color(theme.ColorNameSelection)
		}
		if row == m.cursor && t.focused {
			// Thin, but in the opaque accent colour: the theme's focus
			// colour is half transparent, and its 1-pixel frame was hard
			// to see in the dark theme.
			v.bg.StrokeColor, v.bg.StrokeWidth = theme.Color(theme.ColorNamePrimary), 1
		}
		if row == t.dropRow || n == t.menuFor {
			v.bg.StrokeColor, v.bg.StrokeWidth = theme.Color(theme.ColorNamePrimary), 2
		}
	}
	v.Refresh()
}

// Tapped opens or closes the folder on its arrow, and elsewhere shows it
// in the pane.
func (v *treeRowView) Tapped(ev *fyne.PointEvent) {
	t := v.tree
	t.focus()
	n := t.model.nodeAt(v.row)
	if n == nil {
		return
	}
	if ev.Position.X < v.arrowEnd() && t.model.expandable(n) {
		t.model.cursor = v.row
		t.toggle(n)
		return
	}
	t.choose(v.row)
}

// arrowEnd is the right edge of the row's arrow.
func (v *treeRowView) arrowEnd() float32 {
	return theme.InnerPadding()/2 + float32(v.depth)*treeIndent + theme.IconInlineSize()
}

type treeRowRenderer struct{ v *treeRowView }

func (r *treeRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.v.bg, r.v.arrow, r.v.icon, r.v.text}
}

func (r *treeRowRenderer) MinSize() fyne.Size {
	return fyne.NewSize(theme.IconInlineSize()*3, denseRowHeight())
}

func (r *treeRowRenderer) Layout(s fyne.Size) {
	v := r.v
	v.bg.Resize(s)
	pad := theme.InnerPadding() / 2
	is := theme.IconInlineSize()
	x := pad + float32(v.depth)*treeIndent
	for _, img := range []*canvas.Image{v.arrow, v.icon} {
		if img.Resource != nil {
			img.Move(fyne.NewPos(x, (s.Height-is)/2))
			img.Resize(fyne.NewSize(is, is))
			img.Show()
		} else {
			img.Hide()
		}
		if img == v.arrow || img.Resource != nil {
			x += is + pad/2
		}
	}
	v.text.Text = ellipsize(v.full, s.Width-x-pad, v.text.TextSize, v.text.TextStyle)
	ts := v.text.MinSize()
	v.text.Move(fyne.NewPos(x, (s.Height-ts.Height)/2))
	v.text.Resize(ts)
}

func (r *treeRowRenderer) Refresh() {
	r.v.text.TextSize = theme.TextSize()
	r.Layout(r.v.Size())
	r.v.bg.Refresh()
	refreshIcon(r.v.arrow, &r.v.drawn[0])
	refreshIcon(r.v.icon, &r.v.drawn[1])
	r.v.text.Refresh()
}

func (r *treeRowRenderer) Destroy() {}
