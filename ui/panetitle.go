package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// paneTitleMax is the most a pane's title takes before it is cut.
const paneTitleMax = 150

// paneTitle is a pane's title, "Local:" or the server: as wide as its text
// up to paneTitleMax, then cut with an ellipsis, so that a long server
// name gives way to the path bar beside it. It is in the regular weight,
// as FileZilla's: the path row is drawn under a theme of its own, and
// bold text there would keep a parse of the bold font, 1.5 MiB, for it
// alone.
type paneTitle struct{ widget.Label }

func newPaneTitle() *paneTitle {
	t := &paneTitle{}
	t.Truncation = fyne.TextTruncateEllipsis
	t.ExtendBaseWidget(t)
	return t
}

// MinSize is the width of the whole text, up to paneTitleMax. A
// truncating label alone asks for no width at all.
func (t *paneTitle) MinSize() fyne.Size {
	m := t.Label.MinSize()
	return fyne.NewSize(min(t.wholeWidth(t.Text, t), paneTitleMax), m.Height)
}

// wholeWidth is the width a label like like needs to show text uncut:
// the text's and the label's inner padding on either side, measured
// without a label (a label made to be measured would keep its renderer,
// and its text's, in Fyne's cache for a minute at every layout).
func (*paneTitle) wholeWidth(text string, like *paneTitle) float32 {
	th := like.Theme()
	w := fyne.MeasureText(text, th.Size(theme.SizeNameText), like.TextStyle).Width +
		2*th.Size(theme.SizeNameInnerPadding)
	// A little room over the measure: a truncating label cuts text that
	// fits only to the last fraction of a pixel.
	return w + th.Size(theme.SizeNamePadding)
}
