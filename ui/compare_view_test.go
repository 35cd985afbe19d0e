package ui

import (
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore/compare"
	"ferry/ftpcore/ftptest"
)

// menuAction finds an item of the window's main menu by its label.
func (h *harness) menuAction(menu, label string) *fyne.MenuItem {
	h.t.Helper()
	for _, m := range h.win.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	h.t.Fatalf("no menu item %s ▸ %s", menu, label)
	return nil
}

// compareTrees makes a local folder and a server folder that differ in
// every way a comparison tells apart.
func compareTrees(t *testing.T) (local string, srv *ftptest.Server) {
	t.Helper()
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	local = t.TempDir()
	for _, f := range []struct {
		name string
		size int
		mod  time.Time
	}{{"same.txt", 10, when}, {"newer.txt", 5, when.Add(time.Hour)}, {"size.txt", 7, when}, {"onlylocal.txt", 1, when}} {
		p := filepath.Join(local, f.name)
		if err := os.WriteFile(p, make([]byte, f.size), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, f.mod, f.mod); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(local, "common"), 0o755); err != nil {
		t.Fatal(err)
	}
	srv = ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"))
	if err := srv.FS().Mkdir("/common"); err != nil {
		t.Fatal(err)
	}
	for name, size := range map[string]int{"/same.txt": 10, "/newer.txt": 5, "/size.txt": 9, "/onlyserver.txt": 3} {
		if err := srv.FS().WriteFile(name, make([]byte, size), when); err != nil {
			t.Fatal(err)
		}
	}
	return local, srv
}

func TestDirectoryComparison(t *testing.T) {
	local, srv := compareTrees(t)
	h := newHarness(t, local)
	right := h.connect(srv, "ferry", "s3cret", 1)
	left := h.mw.panes[0]

	tint := func(p *pane, name string) color.Color {
		t.Helper()
		row := p.model.rowOf(name)
		if row < 0 {
			t.Fatalf("no row %q in %q", name, names(p))
		}
		return h.cellAt(p, row, colSize).bg.FillColor
	}
	plain := color.Color(color.Transparent)
	th, v := h.app.Settings().Theme(), h.app.Settings().ThemeVariant()
	if got := tint(left, "newer.txt"); got != plain {
		t.Fatalf("before comparison, newer.txt is tinted %v", got)
	}

	h.menuAction("View", "Directory comparison").Action()
	if !h.menuAction("View", "Directory comparison").Checked {
		t.Error("the menu item is not checked")
	}
	for _, c := range []struct {
		p    *pane
		name string
		want color.Color
	}{
		{left, "same.txt", plain},
		{left, "newer.txt", compareTint(compare.NewerHere, th, v)},
		{left, "size.txt", compareTint(compare.DifferentSize, th, v)},
		{left, "onlylocal.txt", compareTint(compare.OnlyHere, th, v)},
		{left, "common", plain},
		{right, "same.txt", plain},
		{right, "newer.txt", plain}, // older here: only the newer side is marked
		{right, "size.txt", compareTint(compare.DifferentSize, th, v)},
		{right, "onlyserver.txt", compareTint(compare.OnlyHere, th, v)},
	} {
		if got := tint(c.p, c.name); got != c.want {
			t.Errorf("pane %d %s: tint %v, want %v", c.p.side, c.name, got, c.want)
		}
	}

	// By size alone, the newer file of the same size is identical.
	h.menuAction("View", "Compare file sizes only").Action()
	if got := tint(left, "newer.txt"); got != plain {
		t.Errorf("by size, newer.txt is tinted %v", got)
	}
	h.menuAction("View", "Compare sizes and modification times").Action()

	h.menuAction("View", "Hide identical files").Action()
	if got, want := names(left), []string{"..", "common", "newer.txt", "onlylocal.txt", "size.txt"}; !slices.Equal(got, want) {
		t.Errorf("left with identical files hidden: %q, want %q", got, want)
	}
	if got, want := names(right), []string{"common", "newer.txt", "onlyserver.txt", "size.txt"}; !slices.Equal(got, want) {
		t.Errorf("right with identical files hidden: %q, want %q", got, want)
	}
	// The status line says so: rows that vanish unannounced look gone.
	for _, p := range []*pane{left, right} {
		if got := p.status.Text; !strings.HasSuffix(got, "(1 identical file hidden)") {
			t.Errorf("pane %d status with same.txt hidden: %q", p.side, got)
		}
	}

	// A new listing is compared again: the server's copy catches up.
	if err := srv.FS().WriteFile("/size.txt", make([]byte, 7), time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	right.refresh()
	h.waitFor("size.txt identical and hidden", func() bool { return right.model.rowOf("size.txt") < 0 && left.model.rowOf("size.txt") < 0 })

	h.menuAction("View", "Directory comparison").Action()
	if left.model.rowOf("same.txt") < 0 || tint(left, "onlylocal.txt") != plain {
		t.Errorf("comparison off: rows %q, onlylocal tinted %v", names(left), tint(left, "onlylocal.txt"))
	}
	if got := left.status.Text; strings.Contains(got, "hidden") {
		t.Errorf("comparison off, the status still says %q", got)
	}
}

// TestCompareTintContrast checks that text stays readable on every tint,
// in the light and the dark variant: a contrast of at least 4.5:1 (WCAG
// AA) between the foreground and the tint laid over the background.
func TestCompareTintContrast(t *testing.T) {
	test.NewTempApp(t)
	th := theme.DefaultTheme()
	states := []compare.State{compare.OnlyHere, compare.NewerHere, compare.DifferentSize}
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		bg, fg := th.Color(theme.ColorNameBackground, v), th.Color(theme.ColorNameForeground, v)
		seen := map[color.Color]bool{}
		for _, s := range states {
			tint := compareTint(s, th, v)
			if tint == nil || seen[tint] {
				t.Fatalf("variant %d, %v: tint %v missing or shared", v, s, tint)
			}
			seen[tint] = true
			if r := contrast(fg, over(tint, bg)); r < 4.5 {
				t.Errorf("variant %d, %v: contrast %.2f", v, s, r)
			}
		}
		if compareTint(compare.Identical, th, v) != nil || compareTint(compare.OlderHere, th, v) != nil {
			t.Error("identical or older rows are tinted")
		}
	}
}

// TestHideIdenticalRemembered: View ▸ Hide identical files is kept for
// the next start, as View's folder-tree toggles are, and the window that
// starts with it on hides identical files as soon as a comparison runs.
// A missing value, or one that is not a boolean, reads as off.
func TestHideIdenticalRemembered(t *testing.T) {
	local, srv := compareTrees(t)
	cfg := t.TempDir()
	h := newHarnessWithConfig(t, local, cfg)
	const label = "Hide identical files"
	if h.menuAction("View", label).Checked || h.mw.compare.hideIdentical {
		t.Fatal("on at the first start, with nothing kept")
	}
	h.menuAction("View", label).Action()
	if !h.menuAction("View", label).Checked {
		t.Fatal("the menu item is not checked after choosing it")
	}

	// hiding reports whether the window hides same.txt (identical on both
	// sides) once the comparison is on, and shows the other files.
	hiding := func(h *harness) bool {
		t.Helper()
		right := h.connect(srv, "ferry", "s3cret", 1)
		h.menuAction("View", "Directory comparison").Action()
		left := h.mw.panes[0]
		for _, p := range []*pane{left, right} {
			if p.model.rowOf("newer.txt") < 0 || p.model.rowOf("size.txt") < 0 {
				t.Fatalf("pane %d lost rows that differ: %q", p.side, names(p))
			}
		}
		l, r := left.model.rowOf("same.txt") < 0, right.model.rowOf("same.txt") < 0
		if l != r {
			t.Fatalf("same.txt hidden on the left %v, on the right %v", l, r)
		}
		return l
	}

	h2 := h.restart(local, cfg)
	if !h2.menuAction("View", label).Checked {
		t.Error("the menu item is not checked after a restart")
	}
	if !hiding(h2) {
		t.Error("identical files shown after a restart with the option on")
	}

	h2.menuAction("View", label).Action()
	h3 := h2.restart(local, cfg)
	if h3.menuAction("View", label).Checked || hiding(h3) {
		t.Error("the option turned off is on again after a restart")
	}

	for _, damaged := range []struct {
		what string
		set  func(fyne.Preferences)
	}{
		{"a string", func(p fyne.Preferences) { p.SetString("compare.hideidentical", "true") }},
		{"a number", func(p fyne.Preferences) { p.SetInt("compare.hideidentical", 1) }},
		{"no value", func(p fyne.Preferences) { p.RemoveValue("compare.hideidentical") }},
	} {
		damaged.set(h3.app.Preferences())
		h3 = h3.restart(local, cfg)
		if h3.menuAction("View", label).Checked || hiding(h3) {
			t.Errorf("%s kept for the option reads as on", damaged.what)
		}
	}
}
