package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry"
)

// readmeMenuItem is Help ▸ Ferry's README.
func (mw *mainWindow) readmeMenuItem() *fyne.MenuItem {
	return fyne.NewMenuItem(lang.L("Ferry's README"), mw.showReadme)
}

// showReadme opens the README built into the app in a window of its own,
// rendered from its Markdown: it is there offline and matches this build,
// which a web page of the project might not.
func (mw *mainWindow) showReadme() {
	text := widget.NewRichTextFromMarkdown(readmeMarkdown(string(ferry.README)))
	text.Wrapping = fyne.TextWrapWord
	w := mw.app.NewWindow(lang.L("Ferry's README"))
	// Size first: wrapping the whole text at a new window's tiny width
	// would cost seconds.
	w.Resize(fyne.NewSize(860, 680))
	w.SetContent(container.NewVScroll(text))
	w.Show()
}

// readmeMarkdown turns the README's tables, which Fyne's Markdown does
// not draw, into lists: a row becomes "first cell: the other cells", the
// header row and its rule are dropped, as the first cells say enough.
func readmeMarkdown(src string) string {
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines))
	for i, line := range lines {
		t := strings.TrimSpace(line)
		if !strings.HasPrefix(t, "|") || !strings.HasSuffix(t, "|") || len(t) < 2 {
			out = append(out, line)
			continue
		}
		next := ""
		if i+1 < len(lines) {
			next = strings.TrimSpace(lines[i+1])
		}
		if strings.Trim(t, "|-: ") == "" || (strings.HasPrefix(next, "|") && strings.Trim(next, "|-: ") == "") {
			continue // the rule, or the header above it
		}
		cells := strings.Split(strings.Trim(t, "|"), "|")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		item := "- " + cells[0]
		if len(cells) > 1 {
			item += ": " + strings.Join(cells[1:], "; ")
		}
		out = append(out, item)
	}
	return strings.Join(out, "\n")
}
