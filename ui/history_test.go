package ui

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/profile"
)

// tapPopupItem opens a drop-down button's menu and chooses label.
func (h *harness) tapPopupItem(button fyne.Tappable, label string) {
	h.t.Helper()
	test.Tap(button)
	item := h.menuItem(label)
	if item == nil {
		h.t.Fatalf("the drop-down has no %q:\n%s", label, h.overlayText())
	}
	item.Tapped(&fyne.PointEvent{})
}

// TestQuickHistoryKeepsNoPassword connects through the quick-connect bar,
// once with the password in its field and once in an ftp:// URL: the
// drop-down beside Connect lists the server, history.json holds it and
// neither holds the password. A later run of the app fills the bar from
// the history and waits for the password rather than inventing one;
// within the same run, the entry connects again at once.
func TestQuickHistoryKeepsNoPassword(t *testing.T) {
	const secret = "s3cret"
	srv := newServer(t)
	cfgDir := t.TempDir()
	h := newHarnessWithConfig(t, t.TempDir(), cfgDir)
	h.connect(srv, "ferry", secret, 1)
	h.mw.disconnect(1)
	q := h.mw.quick
	q.host.SetText(fmt.Sprintf("ftp://ferry:%s@%s/pub", secret, srv.Addr()))
	q.user.SetText("")
	q.password.SetText("")
	q.protocol.SetSelectedIndex(3)
	test.Tap(q.connect)
	h.waitFor("the URL connection listed", func() bool { return h.mw.panes[1].dir == "/pub" && h.mw.panes[1].busy.Hidden })

	path := filepath.Join(cfgDir, profile.HistoryFileName)
	label := fmt.Sprintf("ferry@%s", srv.Addr())
	var data []byte
	h.waitFor("history.json written twice", func() bool {
		data, _ = os.ReadFile(path)
		return strings.Count(string(data), `"host"`) == 2
	})
	if strings.Contains(string(data), secret) || strings.Contains(strings.ToLower(string(data)), "password") {
		t.Fatalf("history.json keeps a password:\n%s", data)
	}
	for _, e := range h.mw.history.entries() {
		if strings.Contains(fmt.Sprintf("%#v", e), secret) {
			t.Errorf("history entry %#v holds the password", e)
		}
	}
	// Connected twice to the same server, once plain and once "if
	// available" from the URL: two entries, the latest first.
	items := h.mw.history.menu().Items
	if len(items) != 2 || items[0].Label != label || items[1].Label != label {
		t.Fatalf("drop-down lists %v, want %q twice", menuLabels(items), label)
	}

	// Same run: the password is in memory, so the entry connects.
	h.mw.disconnect(1)
	q.password.SetText("")
	h.tapPopupItem(h.mw.history.button, label)
	h.waitFor("reconnected from the history", func() bool {
		p := h.mw.panes[1]
		return p.src != nil && !p.src.local() && p.dir != "" && p.busy.Hidden
	})

	// A later run: the bar is filled, the password is left to the user.
	h2 := newHarnessWithConfig(t, t.TempDir(), cfgDir)
	h2.tapPopupItem(h2.mw.history.button, label)
	q2 := h2.mw.quick
	if q2.host.Text != srv.Host() || q2.user.Text != "ferry" || q2.port.Text != fmt.Sprint(srv.Port()) || q2.password.Text != "" {
		t.Errorf("bar filled as %q %q %q %q", q2.host.Text, q2.user.Text, q2.port.Text, q2.password.Text)
	}
	if h2.win.Canvas().Focused() != q2.password {
		t.Errorf("focus on %T, want the password field", h2.win.Canvas().Focused())
	}
	if p := h2.mw.panes[1]; p.src == nil || !p.src.local() {
		t.Error("the pane connected without a password")
	}
}

func menuLabels(items []*fyne.MenuItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

// TestSitesDropDownConnectsASavedSite saves two sites, one in a folder,
// and connects one from the arrow beside the Sites button; the site asks
// for its password each time, in a dialog that Enter confirms.
func TestSitesDropDownConnectsASavedSite(t *testing.T) {
	srv := newServer(t)
	cfgDir := t.TempDir()
	store, err := profile.OpenSiteStore(cfgDir)
	if err != nil {
		t.Fatal(err)
	}
	site, err := store.Add(profile.Site{Name: "Test server", Folder: []string{"Work"}, Host: srv.Host(), Port: srv.Port(),
		Protocol: ftpcore.TLSNone, User: "ferry", Logon: profile.LogonAsk, RemoteDir: "/pub"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Add(profile.Site{Name: "Other", Host: "other.invalid", Logon: profile.LogonAnonymous}); err != nil {
		t.Fatal(err)
	}
	if err := store.Save(); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWithConfig(t, t.TempDir(), cfgDir)
	m := newSitesMenu(h.mw)
	items := m.menu().Items
	if got := menuLabels(items); len(got) != 2 || got[0] != "Other" || got[1] != "Work" {
		t.Fatalf("drop-down lists %v, want the site Other then the folder Work", got)
	}
	if sub := items[1].ChildMenu; sub == nil || len(sub.Items) != 1 || sub.Items[0].Label != "Test server" {
		t.Fatalf("folder Work holds %v", sub)
	}
	h.mw.quick.side.SetSelectedIndex(0)
	items[1].ChildMenu.Items[0].Action()
	h.waitFor("the password dialog", func() bool { return len(h.overlayEntries()) == 1 })
	entry := h.overlayEntries()[0]
	test.Type(entry, "s3cret")
	h.typeKey(fyne.KeyReturn)
	p := h.mw.panes[0]
	h.waitFor("the site listed in the left pane", func() bool {
		return p.src != nil && !p.src.local() && p.dir == "/pub" && p.busy.Hidden
	})
	if p.src.siteKey() != site.ID {
		t.Errorf("pane shows %q, want the site %q", p.src.siteKey(), site.ID)
	}
}

// TestReconnect disconnects a pane and opens Server ▸ Reconnect: the same
// server comes back in the folder the pane showed.
func TestReconnect(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, t.TempDir())
	reconnect := h.menuAction("Server", "Reconnect")
	h.mw.setActive(h.mw.panes[1])
	reconnect.Action() // nothing to reconnect yet: said in the log
	h.waitFor("the log says why", func() bool {
		return strings.Contains(h.mw.log.text(), "has not been connected to a server yet")
	})
	p := h.connect(srv, "ferry", "s3cret", 1)
	p.navigate("/pub/deep")
	h.waitFor("in /pub/deep", func() bool { return p.dir == "/pub/deep" && p.busy.Hidden })
	h.mw.disconnect(1)
	if !p.src.local() {
		t.Fatal("still connected")
	}
	h.mw.setActive(p)
	reconnect.Action()
	h.waitFor("reconnected", func() bool { return p.src != nil && !p.src.local() && p.dir != "" && p.busy.Hidden })
	if p.dir != "/pub/deep" {
		t.Errorf("reconnected in %q", p.dir)
	}
	// While connected, Reconnect opens a fresh session in the same folder.
	p.navigate("/incoming")
	h.waitFor("in /incoming", func() bool { return p.dir == "/incoming" && p.busy.Hidden })
	reconnect.Action()
	h.waitFor("reconnected in /incoming", func() bool { return p.dir == "/incoming" && p.busy.Hidden && !p.src.local() })
}

// TestQuickHistoryRecordsLoginsOnly connects with a wrong password and to
// a port where nothing listens: neither enters the drop-down. Then eleven
// servers log in one after the other: the history keeps the last ten,
// most recent first; connecting again to one of them moves it to the top
// without a second entry.
func TestQuickHistoryRecordsLoginsOnly(t *testing.T) {
	cfgDir := t.TempDir()
	h := newHarnessWithConfig(t, t.TempDir(), cfgDir)
	srvs := make([]*ftptest.Server, 11)
	for i := range srvs {
		srvs[i] = ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"))
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := l.Addr().(*net.TCPAddr).Port
	l.Close()

	q := h.mw.quick
	for _, c := range []struct{ port, user, pass string }{
		{strconv.Itoa(srvs[0].Port()), "typo", "wrong"},
		{strconv.Itoa(closedPort), "ferry", "s3cret"},
	} {
		q.host.SetText("127.0.0.1")
		q.port.SetText(c.port)
		q.user.SetText(c.user)
		q.password.SetText(c.pass)
		q.protocol.SetSelectedIndex(3)
		q.side.SetSelectedIndex(1)
		test.Tap(q.connect)
		h.waitFor("the connection refused", func() bool { return strings.Contains(h.overlayText(), "Cannot connect") })
		h.typeKey(fyne.KeyEscape)
	}

	label := func(s *ftptest.Server) string { return fmt.Sprintf("ferry@%s", s.Addr()) }
	first := func() string {
		if e := h.mw.history.entries(); len(e) > 0 {
			return e[0].String()
		}
		return ""
	}
	for i, s := range srvs {
		h.connect(s, "ferry", "s3cret", 1)
		h.waitFor("the login recorded", func() bool { return first() == label(s) })
		if got := menuLabels(h.mw.history.menu().Items); i == 0 && !slices.Equal(got, []string{label(s)}) {
			t.Fatalf("after two failed attempts and one login, the drop-down lists %q", got)
		}
	}
	var want []string
	for i := len(srvs) - 1; i >= 1; i-- {
		want = append(want, label(srvs[i]))
	}
	if got := menuLabels(h.mw.history.menu().Items); !slices.Equal(got, want) {
		t.Fatalf("drop-down lists\n%q\nwant\n%q", got, want)
	}

	h.connect(srvs[5], "ferry", "s3cret", 0)
	h.waitFor("the repeated login on top", func() bool { return first() == label(srvs[5]) })
	want = append([]string{label(srvs[5])}, slices.DeleteFunc(want, func(s string) bool { return s == label(srvs[5]) })...)
	if got := menuLabels(h.mw.history.menu().Items); !slices.Equal(got, want) {
		t.Fatalf("after connecting again, drop-down lists\n%q\nwant\n%q", got, want)
	}

	// A later run reads the same list back, without the failed attempts
	// and without a password.
	data, err := os.ReadFile(filepath.Join(cfgDir, profile.HistoryFileName))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(data); strings.Contains(s, "s3cret") || strings.Contains(s, "typo") || strings.Contains(s, strconv.Itoa(closedPort)) {
		t.Fatalf("history.json keeps a password or a failed attempt:\n%s", data)
	}
	h2 := newHarnessWithConfig(t, t.TempDir(), cfgDir)
	if got := menuLabels(h2.mw.history.menu().Items); !slices.Equal(got, want) {
		t.Errorf("the next run lists\n%q\nwant\n%q", got, want)
	}
}
