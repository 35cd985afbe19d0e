package ui

import (
	"context"
	"errors"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

// menuAtCursor opens the context menu of the row under the keyboard
// cursor, below it (the Menu key, or Shift+F10).
func (p *pane) menuAtCursor() {
	row := min(max(p.model.cursor, 0), len(p.model.rows)-1)
	if row < 0 {
		return
	}
	p.list.table.ScrollTo(widget.TableCellID{Row: row, Col: int(colName)})
	p.contextMenu(row, menuBelow(p.list.cellOf(row), p.list))
}

// contextMenu shows the actions for the row under the pointer (selecting
// it first when it is not part of the selection).
func (p *pane) contextMenu(row int, at fyne.Position) {
	if !p.model.isSelected(row) && p.model.entryAt(row) != nil {
		p.model.click(row, false, false)
		p.selectionChanged()
	}
	sel := p.model.selection()
	one := len(sel) == 1
	remote := p.src != nil && !p.src.local()
	mw := p.mw

	send := fyne.NewMenuItem(p.sendVerb(), func() { mw.transfer(p, sel) })
	send.Disabled = len(sel) == 0
	edit := fyne.NewMenuItem(lang.L("View/Edit"), func() { mw.edits.open(p, sel[0]) })
	edit.Disabled = !one || sel[0].IsDir()
	mkdir := fyne.NewMenuItem(lang.L("Create folder"), p.askMkdir)
	mkdirEnter := fyne.NewMenuItem(lang.L("Create folder and enter it"), p.askMkdirEnter)
	newFile := fyne.NewMenuItem(lang.L("Create new file"), p.askCreateFile)
	refresh := fyne.NewMenuItem(lang.L("Refresh"), p.refresh)
	del := fyne.NewMenuItem(lang.L("Delete"), func() { p.askDelete(sel) })
	del.Disabled = len(sel) == 0
	rename := fyne.NewMenuItem(lang.L("Rename"), func() { p.askRename(sel[0]) })
	rename.Disabled = !one
	copyURL := fyne.NewMenuItem(lang.L("Copy URL to clipboard"), func() { p.copyURLs(sel) })
	copyURL.Disabled = len(sel) == 0
	chmod := fyne.NewMenuItem(lang.L("File permissions…"), func() { p.askChmod(sel) })
	chmod.Disabled = !remote || len(sel) == 0
	menu := fyne.NewMenu("", send, edit, fyne.NewMenuItemSeparator(), mkdir, mkdirEnter, newFile, refresh,
		fyne.NewMenuItemSeparator(), del, rename, copyURL, chmod)
	widget.ShowPopUpMenuAtPosition(menu, p.mw.win.Canvas(), at)
}

// sendVerb names what sending this pane's entries to the other pane
// does: download, upload, FXP or a copy between two local panes.
func (p *pane) sendVerb() string {
	remote := p.src != nil && !p.src.local()
	otherLocal := p.other().src != nil && p.other().src.local()
	switch {
	case remote && p.other().src != nil && !otherLocal:
		return lang.L("Copy to the other server (FXP)")
	case remote:
		return lang.L("Download")
	case otherLocal:
		return lang.L("Copy to the other side")
	}
	return lang.L("Upload")
}

// runOp runs a file operation on a goroutine tied to the pane's source,
// reports a failure, and lists the folder again when done.
func (p *pane) runOp(what string, op func(ctx context.Context, src paneSource) error) {
	p.runOpOn(p.capture(), what, op)
}

// paneTarget is what a dialog acts on, captured when it opens: the pane's
// source, folder and the source's context. Keys or clicks while the
// dialog is open cannot redirect its answer to another folder or server;
// a source closed meanwhile cancels the operation.
type paneTarget struct {
	src paneSource
	dir string
	ctx context.Context
}

func (p *pane) capture() paneTarget { return paneTarget{src: p.src, dir: p.dir, ctx: p.srcCtx} }

// runOpOn is runOp on a captured target.
func (p *pane) runOpOn(t paneTarget, what string, op func(ctx context.Context, src paneSource) error) {
	p.runOpThen(t, what, op, nil)
}

// runOpThen is runOpOn with a last step on the UI goroutine once the
// operation ended (err is its error), while the pane still shows the
// same source: it may move the pane elsewhere instead of the usual
// listing of its folder (it reports true then), as when the operation
// took away the folder the pane shows.
func (p *pane) runOpThen(t paneTarget, what string, op func(ctx context.Context, src paneSource) error,
	then func(err error) (moved bool)) {
	src, ctx := t.src, t.ctx
	if src == nil {
		return
	}
	p.setBusy(true)
	p.mw.goWork(ctx, func(ctx context.Context) {
		err := op(ctx, src)
		p.mw.do(func() {
			p.setBusy(false)
			if p.src != src {
				return
			}
			if err != nil && !errors.Is(err, context.Canceled) {
				p.mw.showError(what, err)
			}
			if t.dir != p.dir {
				p.tree.invalidate(t.dir) // the refresh below lists p.dir
			}
			if then != nil && then(err) {
				return
			}
			p.refresh()
		})
	})
}

// nameDialogWidth is the width of the dialogs that ask for a name: at
// their smallest the field shows a dozen letters of it.
const nameDialogWidth = 440

// askMkdir asks for a folder name and creates it.
func (p *pane) askMkdir() { p.askMkdirIn(p.capture(), nil) }

// askMkdirEnter asks for a folder name, creates it and shows it.
func (p *pane) askMkdirEnter() {
	at := p.capture()
	p.askName(at, lang.L("Create folder and enter it"), lang.L("Cannot create the folder"),
		paneSource.mkdir, func(target string, err error) bool {
			if err != nil {
				return false
			}
			p.navigate(target)
			return true
		})
}

// askCreateFile asks for a name and creates an empty file of that name
// (to edit it next, say), with the cursor on it; a name already taken
// is refused, and the file there left alone. A dotfile (.htaccess) turns
// Hidden files on, so that what was made shows.
func (p *pane) askCreateFile() {
	at := p.capture()
	p.askName(at, lang.L("Create new file"), lang.L("Cannot create the file"),
		paneSource.createFile, func(target string, err error) bool {
			if err != nil || p.dir != at.dir {
				return false
			}
			name := path.Base(filepath.ToSlash(target))
			if strings.HasPrefix(name, ".") && !p.model.showHidden {
				p.hidden.SetChecked(true)
			}
			p.load(p.dir, false, name)
			return true
		})
}

// askMkdirIn asks for a folder name and creates it in folder at.dir;
// then is runOpThen's last step.
func (p *pane) askMkdirIn(at paneTarget, then func(error) bool) {
	p.askName(at, lang.L("Create folder"), lang.L("Cannot create the folder"), paneSource.mkdir,
		func(_ string, err error) bool { return then != nil && then(err) })
}

// askName asks for a new name in folder at.dir, under title, and runs
// create on the full path; failed heads the error, and then (given the
// path) is runOpThen's last step.
func (p *pane) askName(at paneTarget, title, failed string, create func(paneSource, context.Context, string) error,
	then func(target string, err error) bool) {
	if at.src == nil || at.dir == "" {
		return
	}
	name := newDialogEntry()
	name.Validator = validName
	d := newFormBox(title, lang.L("Create"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Name"), name)}, func(ok bool) {
			if !ok {
				return
			}
			target := at.src.join(at.dir, strings.TrimSpace(name.Text))
			p.runOpThen(at, failed, func(ctx context.Context, src paneSource) error {
				return create(src, ctx, target)
			}, func(err error) bool { return then(target, err) })
		}, p.mw.win)
	d.Resize(fyne.NewSize(nameDialogWidth, 0))
	p.mw.modals.show(p.mw.win, d, nil, d.keys(name)...)
	p.mw.win.Canvas().Focus(name)
}

// validName refuses names that would leave the folder or break commands.
func validName(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return errNoName
	case listing.UnsafeName(s):
		return errors.New(lang.L("Not a valid name"))
	}
	return nil
}

// errNoName keeps OK disabled while the field is empty, without a word
// under it: a dialog that has just opened has not been answered wrong.
var errNoName error = noNameError{}

type noNameError struct{}

func (noNameError) Error() string { return "" }

// askRename asks for a new name.
func (p *pane) askRename(e listing.Entry) { p.askRenameIn(p.capture(), e, nil) }

// askRenameIn asks for a new name for entry e of folder at.dir; then
// (given the new full path) is runOpThen's last step.
func (p *pane) askRenameIn(at paneTarget, e listing.Entry, then func(to string, err error) bool) {
	if at.src == nil {
		return
	}
	name := newDialogEntry()
	name.SetText(e.Name)
	name.Validator = validName
	d := newFormBox(lang.L("Rename"), lang.L("Rename"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("New name"), name)}, func(ok bool) {
			if !ok || name.Text == e.Name {
				return
			}
			from, to := at.src.join(at.dir, e.Name), at.src.join(at.dir, strings.TrimSpace(name.Text))
			var last func(error) bool
			if then != nil {
				last = func(err error) bool { return then(to, err) }
			}
			p.runOpThen(at, lang.L("Cannot rename"), func(ctx context.Context, src paneSource) error {
				return src.rename(ctx, from, to)
			}, last)
		}, p.mw.win)
	d.Resize(fyne.NewSize(nameDialogWidth, 0))
	p.mw.modals.show(p.mw.win, d, nil, d.keys(name)...)
	p.mw.win.Canvas().Focus(name)
	name.selectStem(e.IsDir())
}

// askDelete confirms, then deletes files and folders (with their content).
func (p *pane) askDelete(sel []listing.Entry) { p.askDeleteIn(p.capture(), sel, nil) }

// askDeleteIn confirms, then deletes entries sel of folder at.dir; then
// is runOpThen's last step. The question says where, since both panes
// and the trees above them look alike.
func (p *pane) askDeleteIn(at paneTarget, sel []listing.Entry, then func(error) bool) {
	if len(sel) == 0 {
		return
	}
	msg := lang.X("delete.one", "Delete “{{.Name}}”?", map[string]any{"Name": ftpcore.Printable(sel[0].Name)})
	if len(sel) > 1 {
		msg = lang.X("delete.many", "Delete these {{.N}} items?", map[string]any{"N": len(sel)})
		msg += "\n" + deleteNames(sel)
	}
	msg += "\n" + p.mw.whereLabel(at)
	if hasDir(sel) {
		msg += "\n" + lang.L("Folders are deleted with everything in them.")
	}
	sel = append([]listing.Entry(nil), sel...)
	d := newQuestionBox(lang.L("Delete"), msg, func(ok bool) {
		if !ok {
			return
		}
		dir := at.dir
		p.runOpThen(at, lang.L("Cannot delete"), func(ctx context.Context, src paneSource) error {
			var errs []error
			for _, e := range sel {
				if e.Unsafe {
					errs = append(errs, errUnsafeName(e.Name))
					continue
				}
				if err := src.remove(ctx, src.join(dir, e.Name), e.IsDir()); err != nil {
					errs = append(errs, err)
				}
			}
			return errors.Join(errs...)
		}, then)
	}, p.mw.win)
	p.mw.modals.show(p.mw.win, d, nil, d.keys()...)
}

// deleteListed is how many names a delete question lists.
const deleteListed = 6

// deleteNames lists the entries a delete question is about, one a line,
// the first deleteListed of them, so that the user sees what "these 40
// items" are before saying yes.
func deleteNames(sel []listing.Entry) string {
	var b strings.Builder
	for i, e := range sel {
		if i == deleteListed {
			b.WriteString(lang.L("… and {{.N}} more", map[string]any{"N": len(sel) - deleteListed}))
			break
		}
		b.WriteString("• " + ftpcore.Printable(e.Name))
		if e.IsDir() {
			b.WriteString("/")
		}
		if i < len(sel)-1 {
			b.WriteString("\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// whereLabel says which side a question acts on: a folder of this
// computer or of a named server, since both panes look alike.
func (mw *mainWindow) whereLabel(t paneTarget) string {
	if t.src == nil || t.src.local() {
		return lang.L("In {{.Dir}} on this computer.", map[string]any{"Dir": ftpcore.Printable(t.dir)})
	}
	return lang.L("In {{.Dir}} on {{.Server}}.", map[string]any{"Dir": ftpcore.Printable(t.dir),
		"Server": mw.serverLabel(t.src.siteKey())})
}

func hasDir(sel []listing.Entry) bool {
	for _, e := range sel {
		if e.IsDir() {
			return true
		}
	}
	return false
}

// copyURLs puts the entries' URLs on the clipboard, one a line, without
// the password.
func (p *pane) copyURLs(sel []listing.Entry) {
	var lines []string
	for _, e := range sel {
		lines = append(lines, p.entryURL(e))
	}
	p.mw.app.Clipboard().SetContent(strings.Join(lines, "\n"))
}

func (p *pane) entryURL(e listing.Entry) string { return p.pathURL(p.src.join(p.dir, e.Name)) }

// pathURL is the URL of path full of the pane's source, without the
// password.
func (p *pane) pathURL(full string) string {
	r, ok := p.src.(*remoteSource)
	if !ok {
		return (&url.URL{Scheme: "file", Path: full}).String()
	}
	u := url.URL{Scheme: "ftp", Host: r.cfg.Addr, Path: full}
	switch r.cfg.TLS {
	case ftpcore.TLSExplicit:
		u.Scheme = "ftpes"
	case ftpcore.TLSImplicit:
		u.Scheme = "ftps"
	}
	if r.cfg.User != "" {
		u.User = url.User(r.cfg.User)
	}
	return u.String()
}
