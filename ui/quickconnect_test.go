package ui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/profile"
)

func TestParseFTPURL(t *testing.T) {
	tests := []struct {
		in      string
		want    quickTarget
		wantErr error
	}{
		{"ftp://example.org", quickTarget{host: "example.org", tls: ftpcore.TLSExplicitIfAvailable}, nil},
		{"ftp://ann:p%40ss@127.0.0.1:2121/pub/x", quickTarget{host: "127.0.0.1", port: 2121, user: "ann",
			password: "p@ss", tls: ftpcore.TLSExplicitIfAvailable, dir: "/pub/x"}, nil},
		{"ftpes://h/", quickTarget{host: "h", tls: ftpcore.TLSExplicit}, nil},
		{"FTPS://[::1]:990", quickTarget{host: "::1", port: 990, tls: ftpcore.TLSImplicit}, nil},
		{"http://example.org", quickTarget{}, ftpcore.ErrNotFTPURL},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseFTPURL(tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestQuickKeyHasNoPassword(t *testing.T) {
	cfg := quickTarget{host: "h", port: 21, user: "u", password: "hunter2", tls: ftpcore.TLSExplicit}.
		config(profile.DefaultSettings())
	if k := quickKey(cfg); k != "ftpes://u@h:21" {
		t.Errorf("key = %q", k)
	}
}

func TestParsePerm(t *testing.T) {
	tests := []struct {
		in   string
		want uint32
		ok   bool
	}{
		{"rwxr-xr-x", 0o755, true},
		{"-rw-r-----", 0o640, true},
		{"drwsr-sr-t", 0o7755, true}, // s and t imply x, and carry the special bits
		{"rwSr--r-T", 0o5644, true},  // S and T carry them without x
		{"flcdmpe", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parsePerm(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("parsePerm(%q) = %o, %v", tt.in, got, ok)
			}
		})
	}
}

// TestQuickConnectAsksForThePassword: a user name with no password, in
// the bar or in a URL the app opens, brings a dialog asking for the
// password before any command goes to the server; Escape connects
// nothing, and the password typed and confirmed with Enter logs in
// without being written in the bar. An anonymous login asks nothing.
func TestQuickConnectAsksForThePassword(t *testing.T) {
	var mu sync.Mutex
	var users []string
	srv := newServer(t, ftptest.WithAnonymous(), ftptest.WithFault(ftptest.Fault{OnCommand: func(verb, arg string) {
		if verb == "USER" {
			mu.Lock()
			users = append(users, arg)
			mu.Unlock()
		}
	}}))
	sent := func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(users)
	}
	h := newHarness(t, t.TempDir())
	q := h.mw.quick
	right := h.mw.panes[1]
	connected := func() bool { return right.src != nil && !right.src.local() && right.dir != "" && right.busy.Hidden }

	q.openURL(fmt.Sprintf("ftp://ferry@%s/pub", srv.Addr()), 1)
	h.waitFor("the password dialog", func() bool { return len(h.overlayEntries()) == 1 })
	if text := h.overlayText(); !strings.Contains(text, srv.Addr()) || !strings.Contains(text, "ferry") {
		t.Errorf("the dialog does not say which server and user: %q", text)
	}
	// Escape cancels also once Tab has moved to the dialog's buttons.
	h.win.Canvas().FocusNext()
	if _, ok := h.win.Canvas().Focused().(*dialogEntry); ok {
		t.Fatal("Tab stayed in the password field")
	}
	h.typeKey(fyne.KeyEscape)
	h.runTasks()
	if len(h.overlayEntries()) != 0 || !right.src.local() || len(sent()) != 0 {
		t.Fatalf("after Escape: %d fields on screen, pane local %v, USER sent %q", len(h.overlayEntries()), right.src.local(), sent())
	}

	q.host.SetText(srv.Host())
	q.port.SetText(strconv.Itoa(srv.Port()))
	q.user.SetText("ferry")
	q.password.SetText("")
	q.protocol.SetSelectedIndex(3)
	q.side.SetSelectedIndex(1)
	test.Tap(q.connect)
	h.waitFor("the password dialog", func() bool { return len(h.overlayEntries()) == 1 })
	if len(sent()) != 0 {
		t.Fatalf("USER sent before the password was given: %q", sent())
	}
	test.Type(h.overlayEntries()[0], "s3cret")
	h.typeKey(fyne.KeyReturn)
	h.waitFor("logged in", connected)
	if q.password.Text != "" {
		t.Errorf("the password field holds %q", q.password.Text)
	}

	h.mw.disconnect(1)
	q.user.SetText("anonymous")
	test.Tap(q.connect)
	h.waitFor("logged in anonymously", connected)
	if got := sent(); !slices.Equal(got, []string{"ferry", "anonymous"}) {
		t.Errorf("USER commands %q", got)
	}
}
