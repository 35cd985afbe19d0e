package ui

import (
	"image/color"

	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

// maxPathHistory caps the folders remembered in a pane's path bar.
const maxPathHistory = 20

// pane is one side of the window: a source (local disk or a server), the
// folder shown, and its widgets. Its fields are touched only on the UI
// goroutine; listings run on goroutines tied to the pane's context.
type pane struct {
	mw    *mainWindow
	side  int // 0 left, 1 right
	src   paneSource
	dir   string
	model *paneModel

	srcCtx    context.Context // cancelled when the source changes
	srcCancel context.CancelFunc
	listStop  context.CancelFunc // stops the listing in progress
	gen       int                // listing generation: stale results are dropped
	history   []string
	// refreshDue asks for a listing after transfers landed here;
	// lastAuto keeps such listings at most one a second.
	refreshDue bool
	lastAuto   time.Time

	// typed is the start of a name typed into the list, and typedAt
	// when its last letter came; now reads the clock (tests set it).
	typed   string
	typedAt time.Time
	now     func() time.Time

	title    *paneTitle
	pathBar  *pathEntry
	filter   *fieldEntry
	hidden   *outsideCheck
	list     *fileList
	status   *plainText
	warning  *plainText
	busy     *busyBar
	accent   *canvas.Rectangle // shows which pane is active
	dropMark *canvas.Rectangle // shows the pane a drag would drop on
	root     fyne.CanvasObject

	// tree is the folder tree; center holds the list, or the tree above
	// the list in treeSplit.
	tree      *folderTree
	center    *fyne.Container
	treeSplit *container.Split
}

func newPane(mw *mainWindow, side int) *pane {
	p := &pane{mw: mw, side: side, model: newPaneModel(), now: time.Now}
	p.model.sortCol, p.model.sortDesc = mw.prefs.sort(side)
	p.model.showHidden = mw.prefs.showHidden()
	p.title = newPaneTitle()
	p.pathBar = newPathEntry(mw)
	p.pathBar.OnSubmitted = func(s string) { p.navigate(strings.TrimSpace(s)) }
	p.pathBar.OnChanged = func(s string) {
		// Choosing from the history list sets the text to a known folder.
		if s != p.dir && slices.Contains(p.history, s) {
			p.navigate(s)
		}
	}
	p.filter = newFieldEntry(mw)
	p.filter.SetPlaceHolder(lang.L("Filter"))
	p.filter.OnChanged = func(s string) {
		p.model.filter = s
		p.model.rebuild()
		p.list.refreshRows()
		// Rows scrolled past may no longer exist: show the first matches.
		p.list.table.ScrollToTop()
		p.updateStatus()
	}
	p.hidden = newOutsideCheck(lang.L("Hidden files"), func(on bool) {
		if on == p.model.showHidden {
			return
		}
		p.model.showHidden = on
		p.mw.prefs.setShowHidden(on)
		p.tree.hiddenChanged(on)
		p.refresh() // a server lists dotfiles only when asked with LIST -a
	})
	p.hidden.Checked = p.model.showHidden
	p.list = newFileList(p)
	p.tree = newFolderTree(p)
	p.treeSplit = container.NewVSplit(p.tree, p.list)
	p.treeSplit.Offset = mw.prefs.split(sideKey(side, "treesplit"), 0.24)
	p.center = container.NewStack()
	p.showTree(mw.prefs.showTree(side))
	p.status = newPlainText("")
	p.status.Truncate = true
	p.warning = newPlainText("")
	p.warning.ColorName = theme.ColorNameWarning
	p.warning.Hide()
	p.busy = newBusyBar(mw.ctx, mw.doWhileOpen)
	p.busy.Stop()
	p.busy.Hide()
	p.accent = canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	p.accent.SetMinSize(fyne.NewSize(0, 3))
	p.dropMark = canvas.NewRectangle(color.Transparent)
	p.dropMark.StrokeColor = theme.Color(theme.ColorNamePrimary)
	p.dropMark.StrokeWidth = 3
	p.dropMark.Hide()

	up := newFlatButton("", theme.MoveUpIcon(), p.up)
	refresh := newFlatButton("", theme.ViewRefreshIcon(), p.refresh)
	local := newFlatButton("", theme.ComputerIcon(), func() { p.mw.showLocal(p) })
	// One row of tools above the list and one of status below it, so
	// that the list keeps its rows on a 768-pixel screen.
	// The path bar takes the room left; in a narrow window the filter
	// gives up some of its width first, so that a folder's path stays
	// readable down to the window's least width.
	pathItem := barItem{pref: 260, least: 110, flexible: true, grows: true}
	filterItem := barItem{pref: 130, least: 60, flexible: true}
	pathRow := container.New(&quickBarLayout{items: []barItem{{}, pathItem, filterItem, {}, {}, {}}},
		p.title, p.pathBar, p.filter, up, refresh, local)
	// The path row is in the window's theme, as tall as the quick-connect
	// bar's fields. (With half the inner padding under a theme override
	// it was 8 pixels shorter, but Fyne parsed the fonts again for the
	// override's text, 1.5 MiB held as long as the window is open.)
	top := container.New(layout.NewCustomPaddedVBoxLayout(0), p.accent, pathRow)
	// The status row's text and check are as tall as the list's rows;
	// they draw outside the dense theme, which would have Fyne parse the
	// fonts again for its text (see outsideOverrides).
	check := container.New(overflowY{trim: func() float32 { return theme.InnerPadding() * 3 / 4 }}, p.hidden)
	bottom := dense(mw.app, container.NewVBox(p.warning, container.NewBorder(nil, nil, nil, container.NewHBox(p.busy, check), p.status)))
	body := container.NewBorder(top, bottom, nil, nil, p.center)
	p.root = container.NewStack(body, p.dropMark)
	return p
}

// setSource shows a new source, closing the old one, and lists dir (or
// the source's home folder when dir is "").
func (p *pane) setSource(src paneSource, dir string) {
	if p.srcCancel != nil {
		p.srcCancel()
	}
	if old := p.src; old != nil {
		p.mw.goWork(p.mw.ctx, func(context.Context) { old.close() })
	}
	p.src = src
	p.srcCtx, p.srcCancel = context.WithCancel(p.mw.ctx)
	p.tree.sourceChanged()
	p.history = nil
	p.dir = ""
	if src.local() {
		p.title.SetText(lang.L("Local:"))
	} else {
		// The site's name, or the server's address: the user name,
		// often the same on both servers, left the two panes' titles
		// reading alike once cut ("ferrytest@1…"); it shows in the
		// status bar.
		p.title.SetText(p.mw.serverLabel(src.siteKey()))
	}
	p.model.setListing(nil, 0, false, false)
	p.list.refreshRows()
	// Nothing of the old source may show while the new one lists.
	p.pathBar.SetText("")
	p.warning.Hide()
	p.updateStatus()
	p.navigate(dir)
	p.mw.sourcesChanged()
}

// navigate lists dir on a goroutine and shows it when it arrives; a
// newer navigation makes an older result stale.
func (p *pane) navigate(dir string) { p.load(dir, false, "") }

// refresh lists the current folder again, keeping the selection.
func (p *pane) refresh() {
	if p.src != nil {
		p.load(p.dir, true, "")
	}
}

func (p *pane) load(dir string, keep bool, focusName string) {
	if p.src == nil {
		return
	}
	if p.listStop != nil {
		p.listStop()
	}
	p.gen++
	gen, src, hidden := p.gen, p.src, p.model.showHidden
	ctx, cancel := context.WithCancel(p.srcCtx)
	p.listStop = cancel
	p.setBusy(true)
	p.mw.goWork(ctx, func(ctx context.Context) {
		defer cancel()
		var err error
		if dir == "" {
			dir, err = src.home(ctx)
		}
		var l *listing.Result
		if err == nil {
			l, err = src.list(ctx, dir, hidden)
		}
		p.mw.do(func() {
			if gen != p.gen {
				return
			}
			p.setBusy(false)
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					p.mw.showError(lang.L("Cannot list the folder"), err)
				}
				p.pathBar.SetText(p.dir)
				return
			}
			p.show(dir, l, keep, focusName)
		})
	})
}

// show applies a listing that arrived.
func (p *pane) show(dir string, l *listing.Result, keep bool, focusName string) {
	p.mw.linkedMove(p, p.dir, dir)
	p.mw.trim.soon() // the listing's garbage, and the one it replaces
	changed := dir != p.dir
	p.dir = dir
	p.model.setListing(l.Entries, len(l.Unparsed), p.src.parent(dir) != dir, keep && !changed)
	if changed {
		p.remember(dir)
		if p.src.local() {
			p.mw.prefs.setLocalDir(p.side, dir)
		}
	}
	p.pathBar.SetText(dir)
	if n := len(l.Unparsed); n > 0 {
		p.warning.SetText(lang.X("pane.unparsed",
			"{{.N}} listing lines could not be read; see the message log", map[string]any{"N": n}))
		p.warning.Show()
		for _, u := range l.Unparsed {
			p.mw.log.add(ftpcore.TranscriptLine{Session: p.src.title(), Dir: ftpcore.DirError,
				Text: lang.L("Unreadable listing line:") + " " + u.Text})
		}
	} else {
		p.warning.Hide()
	}
	if focusName != "" {
		if r := p.model.rowOf(focusName); r >= 0 {
			// Going up selects the folder we came from.
			p.model.click(r, false, false)
		}
	}
	p.list.refreshRows()
	if changed {
		p.list.table.ScrollToTop()
	}
	p.list.showRow(p.model.cursor)
	p.tree.paneShowed(dir, l)
	p.updateStatus()
	if p.mw.compare.on {
		p.mw.recompare()
	}
}

func (p *pane) remember(dir string) {
	p.history = slices.DeleteFunc(p.history, func(s string) bool { return s == dir })
	p.history = append([]string{dir}, p.history...)
	if len(p.history) > maxPathHistory {
		p.history = p.history[:maxPathHistory]
	}
	p.pathBar.SetOptions(p.history)
}

func (p *pane) setBusy(on bool) {
	if on {
		p.busy.Show()
		p.busy.Start()
	} else {
		p.busy.Stop()
		p.busy.Hide()
	}
}

// up shows the parent folder, with the cursor on the folder we left.
func (p *pane) up() {
	if p.src == nil || p.dir == "" {
		return
	}
	parent := p.src.parent(p.dir)
	if parent == p.dir {
		return
	}
	name := p.dir[len(strings.TrimRight(parent, "/\\")):]
	p.load(parent, false, strings.Trim(name, "/\\"))
}

// activate opens a folder or ".."; on a file it transfers it to the
// other pane, as a double click does in FileZilla.
func (p *pane) activate(row int) {
	if row == 0 && p.model.hasParent {
		p.up()
		return
	}
	e := p.model.entryAt(row)
	if e == nil {
		return
	}
	switch {
	case e.IsDir():
		p.navigate(p.src.join(p.dir, e.Name))
	case e.Type == listing.TypeLink:
		p.followLink(*e)
	default:
		p.mw.transfer(p, []listing.Entry{*e})
	}
}

// followLink opens a link as a folder when it leads to one, else
// transfers it: a listing rarely says what a link points to.
func (p *pane) followLink(e listing.Entry) {
	target := p.src.join(p.dir, e.Name)
	src, gen := p.src, p.gen
	p.mw.goWork(p.srcCtx, func(ctx context.Context) {
		_, err := src.list(ctx, target, false)
		p.mw.do(func() {
			if gen != p.gen {
				return
			}
			if err == nil {
				p.navigate(target)
				return
			}
			p.mw.transfer(p, []listing.Entry{e})
		})
	})
}

func (p *pane) sortBy(col column) {
	p.model.sortBy(col)
	p.mw.prefs.setSort(p.side, p.model.sortCol, p.model.sortDesc)
	p.list.refreshRows()
	p.list.table.Refresh()
}

// selectionChanged redraws rows and the status line after a click.
func (p *pane) selectionChanged() {
	p.list.refreshRows()
	p.updateStatus()
}

// typeAheadGap is how soon after a letter typed into a list the next
// one must come to carry on the same name, as in file managers.
const typeAheadGap = time.Second

// jumpTo moves the cursor as letters typed into the list ask: letters
// typed in quick succession go to the first row from the cursor whose
// name starts with all of them ("li" to "link.txt" past "lf.txt"); one
// letter, or the same letter again, to the next row starting with it.
// A letter that makes a start no name has begins a new one.
func (p *pane) jumpTo(r rune) {
	now := p.now()
	if now.Sub(p.typedAt) > typeAheadGap {
		p.typed = ""
	}
	p.typedAt = now
	p.typed += strings.ToLower(string(r))
	if !sameRunes(p.typed) && p.jumpToPrefix(p.typed, 0) {
		return
	}
	p.typed = strings.ToLower(string(r))
	p.jumpToPrefix(p.typed, 1)
}

// jumpToPrefix selects the first row from the cursor plus skip, round
// the list, whose name starts with prefix (lower case), and reports
// whether there was one.
func (p *pane) jumpToPrefix(prefix string, skip int) bool {
	n := len(p.model.rows)
	for i := range n {
		row := ((p.model.cursor+skip+i)%n + n) % n
		if e := p.model.entryAt(row); e != nil && strings.HasPrefix(strings.ToLower(e.Name), prefix) {
			p.model.click(row, false, false)
			p.list.showRow(row)
			p.selectionChanged()
			return true
		}
	}
	return false
}

// sameRunes reports whether s is one letter, or the same letter repeated.
func sameRunes(s string) bool {
	first, _ := firstRune(s)
	for _, r := range s {
		if r != first {
			return false
		}
	}
	return true
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// moveCursor moves the keyboard cursor by delta rows, extending the
// selection with Shift.
func (p *pane) moveCursor(delta int, shift bool) {
	n := len(p.model.rows)
	if n == 0 {
		return
	}
	row := min(max(p.model.cursor+delta, 0), n-1)
	p.model.click(row, false, shift)
	p.list.showRow(row)
	p.selectionChanged()
}

// updateStatus writes "3 files and 2 folders. Total size: 1.2 MiB", or
// the same about the selection.
func (p *pane) updateStatus() {
	if p.src == nil {
		p.status.SetText("")
		return
	}
	if len(p.model.rows) == 0 && p.dir == "" {
		p.status.SetText(lang.L("Listing…"))
		return
	}
	s := p.model.summary()
	data := map[string]any{
		"Files": lang.XN("pane.files", "{{.Count}} files", s.files, map[string]any{"Count": s.files}),
		"Dirs":  lang.XN("pane.dirs", "{{.Count}} folders", s.dirs, map[string]any{"Count": s.dirs}),
		"Size":  humanSize(s.bytes),
	}
	text := lang.X("pane.summary", "{{.Files}} and {{.Dirs}}. Total size: {{.Size}}", data)
	if s.selected {
		text = lang.X("pane.selected", "Selected {{.Files}} and {{.Dirs}}. Total size: {{.Size}}", data)
	}
	if n := s.identicalHidden; n > 0 {
		// Rows that vanish unannounced look like files that are gone.
		text += " " + lang.XN("pane.identicalHidden", "({{.Count}} identical files hidden)", n, map[string]any{"Count": n})
	}
	p.status.SetText(text)
}

// setActive shows or hides the accent line of the active pane.
// The line keeps its place when inactive, so both panes stay aligned.
func (p *pane) setActive(on bool) {
	if on {
		p.accent.FillColor = theme.Color(theme.ColorNamePrimary)
	} else {
		p.accent.FillColor = color.Transparent
	}
	p.accent.Refresh()
}

// setDropTarget outlines the pane while a drag hovers over it.
func (p *pane) setDropTarget(on bool) {
	if on {
		p.dropMark.StrokeColor = theme.Color(theme.ColorNamePrimary)
		p.dropMark.Show()
	} else {
		p.dropMark.Hide()
	}
	p.dropMark.Refresh()
}

// contains reports whether an absolute canvas position is over the pane.
func (p *pane) contains(pos fyne.Position) bool {
	d := fyne.CurrentApp().Driver()
	o := d.AbsolutePositionForObject(p.root)
	s := p.root.Size()
	return pos.X >= o.X && pos.Y >= o.Y && pos.X < o.X+s.Width && pos.Y < o.Y+s.Height
}

// other returns the pane on the other side.
func (p *pane) other() *pane { return p.mw.panes[1-p.side] }

// refreshSoon asks for the folder to be listed again shortly, after a
// transfer finished in it; a burst of small files gives one listing.
func (p *pane) refreshSoon() { p.refreshDue = true }

// autoRefresh runs a due refresh, at most one a second.
func (p *pane) autoRefresh() {
	if p.refreshDue && time.Since(p.lastAuto) >= time.Second {
		p.refreshDue, p.lastAuto = false, time.Now()
		p.refresh()
	}
}
