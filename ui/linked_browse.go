package ui

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

// linkedBrowsing is View ▸ Synchronised browsing: while on, entering a
// folder in one pane enters the folder of the same name in the other,
// and going up in one goes up in the other; a jump (the path bar) below
// the folder a pane showed when linking began takes the other pane to
// the same place below its own. Used on the UI goroutine only.
type linkedBrowsing struct {
	on bool
	// roots are the panes' folders when linking began.
	roots [2]string
	// following is set while a pane shows the folder the other pane's
	// move led to, so that the move does not bounce back.
	following bool
	item      *fyne.MenuItem
}

// errLinkedMissing is why the other pane did not follow: it has no
// folder of that name.
var errLinkedMissing = errors.New("no such folder on the other side")

// linkedMenuItems returns View's synchronised browsing item.
func (mw *mainWindow) linkedMenuItems() []*fyne.MenuItem {
	mw.linked.item = fyne.NewMenuItem(lang.L("Synchronised browsing"), func() { mw.setLinked(!mw.linked.on) })
	return []*fyne.MenuItem{fyne.NewMenuItemSeparator(), mw.linked.item}
}

// setLinked turns synchronised browsing on or off.
func (mw *mainWindow) setLinked(on bool) {
	mw.linked.on = on
	for i, p := range mw.panes {
		mw.linked.roots[i] = p.dir
	}
	if mw.linked.item != nil {
		mw.linked.item.Checked = on
		if m := mw.win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
}

// linkedMove is told that pane p moves from folder old to folder dir,
// before it shows dir, and takes the other pane along to the folder that
// corresponds to dir: the one reached from the other pane's linked
// folder by the same way (up, then down by name) as dir from p's. So
// entering a child enters the child of the same name, and going up goes
// up, also after the other pane could not follow a move: it catches up
// with the folder that matches instead of drifting further. A jump
// outside p's linked folder has no counterpart, so it leaves the other
// pane where it is. A pane that connects anew is linked from the first
// folder it shows.
func (mw *mainWindow) linkedMove(p *pane, old, dir string) {
	if !mw.linked.on || mw.linked.following || old == dir || p.src == nil {
		return
	}
	o := p.other()
	if o.src == nil || o.dir == "" {
		return
	}
	if old == "" {
		// p shows the first folder of a new connection: the panes are
		// linked from there and the other pane's folder, the folders
		// linked before being of another server.
		mw.linked.roots[p.side], mw.linked.roots[o.side] = dir, o.dir
		return
	}
	target, ok := "", false
	switch {
	case p.src.parent(dir) == old && p.src.parent(dir) != dir:
		name := strings.Trim(dir[len(strings.TrimRight(old, "/\\")):], "/\\")
		if listing.UnsafeName(name) {
			return
		}
		if target, ok = mw.linkedTarget(p, o, dir, maxLinkedDepth); !ok && mw.linkedUnrooted() {
			target, ok = o.src.join(o.dir, name), true
		}
	case p.src.parent(old) == dir:
		if target, ok = mw.linkedTarget(p, o, dir, maxLinkedDepth); !ok && mw.linkedUnrooted() {
			target = o.src.parent(o.dir)
			ok = target != o.dir
		}
	default:
		target, ok = mw.linkedTarget(p, o, dir, 0)
	}
	if !ok || target == o.dir {
		return
	}
	mw.linkedFollow(o, target)
}

// linkedUnrooted reports whether a pane had no folder when linking
// began: the panes then follow each other step by step (the child of the
// same name, the parent), with no linked folders to go by.
func (mw *mainWindow) linkedUnrooted() bool {
	return mw.linked.roots[0] == "" || mw.linked.roots[1] == ""
}

// linkedTarget returns the folder of pane o that corresponds to folder
// dir of pane p: as many levels up from o's linked folder as dir is
// above p's (at most maxUp), then down by the same names. ok is false
// when there is no such folder: a linked folder unknown, dir too far
// above p's, o's linked folder too near its top, or an unsafe name.
func (mw *mainWindow) linkedTarget(p, o *pane, dir string, maxUp int) (target string, ok bool) {
	from, to := mw.linked.roots[p.side], mw.linked.roots[o.side]
	if from == "" || to == "" {
		return "", false
	}
	var parts []string
	for up := 0; ; up++ {
		if parts, ok = relParts(p.src, from, dir); ok {
			break
		}
		parent := p.src.parent(from)
		if up == maxUp || parent == from {
			return "", false
		}
		from = parent
		if parent = o.src.parent(to); parent == to {
			return "", false
		}
		to = parent
	}
	for _, name := range parts {
		to = o.src.join(to, name)
	}
	return to, true
}

// maxLinkedDepth bounds the walk from a folder up to a linked root.
const maxLinkedDepth = 64

// relParts returns the names that lead from root down to dir, in src's
// syntax; ok is false when dir is not root or below it, or a name is
// unsafe to use on the other side.
func relParts(src paneSource, root, dir string) (parts []string, ok bool) {
	if root == "" {
		return nil, false
	}
	for d := dir; d != root; {
		parent := src.parent(d)
		if parent == d || len(parts) == maxLinkedDepth {
			return nil, false
		}
		name := strings.Trim(d[len(strings.TrimRight(parent, "/\\")):], "/\\")
		if listing.UnsafeName(name) {
			return nil, false
		}
		parts = append(parts, name)
		d = parent
	}
	slices.Reverse(parts)
	return parts, true
}

// linkedFollow lists target in pane o and shows it; when the folder is
// not there, it says so and leaves o where it was.
func (mw *mainWindow) linkedFollow(o *pane, target string) {
	if o.listStop != nil {
		o.listStop()
	}
	o.gen++
	gen, src, hidden := o.gen, o.src, o.model.showHidden
	ctx, cancel := context.WithCancel(o.srcCtx)
	o.listStop = cancel
	o.setBusy(true)
	mw.goWork(ctx, func(ctx context.Context) {
		defer cancel()
		l, err := src.list(ctx, target, hidden)
		mw.do(func() {
			if gen != o.gen {
				return
			}
			o.setBusy(false)
			if err != nil {
				if errors.Is(err, context.Canceled) {
					return
				}
				if code := ftpcore.ReplyCode(err); code == 550 || code == 450 || errors.Is(err, fs.ErrNotExist) {
					err = &linkedMissingError{err: err, text: lang.X("linked.missing",
						"The other pane has no folder {{.Path}}; it stays where it was.", map[string]any{"Path": target})}
				}
				mw.showError(lang.L("Synchronised browsing"), err)
				return
			}
			mw.linked.following = true
			defer func() { mw.linked.following = false }()
			o.show(target, l, false, "")
		})
	})
}

// linkedMissingError says, in the user's language, that the other pane
// could not follow; it matches errLinkedMissing and the listing's error.
type linkedMissingError struct {
	text string
	err  error
}

func (e *linkedMissingError) Error() string   { return e.text }
func (e *linkedMissingError) Unwrap() []error { return []error{errLinkedMissing, e.err} }
