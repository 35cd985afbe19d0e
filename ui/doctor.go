package ui

import (
	"context"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/doctor"
)

// doctorCard shows the diagnosis of one server (Server ▸ Diagnose). It
// opens on a choice, the write test (off by default, in a folder the user
// names), and Start; then one coloured row per finding is added as the
// probes report, with Copy as text and Cancel. The probes run on a
// goroutine of their own; each line they find is recorded under mu and
// drawn through mw.doWhileOpen (nothing is drawn once the window ended).
type doctorCard struct {
	mw     *mainWindow
	ctx    context.Context
	cancel context.CancelFunc
	opt    doctor.Options // UI goroutine only; the run gets a copy

	mu     sync.Mutex
	report *doctor.Report // set when the run ends

	rows      *fyne.Container // UI goroutine only
	scroll    *container.Scroll
	progress  *busyBar
	status    *widget.Label
	maskHosts *dialogCheck
	copyBtn   *dialogButton
	cancelBtn *dialogButton
	dlg       dialog.Dialog
	done      bool // UI goroutine only
	started   bool // UI goroutine only

	// Before the run: the write test and Start.
	writeTest *dialogCheck
	writeDir  *dialogEntry
	startBtn  *dialogButton
	setup     *fyne.Container
}

// diagnoseMenuItem is Server ▸ Diagnose.
func (mw *mainWindow) diagnoseMenuItem() *fyne.MenuItem {
	return fyne.NewMenuItem(lang.L("Diagnose…"), func() { mw.diagnose() })
}

// diagnose runs the connection doctor on the active pane's server, or on
// the other pane's when the active one shows the local disk. The other
// pane's server, when there is one, is the FXP peer. It returns the card,
// or nil when neither pane shows a server.
func (mw *mainWindow) diagnose() *doctorCard {
	target, peer := mw.active, mw.panes[1-mw.active.side]
	if target.src == nil || target.src.local() {
		target, peer = peer, target
	}
	opt := doctor.Options{MaxConnections: mw.currentSettings().ConcurrentTransfers}
	if rs, ok := target.src.(*remoteSource); ok {
		opt.Config, opt.Target = rs.cfg, rs.title()
		if site, err := mw.lookupSite(rs.key); err == nil {
			opt.MaxConnections = mw.currentSettings().SiteConnections(site)
		}
	} else if t, err := mw.quick.target(); err == nil {
		// No pane shows a server, perhaps because connecting failed: the
		// server typed in the quick-connect bar is the one to examine.
		opt.Config = t.config(mw.currentSettings())
		mw.hook(&opt.Config)
		opt.Target = t.user + "@" + opt.Config.Addr
	} else {
		mw.modals.showMessage(mw.win, lang.L("Diagnose"), lang.L("Connect a pane to a server, or type one in the quick-connect bar, first: the diagnosis checks that server."), theme.InfoIcon())
		return nil
	}
	if pr, ok := peer.src.(*remoteSource); ok {
		pc := pr.cfg
		opt.Peer = &pc
	}
	dir := "/"
	if _, ok := target.src.(*remoteSource); ok && target.dir != "" {
		dir = target.dir
	}
	return mw.showDoctor(opt, dir)
}

// showDoctor opens the card for the run described by opt, with the write
// test offered in dir; Start runs it.
func (mw *mainWindow) showDoctor(opt doctor.Options, dir string) *doctorCard {
	ctx, cancel := context.WithCancel(mw.ctx)
	c := &doctorCard{mw: mw, ctx: ctx, cancel: cancel, opt: opt}
	c.rows = container.NewVBox()
	c.scroll = container.NewVScroll(c.rows)
	c.progress = newBusyBar(ctx, mw.doWhileOpen)
	c.progress.Stop()
	c.progress.Hide()
	c.status = widget.NewLabel(lang.L("The diagnosis only reads, unless you allow the write test. Press Start."))
	c.status.Wrapping = fyne.TextWrapWord
	c.maskHosts = newDialogCheck(lang.L("Hide host names and addresses when copying"), nil)
	c.copyBtn = newDialogButton(lang.L("Copy as text"), theme.ContentCopyIcon(), widget.MediumImportance, c.copyText)
	c.copyBtn.Disable()
	c.cancelBtn = newDialogButton(lang.L("Cancel"), nil, widget.MediumImportance, c.cancelOrClose)
	c.writeDir = newDialogEntry()
	c.writeDir.SetText(dir)
	c.writeDir.Disable()
	c.writeTest = newDialogCheck(lang.L("Write test: upload a small file into this folder, read it back and delete it (measures the server's clock)"), func(on bool) {
		if on {
			c.writeDir.Enable()
		} else {
			c.writeDir.Disable()
		}
	})
	c.startBtn = newDialogButton(lang.L("Start"), theme.MediaPlayIcon(), widget.HighImportance, c.start)
	c.setup = container.NewVBox(c.writeTest,
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Folder on the server:")), c.startBtn, c.writeDir))
	bottom := container.NewVBox(c.progress, c.status,
		container.NewHBox(c.maskHosts, layout.NewSpacer(), c.copyBtn, c.cancelBtn))
	content := container.NewBorder(c.setup, bottom, nil, nil, c.scroll)
	c.dlg = dialog.NewCustomWithoutButtons(lang.X("doctor.card.title", "Diagnosis of {{.Target}}", map[string]any{"Target": opt.Target}), content, mw.win)
	c.dlg.Resize(fyne.NewSize(min(940, mw.win.Canvas().Size().Width-40), min(640, mw.win.Canvas().Size().Height-40)))
	// Enter starts the diagnosis (once); Escape closes the card, which
	// stops a diagnosis still running. Both work from the tick boxes and
	// the folder too, which keep the focus a click gives them.
	m := mw.modals.show(mw.win, c.dlg, c.start, c.writeTest, c.writeDir, c.maskHosts, c.startBtn, c.copyBtn, c.cancelBtn)
	c.dlg.SetOnClosed(func() {
		mw.modals.closed(m)
		cancel()
	})
	return c
}

// start runs the diagnosis with the choices made on the card: the write
// test's folder reaches the engine as Options.WriteDir.
func (c *doctorCard) start() {
	if c.started {
		return
	}
	mw, opt := c.mw, c.opt
	if c.writeTest.Checked {
		dir := strings.TrimSpace(c.writeDir.Text)
		if dir == "" {
			c.status.SetText(lang.L("Name a folder on the server for the write test, or untick it."))
			return
		}
		opt.WriteDir = dir
	}
	c.setup.Hide()
	c.progress.Show()
	c.progress.Start()
	c.status.SetText(lang.X("doctor.card.running", "Diagnosing {{.Target}}…", map[string]any{"Target": opt.Target}))
	c.started = true

	opt.Config.Transcript = nil // the card shows the evidence; the log stays the panes'
	opt.OnLine = func(l doctor.Line) {
		mw.doWhileOpen(func() { c.addRow(l) })
	}
	mw.goWork(c.ctx, func(ctx context.Context) {
		rep := doctor.Run(ctx, opt)
		c.mu.Lock()
		c.report = rep
		c.mu.Unlock()
		mw.doWhileOpen(func() { c.finished(rep) })
	})
}

// addRow draws one finding at the bottom of the card.
func (c *doctorCard) addRow(l doctor.Line) {
	c.rows.Add(newDoctorRow(l))
	c.scroll.ScrollToBottom()
}

// finished shows the summary once the run ended.
func (c *doctorCard) finished(rep *doctor.Report) {
	c.done = true
	c.progress.Stop()
	c.progress.Hide()
	args := map[string]any{"Red": rep.Count(doctor.Red), "Amber": rep.Count(doctor.Amber), "Green": rep.Count(doctor.Green)}
	if rep.Cancelled {
		c.status.SetText(lang.X("doctor.card.cancelled", "Cancelled. {{.Red}} red, {{.Amber}} amber, {{.Green}} green so far.", args))
	} else {
		c.status.SetText(lang.X("doctor.card.done", "Done: {{.Red}} red, {{.Amber}} amber, {{.Green}} green.", args))
	}
	c.copyBtn.Enable()
	c.cancelBtn.SetText(lang.L("Close"))
}

func (c *doctorCard) cancelOrClose() {
	if c.done || !c.started {
		c.dlg.Hide()
		return
	}
	c.cancel()
}

// copyText puts the report, in the window's language, on the clipboard.
func (c *doctorCard) copyText() {
	if t, ok := c.text(); ok {
		c.mw.app.Clipboard().SetContent(t)
	}
}

// text renders the finished report as Copy puts it on the clipboard.
func (c *doctorCard) text() (string, bool) {
	c.mu.Lock()
	rep := c.report
	c.mu.Unlock()
	if rep == nil {
		return "", false
	}
	return rep.Text(doctor.TextOptions{MaskHosts: c.maskHosts.Checked, Translate: translateDoctor}), true
}

// translateDoctor renders an engine message through the translation
// files (doctor.*.json), the English template being the fallback.
func translateDoctor(m doctor.Message) string {
	if m.Template == "" {
		return ""
	}
	return lang.X(m.Key, m.Template, m.Args)
}

// statusColor is the theme colour of a status.
func statusColor(s doctor.Status) fyne.ThemeColorName {
	switch s {
	case doctor.Green:
		return theme.ColorNameSuccess
	case doctor.Amber:
		return theme.ColorNameWarning
	case doctor.Red:
		return theme.ColorNameError
	}
	return theme.ColorNameDisabled
}

// newDoctorRow builds the row of one finding: a coloured mark and the
// status word, the title and what was found, the fix and its side, and
// the evidence folded away.
func newDoctorRow(l doctor.Line) fyne.CanvasObject {
	tr := func(m doctor.Message) string { return m.Render(translateDoctor) }
	mark := canvas.NewRectangle(theme.Color(statusColor(l.Status)))
	mark.SetMinSize(fyne.NewSize(6, 6))
	mark.CornerRadius = 3
	word := canvas.NewText(tr(l.Status.Name()), theme.Color(statusColor(l.Status)))
	word.TextStyle = fyne.TextStyle{Bold: true}
	title := widget.NewLabelWithStyle(tr(l.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	parts := []fyne.CanvasObject{container.NewHBox(word, title)}
	if l.Detail.Template != "" {
		d := widget.NewLabel(tr(l.Detail))
		d.Wrapping = fyne.TextWrapWord
		parts = append(parts, d)
	}
	if l.Status != doctor.Green && l.Advice.Template != "" {
		a := widget.NewLabelWithStyle(lang.X("doctor.card.fix", "To change ({{.Side}}): {{.Advice}}",
			map[string]any{"Side": tr(l.Side.Name()), "Advice": tr(l.Advice)}), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		a.Wrapping = fyne.TextWrapWord
		parts = append(parts, a)
	}
	if len(l.Evidence) > 0 {
		ev := widget.NewLabelWithStyle(strings.Join(l.Evidence, "\n"), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		ev.Truncation = fyne.TextTruncateEllipsis
		acc := widget.NewAccordion(widget.NewAccordionItem(
			lang.X("doctor.card.evidence", "Evidence ({{.N}} lines)", map[string]any{"N": len(l.Evidence)}), ev))
		parts = append(parts, acc)
	}
	return container.NewBorder(nil, widget.NewSeparator(), mark, nil, container.NewVBox(parts...))
}
