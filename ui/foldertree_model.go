package ui

import (
	"slices"
	"strings"
)

// A folder tree holds folders only, each known by its absolute path in
// the source's syntax. The nodes double as the tree's listing cache for
// one source (one server session, or the local disk): a folder listed
// once keeps its sub-folders while it is collapsed and expanded again,
// until a refresh, one of our own operations or a transfer into it says
// they changed. A new source starts a new model.

// treeChild is what the tree keeps of a listing entry: a folder, or a
// link that the listing says leads to one.
type treeChild struct {
	name   string // verbatim as listed; shown through ftpcore.Printable
	link   bool
	target string
}

// nodeState says what is known of a folder's sub-folders.
type nodeState uint8

const (
	// nodeUnlisted: never listed; the node may hold the one child on
	// the way to a folder the pane showed.
	nodeUnlisted nodeState = iota
	nodeLoading
	nodeListed
	nodeFailed
)

// treeNode is one folder of a tree.
type treeNode struct {
	path   string
	name   string
	link   bool
	target string
	parent *treeNode
	depth  int
	kids   []*treeNode
	state  nodeState
	open   bool
	err    error // why the last listing failed
}

// rowKind is what a visible row of the tree shows.
type rowKind uint8

const (
	rowFolder  rowKind = iota
	rowLoading         // "…" under a folder being listed
	rowFailed          // why a folder could not be listed
)

// treeRow is one visible row: a folder, or a note under one.
type treeRow struct {
	node *treeNode
	kind rowKind
}

// treeModel is the tree's folders and its visible rows. current is the
// folder the pane shows; cursor is the row the keyboard is on. It is
// used on the UI goroutine only.
type treeModel struct {
	join       func(dir, name string) string
	roots      []*treeNode
	byPath     map[string]*treeNode
	rows       []treeRow
	current    *treeNode
	cursor     int
	showHidden bool
}

func newTreeModel(join func(dir, name string) string) *treeModel {
	return &treeModel{join: join, byPath: map[string]*treeNode{}}
}

// addRoot adds a top-level folder ("/", a drive) unless it is there.
func (m *treeModel) addRoot(p string) *treeNode {
	if n := m.byPath[p]; n != nil {
		return n
	}
	n := &treeNode{path: p, name: p}
	m.byPath[p] = n
	m.roots = append(m.roots, n)
	slices.SortStableFunc(m.roots, func(a, b *treeNode) int { return compareNames(a.path, b.path) })
	return n
}

// ensure returns the node of the last folder of chain, a path from a
// root down, creating the nodes missing on the way. A folder created
// here under an unlisted parent is all that parent is known to hold.
func (m *treeModel) ensure(chain []string) *treeNode {
	if len(chain) == 0 {
		return nil
	}
	n := m.addRoot(chain[0])
	for _, p := range chain[1:] {
		child := m.byPath[p]
		if child == nil || child.parent != n {
			child = &treeNode{path: p, name: baseName(n.path, p)}
			m.adopt(n, child)
		}
		n = child
	}
	return n
}

// adopt puts child among n's children, in name order.
func (m *treeModel) adopt(n, child *treeNode) {
	child.parent, child.depth = n, n.depth+1
	i, _ := slices.BinarySearchFunc(n.kids, child, func(a, b *treeNode) int { return compareNames(a.name, b.name) })
	n.kids = slices.Insert(n.kids, i, child)
	m.byPath[child.path] = child
}

// baseName is the last name of p below its parent folder.
func baseName(parent, p string) string {
	return strings.Trim(p[min(len(strings.TrimRight(parent, "/\\")), len(p)):], "/\\")
}

// setChildren records a listing of n: its sub-folders now are kids.
// Folders still there keep what is known below them; the others are
// forgotten, except one on the way to the current folder (the pane
// shows it, so it exists, whatever a listing without hidden names says).
func (m *treeModel) setChildren(n *treeNode, kids []treeChild) {
	old := make(map[string]*treeNode, len(n.kids))
	for _, k := range n.kids {
		old[k.name] = k
	}
	next := make([]*treeNode, 0, len(kids))
	for _, c := range kids {
		k := old[c.name]
		if k == nil {
			k = &treeNode{path: m.join(n.path, c.name), name: c.name, parent: n, depth: n.depth + 1}
			m.byPath[k.path] = k
		}
		delete(old, c.name)
		k.link, k.target = c.link, c.target
		next = append(next, k)
	}
	for _, k := range old {
		if m.current != nil && m.current.within(k) {
			next = append(next, k)
			continue
		}
		m.forget(k)
	}
	slices.SortFunc(next, func(a, b *treeNode) int { return compareNames(a.name, b.name) })
	n.kids, n.state, n.err = next, nodeListed, nil
}

// forget drops a node and everything below it.
func (m *treeModel) forget(n *treeNode) {
	if m.byPath[n.path] == n {
		delete(m.byPath, n.path)
	}
	for _, k := range n.kids {
		m.forget(k)
	}
}

// drop takes folder n out of the tree after it was deleted or renamed.
// The folder the pane shows may have gone with it: the pane moves, and
// until it arrives no folder is current.
func (m *treeModel) drop(n *treeNode) {
	if m.current != nil && m.current.within(n) {
		m.current = nil
	}
	if p := n.parent; p != nil {
		p.kids = slices.DeleteFunc(p.kids, func(k *treeNode) bool { return k == n })
	} else {
		m.roots = slices.DeleteFunc(m.roots, func(k *treeNode) bool { return k == n })
	}
	m.forget(n)
}

// within reports whether n is a or below it.
func (n *treeNode) within(a *treeNode) bool {
	for ; n != nil; n = n.parent {
		if n == a {
			return true
		}
	}
	return false
}

// shown reports whether the node has a row: hidden folders (a leading
// dot) only when the pane shows hidden files, or on the way to the
// current folder.
func (n *treeNode) shown(m *treeModel) bool {
	return m.showHidden || !strings.HasPrefix(n.name, ".") || (m.current != nil && m.current.within(n))
}

// expandable reports whether the node may have sub-folders to show.
func (m *treeModel) expandable(n *treeNode) bool {
	if n.state != nodeListed {
		return true
	}
	for _, k := range n.kids {
		if k.shown(m) {
			return true
		}
	}
	return false
}

// rebuild recomputes the visible rows after a change, keeping the
// cursor on the same folder when it is still visible.
func (m *treeModel) rebuild() {
	var at *treeNode
	if m.cursor >= 0 && m.cursor < len(m.rows) {
		at = m.rows[m.cursor].node
	}
	m.rows = m.rows[:0]
	var add func(n *treeNode)
	add = func(n *treeNode) {
		m.rows = append(m.rows, treeRow{node: n})
		if !n.open {
			return
		}
		for _, k := range n.kids {
			if k.shown(m) {
				add(k)
			}
		}
		switch n.state {
		case nodeLoading:
			m.rows = append(m.rows, treeRow{node: n, kind: rowLoading})
		case nodeFailed:
			m.rows = append(m.rows, treeRow{node: n, kind: rowFailed})
		}
	}
	for _, r := range m.roots {
		add(r)
	}
	m.cursor = max(m.rowOf(at), 0)
	m.cursor = min(m.cursor, max(len(m.rows)-1, 0))
}

// rowOf returns the row showing folder n, or -1.
func (m *treeModel) rowOf(n *treeNode) int {
	if n == nil {
		return -1
	}
	for i, r := range m.rows {
		if r.node == n && r.kind == rowFolder {
			return i
		}
	}
	return -1
}

// nodeAt returns the folder of a row, nil for a note or out of range.
func (m *treeModel) nodeAt(row int) *treeNode {
	if row < 0 || row >= len(m.rows) || m.rows[row].kind != rowFolder {
		return nil
	}
	return m.rows[row].node
}

// openTo opens every folder above n, so that its row is visible.
func (m *treeModel) openTo(n *treeNode) {
	for p := n.parent; p != nil; p = p.parent {
		p.open = true
	}
}
