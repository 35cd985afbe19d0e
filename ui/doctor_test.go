package ui

import (
	"image/color"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/doctor"
	"ferry/ftpcore/ftptest"
)

// marks returns the colours of the card's row marks, in order.
func (c *doctorCard) marks() []color.Color {
	var out []color.Color
	for _, row := range c.rows.Objects {
		for _, o := range row.(*fyne.Container).Objects {
			if r, ok := o.(*canvas.Rectangle); ok {
				out = append(out, r.FillColor)
			}
		}
	}
	return out
}

func TestDiagnoseShowsTheCard(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithUser("alice", "pw-doctor-1"))
	if err := srv.FS().WriteFile("/a.txt", []byte("a"), time.Now()); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, t.TempDir())
	h.connect(srv, "alice", "pw-doctor-1", 0)
	h.mw.active = h.mw.panes[0]
	c := h.mw.diagnose()
	if c == nil {
		t.Fatal("no card")
	}
	test.Tap(c.startBtn)
	h.waitFor("diagnosis finished", func() bool { return c.done })
	rep := c.report
	if _, ok := rep.Find("write"); ok || c.writeTest.Checked {
		t.Error("the write test ran without being asked for")
	}
	if len(c.rows.Objects) != len(rep.Lines) || len(rep.Lines) < 12 {
		t.Fatalf("%d rows for %d lines", len(c.rows.Objects), len(rep.Lines))
	}
	marks := c.marks()
	for i, l := range rep.Lines {
		if want := theme.Color(statusColor(l.Status)); marks[i] != want {
			t.Errorf("row %d (%s, %s): colour %v, want %v", i, l.Probe, l.Status, marks[i], want)
		}
	}
	if rep.Worst() != doctor.Amber { // plain FTP: the TLS line is amber
		t.Errorf("worst %s", rep.Worst())
	}
	if c.cancelBtn.Text != "Close" || c.copyBtn.Disabled() {
		t.Errorf("after the run: %q, copy disabled %v", c.cancelBtn.Text, c.copyBtn.Disabled())
	}

	test.Tap(c.copyBtn)
	text := h.app.Clipboard().Content()
	if !strings.Contains(text, "PASS ****") || strings.Contains(text, "pw-doctor-1") || !strings.Contains(text, srv.Host()) {
		t.Errorf("copied text:\n%s", text)
	}
	c.maskHosts.SetChecked(true)
	test.Tap(c.copyBtn)
	if masked := h.app.Clipboard().Content(); strings.Contains(masked, srv.Host()) || !strings.Contains(masked, "<server>") {
		t.Errorf("masked text still names the server:\n%s", masked)
	}
	test.Tap(c.cancelBtn) // now "Close"
	if len(h.win.Canvas().Overlays().List()) != 0 {
		t.Error("Close left the card open")
	}
}

// stalledDiagnosis starts a diagnosis of a server that ignores its data
// connections, and returns once one was ignored: the diagnosis is then
// running, held by the server's event, not a timer.
func stalledDiagnosis(t *testing.T) (*harness, *doctorCard) {
	t.Helper()
	var armed, ignored atomic.Bool
	srv := ftptest.NewServer(t, ftptest.WithUser("alice", "pw"), ftptest.WithFilteredData(func(bool) bool {
		if armed.Load() {
			ignored.Store(true)
		}
		return armed.Load()
	}))
	h := newHarness(t, t.TempDir())
	h.connect(srv, "alice", "pw", 1)
	armed.Store(true)
	h.mw.active = h.mw.panes[0] // the local pane: the card takes the other one
	c := h.mw.diagnose()
	if c == nil {
		t.Fatal("no card")
	}
	test.Tap(c.startBtn)
	h.waitFor("a data connection ignored", ignored.Load)
	return h, c
}

// TestDiagnoseCancel taps Cancel while the server ignores a data
// connection.
func TestDiagnoseCancel(t *testing.T) {
	h, c := stalledDiagnosis(t)
	test.Tap(c.cancelBtn)
	h.waitFor("diagnosis stopped", func() bool { return c.done })
	if !c.report.Cancelled || !strings.HasPrefix(c.status.Text, "Cancelled") {
		t.Errorf("cancelled %v, status %q", c.report.Cancelled, c.status.Text)
	}
	if _, ok := c.report.Find("listing"); ok {
		t.Error("the run went on after Cancel")
	}
}

// TestDiagnoseFromTheQuickConnectBar examines the server typed in the bar
// when no pane shows one: here a login the server refuses, so that no
// pane could connect.
func TestDiagnoseFromTheQuickConnectBar(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithUser("alice", "pw"))
	h := newHarness(t, t.TempDir())
	q := h.mw.quick
	q.host.SetText(srv.Addr())
	q.user.SetText("alice")
	q.password.SetText("not-the-password")
	q.protocol.SetSelectedIndex(3) // plain FTP
	c := h.mw.diagnose()
	if c == nil {
		t.Fatal("no card")
	}
	test.Tap(c.startBtn)
	h.waitFor("diagnosis finished", func() bool { return c.done })
	if l, ok := c.report.Find("login"); !ok || l.Status != doctor.Red {
		t.Errorf("login line: %+v", l)
	}
	if !strings.HasPrefix(c.status.Text, "Done: 1 red") {
		t.Errorf("status %q", c.status.Text)
	}
}

func TestDiagnoseWithoutAServer(t *testing.T) {
	h := newHarness(t, t.TempDir())
	if c := h.mw.diagnose(); c != nil {
		t.Fatal("a card without a server")
	}
	found := false
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Connect a pane to a server, or type one") {
				found = true
			}
		})
	}
	if !found {
		t.Error("no message says why")
	}
	if h.mw.modals.top(h.win) == nil {
		t.Fatal("the message does not own the keyboard")
	}
	h.mw.modals.key(h.win, &fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.mw.modals.top(h.win) != nil || h.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape did not close the message")
	}
}

// TestDiagnoseCardKeys checks that the card owns the keyboard: Enter
// starts the diagnosis, Escape closes the card and stops the run.
func TestDiagnoseCardKeys(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithUser("alice", "pw"))
	h := newHarness(t, t.TempDir())
	h.connect(srv, "alice", "pw", 1)
	h.mw.active = h.mw.panes[0]
	c := h.mw.diagnose()
	if c == nil {
		t.Fatal("no card")
	}
	h.mw.modals.key(h.win, &fyne.KeyEvent{Name: fyne.KeyReturn})
	if !c.started {
		t.Fatal("Enter did not start the diagnosis")
	}
	h.mw.modals.key(h.win, &fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.mw.modals.top(h.win) != nil {
		t.Fatal("Escape left the card open")
	}
	select {
	case <-c.ctx.Done():
	default:
		t.Fatal("closing the card did not stop the diagnosis")
	}
	h.waitFor("the stopped run ends", func() bool { return c.done })
}

// TestDiagnoseWriteTest ticks the write test and names a folder on the
// card: the engine uploads there, measures the clock and deletes the file.
func TestDiagnoseWriteTest(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithUser("alice", "pw"))
	for _, d := range []string{"/in", "/other"} {
		if err := srv.FS().Mkdir(d); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, t.TempDir())
	h.connect(srv, "alice", "pw", 0)
	h.mw.active = h.mw.panes[0]
	c := h.mw.diagnose()
	if c == nil {
		t.Fatal("no card")
	}
	if c.writeTest.Checked || !c.writeDir.Disabled() {
		t.Fatalf("write test on by default (checked %v, folder enabled %v)", c.writeTest.Checked, !c.writeDir.Disabled())
	}
	test.Tap(c.writeTest)
	if c.writeDir.Disabled() {
		t.Fatal("ticking the write test leaves the folder disabled")
	}
	c.writeDir.SetText("")
	test.Type(c.writeDir, "/in")
	test.Tap(c.startBtn)
	h.waitFor("diagnosis finished", func() bool { return c.done })
	l, ok := c.report.Find("write")
	if !ok || l.Status != doctor.Green {
		t.Fatalf("write line %+v", l)
	}
	if sk, ok := c.report.Find("clock.skew"); !ok || sk.Status != doctor.Green {
		t.Errorf("clock line %+v", sk)
	}
	stored := ""
	for _, cmd := range srv.Commands() {
		if strings.HasPrefix(cmd, "STOR ") {
			stored = cmd
		}
	}
	if !strings.HasPrefix(stored, "STOR /in/.ferry-doctor-") {
		t.Errorf("uploaded with %q, want into /in", stored)
	}
	if left, _ := srv.FS().ReadDir("/in"); len(left) != 0 {
		t.Errorf("%d file(s) left in /in", len(left))
	}
}

// TestQuickConnectErrorOwnsKeys checks that the quick-connect bar's
// complaint about a bad port owns the keyboard and that Enter closes it.
func TestQuickConnectErrorOwnsKeys(t *testing.T) {
	h := newHarness(t, t.TempDir())
	q := h.mw.quick
	q.host.SetText("127.0.0.1")
	q.port.SetText("70000")
	q.submit()
	if h.mw.modals.top(h.win) == nil {
		t.Fatal("the bad port is not put in a dialog that owns the keyboard")
	}
	if !strings.Contains(textIn(h.win.Canvas().Overlays().Top()), "65535") {
		t.Fatalf("the dialog does not say what is wrong: %q", textIn(h.win.Canvas().Overlays().Top()))
	}
	h.mw.modals.key(h.win, &fyne.KeyEvent{Name: fyne.KeyReturn})
	if h.mw.modals.top(h.win) != nil || h.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter did not close the message")
	}
}

// TestMessagesReadable checks that a message dialog shows a short message
// on one line (a wrapping label in a dialog of no set width was drawn a
// letter a line) and wraps a long one.
func TestMessagesReadable(t *testing.T) {
	h := newHarness(t, t.TempDir())
	line := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height
	for _, msg := range []string{
		"The port must be a number from 1 to 65535",
		strings.Repeat("A long explanation of what went wrong and what to do next. ", 6),
	} {
		h.mw.modals.showMessage(h.win, "Error", msg, theme.ErrorIcon())
		var label *widget.Label
		walk(h.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Text == msg {
				label = l
			}
		})
		if label == nil {
			t.Fatalf("no label shows %q", msg)
		}
		lines := label.Size().Height / line
		width := fyne.MeasureText(msg, theme.TextSize(), fyne.TextStyle{}).Width
		if width < 480 && lines >= 2 {
			t.Errorf("a short message takes %.1f lines (label %v)", lines, label.Size())
		}
		if width >= 480 && (lines < 2 || lines > 8 || label.Size().Width < 400) {
			t.Errorf("a long message: %.1f lines in a label of %v", lines, label.Size())
		}
		h.mw.modals.key(h.win, &fyne.KeyEvent{Name: fyne.KeyEscape})
	}
}
