package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/ftptest"
)

// A quick connection on "TLS if available" to a server that refuses AUTH
// TLS shows it: the status bar says the connection is not encrypted (with
// the error icon, not the plain-FTP one) and the message log has the
// warning, no --log or setting needed.
func TestPlainFallbackIsShown(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.RefuseTLS()))
	h := newHarness(t, localTree(t))
	q := h.mw.quick
	q.host.SetText(srv.Host())
	q.port.SetText(strconv.Itoa(srv.Port()))
	q.user.SetText("ferry")
	q.password.SetText("s3cret")
	q.protocol.SetSelectedIndex(0) // TLS if available
	q.side.SetSelectedIndex(1)
	test.Tap(q.connect)
	p := h.mw.panes[1]
	h.waitFor("connected pane listed", func() bool {
		return p.src != nil && !p.src.local() && p.dir != "" && p.busy.Hidden
	})
	h.mw.status.refreshConnections()
	if got := h.mw.status.conns[1].Text; !strings.Contains(got, "NOT ENCRYPTED") {
		t.Errorf("status bar %q does not say the connection is not encrypted", got)
	}
	if !strings.Contains(h.mw.log.text(), "NOT ENCRYPTED") {
		t.Errorf("no warning in the message log:\n%s", h.mw.log.text())
	}
}
