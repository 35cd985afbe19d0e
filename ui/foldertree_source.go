package ui

import (
	"context"
	"errors"
	"os"
	"runtime"
	"slices"

	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
	"ferry/ftpcore/localfs"
)

// maxTreeDepth bounds the walk from a folder up to its root.
const maxTreeDepth = 256

// folderChildren keeps the folders of a listing: directories, and on the
// local disk the links that localfs found leading to one (a server's
// listing rarely says where a link leads, so its links stay out). Names
// that cannot be used as a path component are left out as the pane's
// operations leave them.
func folderChildren(local bool, l *listing.Result) []treeChild {
	if l == nil {
		return nil
	}
	var out []treeChild
	for _, e := range l.Entries {
		if e.Unsafe {
			continue
		}
		switch {
		case e.IsDir():
			out = append(out, treeChild{name: e.Name})
		case local && localfs.LinksToDir(e):
			out = append(out, treeChild{name: e.Name, link: true, target: e.Target})
		}
	}
	return out
}

// pathChain returns the folders from the root of dir down to dir.
func pathChain(src paneSource, dir string) []string {
	chain := []string{dir}
	for d := dir; len(chain) < maxTreeDepth; {
		up := src.parent(d)
		if up == d || up == "" {
			break
		}
		chain = append(chain, up)
		d = up
	}
	slices.Reverse(chain)
	return chain
}

// treeRoots returns the top folders of a source: "/" on a server and on
// a Unix disk, the drives that exist on Windows. It may touch the disk.
func treeRoots(src paneSource) []string {
	if !src.local() || runtime.GOOS != "windows" {
		return []string{"/"}
	}
	var out []string
	for c := 'A'; c <= 'Z'; c++ {
		d := string(c) + `:\`
		if _, err := os.Stat(d); err == nil {
			out = append(out, d)
		}
	}
	return out
}

// addRoots lists the source's top folders in the background.
func (t *folderTree) addRoots() {
	src, ctx := t.src, t.ctx
	t.pane.mw.goWork(ctx, func(context.Context) {
		roots := treeRoots(src)
		t.pane.mw.do(func() {
			if t.src != src {
				return
			}
			for _, r := range roots {
				t.model.addRoot(r)
			}
			t.changed()
		})
	})
}

// load lists folder n in the background; a "…" row stands under it
// meanwhile. Listings go through the pane's source, so on a server they
// take turns with the pane's own on its browsing session.
func (t *folderTree) load(n *treeNode) {
	if n.state == nodeLoading || t.src == nil {
		return
	}
	n.state = nodeLoading
	src, ctx, dir, hidden := t.src, t.ctx, n.path, t.model.showHidden
	t.pane.mw.goWork(ctx, func(ctx context.Context) {
		l, err := src.list(ctx, dir, hidden)
		t.pane.mw.do(func() {
			if t.src == src {
				t.listed(dir, l, err)
			}
		})
	})
}

// listed applies a listing that arrived, or marks the folder as failed
// with the reason in the log: a folder the user only glanced at in the
// tree is not worth a dialog.
func (t *folderTree) listed(dir string, l *listing.Result, err error) {
	n := t.model.byPath[dir]
	if err != nil {
		if n != nil {
			n.state, n.err = nodeFailed, err
		}
		if !errors.Is(err, context.Canceled) {
			t.pane.mw.logError(lang.L("Cannot list the folder")+" "+ftpcore.Printable(dir), err)
		}
	} else if n != nil {
		t.model.setChildren(n, folderChildren(t.src.local(), l))
	}
	t.changed()
	if cur := t.model.current; n != nil && cur != nil && cur != n && cur.within(n) {
		// Folders arrived above the pane's folder: keep it in sight.
		t.list.ScrollTo(max(t.model.rowOf(cur), 0))
	}
}

// invalidate forgets what is known below dir after it changed: an open
// folder is listed again, a closed one when next opened.
func (t *folderTree) invalidate(dir string) {
	n := t.model.byPath[dir]
	if n == nil || n.state != nodeListed {
		return
	}
	n.state = nodeUnlisted
	if n.open {
		t.load(n)
	}
	t.changed()
}

// landed is told that a transfer wrote p, a folder when isDir: the
// folder where a new sub-folder appeared on the way to it (a folder
// upload) is listed again. A file alone changes no folder of the tree.
func (t *folderTree) landed(p string, isDir bool) {
	if t.src == nil {
		return
	}
	if !isDir {
		p = t.src.parent(p)
	}
	chain := pathChain(t.src, p)
	for i := 0; i+1 < len(chain); i++ {
		n := t.model.byPath[chain[i]]
		if n == nil || n.state != nodeListed {
			return
		}
		if next := t.model.byPath[chain[i+1]]; next == nil || next.parent != n {
			t.invalidate(n.path)
			return
		}
	}
}

// hiddenChanged shows or hides folders whose names start with a dot; a
// server lists them only when asked, so the open folders are listed
// again.
func (t *folderTree) hiddenChanged(on bool) {
	t.model.showHidden = on
	for _, n := range t.model.byPath {
		if n.state == nodeListed && n != t.model.current {
			n.state = nodeUnlisted
			if n.open {
				t.load(n)
			}
		}
	}
	t.changed()
}
