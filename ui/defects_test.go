package ui

import (
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore"
)

// TestURLPasswordLeavesHostField: a password typed as part of a URL in
// the host field goes to the (hidden) password field on connecting.
func TestURLPasswordLeavesHostField(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	q := h.mw.quick
	q.host.SetText("ftp://ferry:s3cret@127.0.0.1:" + strconv.Itoa(srv.Port()) + "/pub")
	q.side.SetSelectedIndex(1)
	test.Tap(q.connect)
	p := h.mw.panes[1]
	h.waitFor("connected", func() bool { return p.src != nil && !p.src.local() && p.dir == "/pub" })
	if q.host.Text != "127.0.0.1" || q.password.Text != "s3cret" || q.user.Text != "ferry" || q.port.Text != strconv.Itoa(srv.Port()) {
		t.Fatalf("host %q, user %q, password %q, port %q", q.host.Text, q.user.Text, q.password.Text, q.port.Text)
	}
}

// TestDisconnectActivePane: with the selector on "Left pane", Disconnect
// still works for the connected right pane the user is working in.
func TestDisconnectActivePane(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	q := h.mw.quick
	q.side.SetSelectedIndex(0)
	if h.mw.active != p || q.discon.Disabled() {
		t.Fatalf("active pane %d, Disconnect disabled %v", h.mw.active.side, q.discon.Disabled())
	}
	test.Tap(q.discon)
	h.waitFor("the local disk back", func() bool { return p.src.local() && p.dir != "" })
	h.mw.setActive(h.mw.panes[0])
	if !q.discon.Disabled() {
		t.Error("Disconnect enabled with no server in either pane")
	}
}

// TestUpSelectsTheFolderLeft: going up selects the folder we came from,
// and a new source shows nothing of the old one while it lists.
func TestUpSelectsTheFolderLeft(t *testing.T) {
	dir := localTree(t)
	h := newHarness(t, dir)
	p := h.mw.panes[0]
	p.navigate(filepath.Join(dir, "sub"))
	h.waitFor("sub listed", func() bool { return p.dir == filepath.Join(dir, "sub") && p.busy.Hidden })
	p.up()
	h.waitFor("parent listed", func() bool { return p.dir == dir && p.busy.Hidden })
	if sel := p.model.selection(); len(sel) != 1 || sel[0].Name != "sub" {
		t.Fatalf("selection after going up: %+v", sel)
	}

	p.setSource(&localSource{start: t.TempDir()}, "")
	if p.pathBar.Text != "" || len(p.model.rows) != 0 || p.status.Text != "Listing…" {
		t.Fatalf("while the new source lists: path %q, %d rows, status %q", p.pathBar.Text, len(p.model.rows), p.status.Text)
	}
	h.waitFor("listed", func() bool { return p.dir != "" && p.busy.Hidden })
}

// TestFailedConnectionListsThePaneAgain: a pane still listing its folder
// when a connection for it starts (the app opened with a URL) lists it
// again once the connection fails, instead of staying empty on
// "Listing…".
func TestFailedConnectionListsThePaneAgain(t *testing.T) {
	h := newHarness(t, localTree(t))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := l.Addr().(*net.TCPAddr).Port
	l.Close()

	p := h.mw.panes[1]
	start := t.TempDir()
	p.setSource(&localSource{start: start}, "")
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(closedPort))
	h.mw.connect("ftp://"+addr, ftpcore.Config{Addr: addr, TLS: ftpcore.TLSNone}, 1, "")
	h.waitFor("the connection refused", func() bool { return strings.Contains(h.overlayText(), "Cannot connect") })
	h.typeKey(fyne.KeyEscape)
	h.waitFor("the pane's folder listed", func() bool { return p.dir == start && p.busy.Hidden })
	if p.status.Text == "Listing…" || p.pathBar.Text != start || !p.src.local() {
		t.Fatalf("after the failed connection: status %q, path %q, local %v", p.status.Text, p.pathBar.Text, p.src.local())
	}
}
