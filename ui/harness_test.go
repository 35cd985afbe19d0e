package ui

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/profile"
)

// harness runs a main window on the test driver. Work that the app hands
// to the UI goroutine (mw.do) is queued and run by pump on the test's
// goroutine, so the test is the UI goroutine and never races with it.
type harness struct {
	t   testing.TB
	app fyne.App
	win fyne.Window
	mw  *mainWindow

	mu    sync.Mutex
	tasks []func()
	wake  chan struct{}
}

func newHarness(t testing.TB, localDir string) *harness {
	t.Helper()
	return newHarnessWithConfig(t, localDir, t.TempDir())
}

// newHarnessWithConfig is newHarness with a config folder of the test's
// choosing, for tests that prepare sites.json, settings or a saved queue
// before the window opens, as a later start of the app finds them.
func newHarnessWithConfig(t testing.TB, localDir, cfgDir string) *harness {
	t.Helper()
	return newHarnessOnScreen(t, localDir, cfgDir, fyne.Size{})
}

// newHarnessOnScreen is newHarnessWithConfig on a screen of the given
// size: the window keeps the size it chose for it. A zero screen gives
// the window the 1280×800 most tests are written for.
func newHarnessOnScreen(t testing.TB, localDir, cfgDir string, screen fyne.Size) *harness {
	t.Helper()
	return newHarnessWithOptions(t, windowOptions{ConfigDir: cfgDir, LocalDir: localDir, Screen: screen})
}

// newHarnessWithSecrets is newHarnessOnScreen with a password store of
// the test's choosing, for tests of the master password.
func newHarnessWithSecrets(t testing.TB, localDir, cfgDir string, screen fyne.Size, secrets profile.SecretStore) *harness {
	t.Helper()
	return newHarnessWithOptions(t, windowOptions{ConfigDir: cfgDir, LocalDir: localDir, Screen: screen, Secrets: secrets})
}

// newHarnessWithOptions is newHarnessOnScreen with the window's options
// given whole; the harness fills in Do, TempDir and, when the options
// have none, Secrets.
func newHarnessWithOptions(t testing.TB, opt windowOptions) *harness {
	t.Helper()
	h := &harness{t: t, wake: make(chan struct{}, 1)}
	h.app = test.NewTempApp(t)
	h.win = h.app.NewWindow("Ferry")
	opt.Do = h.do
	if opt.Secrets == nil {
		opt.Secrets = profile.NewEncryptedSecrets(opt.ConfigDir, nil)
	}
	opt.TempDir = t.TempDir()
	screen := opt.Screen
	h.mw = newMainWindow(h.app, h.win, opt)
	if screen.IsZero() {
		h.win.Resize(fyne.NewSize(1280, 800))
	}
	t.Cleanup(func() {
		h.mw.shutdown()
		h.runTasks()
	})
	h.waitFor("local panes listed", func() bool {
		return h.mw.panes[0].dir != "" && h.mw.panes[1].dir != ""
	})
	return h
}

func (h *harness) do(f func()) {
	h.mu.Lock()
	h.tasks = append(h.tasks, f)
	h.mu.Unlock()
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

// waitClosed waits for ch to be closed (a minute at most, as waitFor),
// without running the UI goroutine's calls.
func (h *harness) waitClosed(what string, ch <-chan struct{}) {
	h.t.Helper()
	select {
	case <-ch:
	case <-time.After(time.Minute):
		h.t.Fatalf("timed out waiting for %s to end", what)
	}
}

// queued is how many calls wait for the UI goroutine.
func (h *harness) queued() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.tasks)
}

func (h *harness) runTasks() {
	for {
		h.mu.Lock()
		tasks := h.tasks
		h.tasks = nil
		h.mu.Unlock()
		if len(tasks) == 0 {
			return
		}
		for _, f := range tasks {
			f()
		}
	}
}

// waitFor runs UI work until cond holds, failing the test after a minute:
// the bound only ends a test that would hang. It is that long because a
// loaded 2-core machine under -race took over 10 s for steps that take
// a fraction of one alone (the master password's scrypt, twice).
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		h.runTasks()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		select {
		case <-h.wake:
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// connect connects a pane to srv through the quick-connect bar.
func (h *harness) connect(srv *ftptest.Server, user, pass string, side int) *pane {
	h.t.Helper()
	q := h.mw.quick
	q.host.SetText(srv.Host())
	q.port.SetText(strconv.Itoa(srv.Port()))
	q.user.SetText(user)
	q.password.SetText(pass)
	q.protocol.SetSelectedIndex(3) // plain FTP: the test server has no TLS
	q.side.SetSelectedIndex(side)
	test.Tap(q.connect)
	p := h.mw.panes[side]
	h.waitFor("connected pane listed", func() bool {
		return p.src != nil && !p.src.local() && p.dir != "" && p.busy.Hidden
	})
	return p
}

// names returns a pane's visible names in order, ".." included.
func names(p *pane) []string {
	var out []string
	for r := range p.model.rows {
		if e := p.model.entryAt(r); e != nil {
			out = append(out, e.Name)
		} else {
			out = append(out, "..")
		}
	}
	return out
}

// walk visits o and everything its renderers and containers hold.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walk(c, visit)
		}
	}
}

// cellAt finds the rendered cell of a pane's row and column.
func (h *harness) cellAt(p *pane, row int, col column) *fileCell {
	h.t.Helper()
	var found *fileCell
	walk(p.list, func(o fyne.CanvasObject) {
		if c, ok := o.(*fileCell); ok && c.row == row && c.col == col && c.Visible() {
			found = c
		}
	})
	if found == nil {
		h.t.Fatalf("no cell for row %d col %d", row, col)
	}
	return found
}

// header finds a pane's column header.
func (h *harness) header(p *pane, col column) *headerCell {
	h.t.Helper()
	var found *headerCell
	walk(p.list, func(o fyne.CanvasObject) {
		if c, ok := o.(*headerCell); ok && c.col == col {
			found = c
		}
	})
	if found == nil {
		h.t.Fatalf("no header for column %d", col)
	}
	return found
}

// button finds a button with the given text in the window's overlays
// (dialogs, pop-ups).
func (h *harness) overlayButton(text string) *widget.Button {
	h.t.Helper()
	var found *widget.Button
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
				found = b
			}
			if b, ok := o.(*dialogButton); ok && b.Text == text && b.Visible() {
				found = &b.Button
			}
		})
	}
	return found
}
