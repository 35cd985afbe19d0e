package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func searchRels(sv *searchView) []string {
	var out []string
	for _, r := range sv.results {
		out = append(out, r.Rel)
	}
	return out
}

func TestSearchFiles(t *testing.T) {
	srv := newServer(t) // /readme.txt, /big.bin, /zeta.dat, /pub/a.txt, /pub/deep, /incoming
	local := localTree(t)
	h := newHarness(t, local)
	right := h.connect(srv, "ferry", "s3cret", 1)
	h.mw.setActive(right)

	h.menuAction("Server", "Search files…") // the item is there; the test keeps the dialog
	sv := h.mw.openSearch()
	test.Type(sv.pattern, "*.TXT")
	test.Tap(sv.find)
	h.waitFor("the results", func() bool { return sv.done })
	if got := searchRels(sv); !slices.Equal(got, []string{"readme.txt", "pub/a.txt"}) {
		t.Fatalf("found %q", got)
	}
	if !strings.Contains(sv.status.Text, "2 found") {
		t.Errorf("status %q", sv.status.Text)
	}

	// Size bounds: at least 2 KiB leaves big.bin only.
	sv.pattern.SetText("")
	sv.minSize.SetText("2")
	test.Tap(sv.find)
	h.waitFor("the results by size", func() bool { return sv.done })
	if got := searchRels(sv); !slices.Equal(got, []string{"big.bin"}) {
		t.Errorf("at least 2 KiB: %q", got)
	}
	sv.minSize.SetText("two")
	test.Tap(sv.find)
	if !strings.Contains(sv.status.Text, "whole numbers") {
		t.Errorf("a bad size gave %q", sv.status.Text)
	}

	// Tick pub/a.txt and copy it to the local pane's folder.
	sv.minSize.SetText("")
	sv.pattern.SetText("a.txt")
	test.Tap(sv.find)
	h.waitFor("a.txt found", func() bool { return sv.done && len(sv.results) == 1 })
	if !sv.transfer.Disabled() {
		t.Error("copy offered with nothing ticked")
	}
	var ticked bool
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			c, ok := o.(*fyne.Container)
			if r := sv.rows[c]; ok && r != nil && c.Visible() && r.path.Text == "pub/a.txt" && !ticked {
				test.Tap(r.check)
				ticked = true
			}
		})
	}
	if !ticked || sv.transfer.Disabled() {
		t.Fatalf("ticked %v, copy disabled %v", ticked, sv.transfer.Disabled())
	}
	if err := os.Remove(filepath.Join(local, "a.txt")); err != nil {
		t.Fatal(err)
	}
	test.Tap(sv.transfer)
	h.waitFor("a.txt downloaded", func() bool {
		b, err := os.ReadFile(filepath.Join(local, "a.txt"))
		return err == nil && string(b) == "xxxxx"
	})
	sv.dlg.Hide()

	// On the local disk.
	h.mw.setActive(h.mw.panes[0])
	sv = h.mw.openSearch()
	sv.pattern.SetText("*.bin")
	test.Tap(sv.find)
	h.waitFor("the local results", func() bool { return sv.done })
	if got := searchRels(sv); !slices.Equal(got, []string{"c.bin"}) {
		t.Errorf("local search found %q", got)
	}
}
