package ui

import (
	"fmt"
	"slices"
	"testing"

	"ferry/ftpcore/listing"
)

func treeRowsOf(m *treeModel) []string {
	var out []string
	for _, r := range m.rows {
		switch r.kind {
		case rowLoading:
			out = append(out, r.node.path+" …")
		case rowFailed:
			out = append(out, r.node.path+" !")
		default:
			out = append(out, r.node.path)
		}
	}
	return out
}

// TestTreeModel: folders known from a path below them, then listed;
// hidden ones shown only when asked or on the way to the current folder;
// a listing that lacks a folder forgets it and what was below it.
func TestTreeModel(t *testing.T) {
	m := newTreeModel((&remoteSource{}).join)
	cur := m.ensure([]string{"/", "/a", "/a/.b", "/a/.b/c"})
	m.current = cur
	m.openTo(cur)
	m.rebuild()
	if got, want := treeRowsOf(m), []string{"/", "/a", "/a/.b", "/a/.b/c"}; !slices.Equal(got, want) {
		t.Fatalf("before listing: %q, want %q", got, want)
	}
	a := m.byPath["/a"]
	m.setChildren(a, []treeChild{{name: "z"}, {name: ".hidden"}, {name: "B"}})
	a.open = true
	m.rebuild()
	want := []string{"/", "/a", "/a/.b", "/a/.b/c", "/a/B", "/a/z"}
	if got := treeRowsOf(m); !slices.Equal(got, want) {
		t.Fatalf("after listing /a: %q, want %q", got, want)
	}
	m.showHidden = true
	m.rebuild()
	if got := treeRowsOf(m); !slices.Contains(got, "/a/.hidden") {
		t.Fatalf("hidden shown: %q", got)
	}

	// The current folder moves up; a new listing of /a without .b drops
	// it, and c below it.
	m.current = a
	m.setChildren(a, []treeChild{{name: "z"}})
	m.rebuild()
	if got, want := treeRowsOf(m), []string{"/", "/a", "/a/z"}; !slices.Equal(got, want) {
		t.Fatalf("after .b went: %q, want %q", got, want)
	}
	if m.byPath["/a/.b/c"] != nil || m.byPath["/a/.b"] != nil {
		t.Error("forgotten folders are still known by path")
	}

	// A folder being listed and one that failed have a note row.
	z := m.byPath["/a/z"]
	z.open, z.state = true, nodeLoading
	m.rebuild()
	if got := treeRowsOf(m); got[len(got)-1] != "/a/z …" {
		t.Fatalf("loading row: %q", got)
	}
	z.state = nodeFailed
	m.rebuild()
	if got := treeRowsOf(m); got[len(got)-1] != "/a/z !" || m.nodeAt(len(got)-1) != nil {
		t.Fatalf("failed row: %q", got)
	}
	if !m.expandable(z) {
		t.Error("a failed folder cannot be opened again")
	}
}

// bigListing is a folder of n entries, every twentieth a folder.
func bigListing(n int) *listing.Result {
	l := &listing.Result{Entries: make([]listing.Entry, n)}
	for i := range l.Entries {
		e := &l.Entries[i]
		e.Name, e.Type, e.Size = fmt.Sprintf("file-%06d.dat", n-i), listing.TypeFile, int64(i)
		if i%20 == 0 {
			e.Name, e.Type, e.Size = fmt.Sprintf("Dir-%06d", n-i), listing.TypeDir, -1
		}
	}
	return l
}

// TestTreeBigFolder: a folder of 100,000 entries, 5,000 of them folders,
// gives the tree 5,000 nodes and rows, in name order.
func TestTreeBigFolder(t *testing.T) {
	m := newTreeModel((&remoteSource{}).join)
	root := m.addRoot("/")
	m.current, root.open = root, true
	m.setChildren(root, folderChildren(false, bigListing(100_000)))
	m.rebuild()
	if len(root.kids) != 5000 || len(m.rows) != 5001 {
		t.Fatalf("%d folders, %d rows", len(root.kids), len(m.rows))
	}
	if !slices.IsSortedFunc(root.kids, func(a, b *treeNode) int { return compareNames(a.name, b.name) }) {
		t.Error("folders out of order")
	}
}
