package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ferry"
)

// TestHelpOpensTheReadme chooses Help ▸ Ferry's README: a window opens
// with the README rendered, its sections there as headings.
func TestHelpOpensTheReadme(t *testing.T) {
	h := newHarness(t, t.TempDir())
	before := len(h.app.Driver().AllWindows())
	h.menuAction("Help", "Ferry's README").Action()
	wins := h.app.Driver().AllWindows()
	if len(wins) != before+1 {
		t.Fatalf("%d windows, want %d", len(wins), before+1)
	}
	w := wins[len(wins)-1]
	t.Cleanup(w.Close)
	if w.Title() != "Ferry's README" {
		t.Errorf("window title %q", w.Title())
	}
	scroll, ok := w.Content().(*container.Scroll)
	if !ok {
		t.Fatalf("window content is %T", w.Content())
	}
	rt, ok := scroll.Content.(*widget.RichText)
	if !ok {
		t.Fatalf("scrolled content is %T", scroll.Content)
	}
	var headings []string
	for _, seg := range rt.Segments {
		if ts, ok := seg.(*widget.TextSegment); ok && strings.Contains(strings.ToLower(string(ts.Style.SizeName)), "heading") {
			headings = append(headings, ts.Text)
		}
	}
	joined := strings.Join(headings, "|")
	for _, want := range []string{"Ferry", "Using the app", "Using ferry-cli"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no heading %q among %q", want, joined)
		}
	}
}

func TestReadmeTablesBecomeLists(t *testing.T) {
	src := "Intro\n\n| system | file |\n|---|:---:|\n| Linux | `a.deb` |\n| Windows | `b.exe` |\n\nAfter | not a table"
	want := "Intro\n\n- Linux: `a.deb`\n- Windows: `b.exe`\n\nAfter | not a table"
	if got := readmeMarkdown(src); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, line := range strings.Split(readmeMarkdown(string(ferry.README)), "\n") {
		if t2 := strings.TrimSpace(line); strings.HasPrefix(t2, "|") && strings.HasSuffix(t2, "|") {
			t.Errorf("a table row is left: %q", line)
		}
	}
}
