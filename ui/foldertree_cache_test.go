package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

// TestFolderTreeForgetsChangedFolders: what the tree knows of a folder
// goes when our own operations change it: a folder created or deleted in
// the pane, a folder uploaded into a tree folder the pane does not show.
// Folders not changed are not listed again.
func TestFolderTreeForgetsChangedFolders(t *testing.T) {
	srv := newServer(t) // /, /incoming, /pub, /pub/deep
	upload := t.TempDir()
	if err := os.MkdirAll(filepath.Join(upload, "up", "inner"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(upload, "up", "inner", "f.txt"), []byte("data"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	tree := p.tree
	h.tapTreeArrow(tree, "/pub")
	h.waitFor("pub listed", func() bool { return tree.model.byPath["/pub"].state == nodeListed })

	// A folder created through the pane appears, one deleted goes.
	p.runOp("mkdir", func(ctx context.Context, src paneSource) error { return src.mkdir(ctx, "/made") })
	h.waitFor("made in the tree", func() bool { return tree.model.byPath["/made"] != nil && p.busy.Hidden })
	p.runOp("delete", func(ctx context.Context, src paneSource) error { return src.remove(ctx, "/incoming", true) })
	h.waitFor("incoming gone from the tree", func() bool { return tree.model.byPath["/incoming"] == nil && p.busy.Hidden })
	want := []string{"/", "  made", "  pub", "    deep"}
	if got := treeNames(tree); !slices.Equal(got, want) {
		t.Fatalf("tree = %q, want %q", got, want)
	}

	// A folder dropped onto pub from the file manager: pub, open in the
	// tree but not shown in the pane, is listed again once it is there.
	before := len(listings(srv))
	row := h.treeRow(tree, "/pub")
	h.mw.drag.osDrop(fyne.CurrentApp().Driver().AbsolutePositionForObject(row).Add(fyne.NewPos(60, 5)),
		[]fyne.URI{storage.NewFileURI(filepath.Join(upload, "up"))})
	if _, failed := h.queueSettled(1); len(failed) != 0 {
		t.Fatalf("failed: %v", failed)
	}
	h.waitFor("up in the tree", func() bool {
		n := tree.model.byPath["/pub/up"]
		return n != nil && n.parent.state == nodeListed
	})
	if got, err := srv.FS().ReadFile("/pub/up/inner/f.txt"); err != nil || string(got) != "data" {
		t.Fatalf("uploaded %q, %v", got, err)
	}
	var again []string
	for _, d := range listings(srv)[before:] {
		if d == "/pub" || d == "/" {
			again = append(again, d)
		}
	}
	if slices.Contains(again, "/") {
		t.Errorf("the root, which did not change, was listed again: %q", again)
	}
	if !slices.Contains(again, "/pub") {
		t.Errorf("pub was not listed again: %q", listings(srv)[before:])
	}
}
