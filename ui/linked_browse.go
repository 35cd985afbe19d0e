package ui

import (
	"context"
	"errors"
	"io/fs"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

// linkedBrowsing is View ▸ Synchronised browsing: while on, entering a
// folder in one pane enters the folder of the same name in the other,
// and going up in one goes up in the other. Used on the UI goroutine
// only.
type linkedBrowsing struct {
	on bool
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
	if mw.linked.item != nil {
		mw.linked.item.Checked = on
		if m := mw.win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
}

// linkedMove is told that pane p moves from folder old to folder dir,
// before it shows dir, and takes the other pane along: into the child of
// the same name, or up to its parent. A jump elsewhere (the path bar, a
// bookmark) has no counterpart, so it leaves the other pane where it is.
func (mw *mainWindow) linkedMove(p *pane, old, dir string) {
	if !mw.linked.on || mw.linked.following || old == "" || old == dir || p.src == nil {
		return
	}
	o := p.other()
	if o.src == nil || o.dir == "" {
		return
	}
	var target string
	switch {
	case p.src.parent(dir) == old && p.src.parent(dir) != dir:
		name := strings.Trim(dir[len(strings.TrimRight(old, "/\\")):], "/\\")
		if listing.UnsafeName(name) {
			return
		}
		target = o.src.join(o.dir, name)
	case p.src.parent(old) == dir:
		target = o.src.parent(o.dir)
		if target == o.dir {
			return
		}
	default:
		return
	}
	mw.linkedFollow(o, target)
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
