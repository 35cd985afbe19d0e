package ui

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/profile"
)

// connectTLS connects a pane with "FTP (TLS if available)", the default,
// trusting the test server's certificate in the dialog that asks.
func (h *harness) connectTLS(host string, port int, user, pass string, side int) *pane {
	h.t.Helper()
	q := h.mw.quick
	q.host.SetText(host)
	q.port.SetText(strconv.Itoa(port))
	q.user.SetText(user)
	q.password.SetText(pass)
	q.protocol.SetSelectedIndex(0)
	q.side.SetSelectedIndex(side)
	test.Tap(q.connect)
	p := h.mw.panes[side]
	h.waitFor("the certificate question or the listing", func() bool {
		return h.overlayButton("OK") != nil || (p.src != nil && !p.src.local() && p.dir != "")
	})
	if b := h.overlayButton("OK"); b != nil {
		test.Tap(b)
	}
	h.waitFor("connected pane listed", func() bool {
		return p.src != nil && !p.src.local() && p.dir != "" && p.busy.Hidden
	})
	return p
}

// fxpFallbackRig connects two servers that cannot copy between
// themselves: both refuse PORT (bounce protection), or both protect
// their data and neither offers SSCN or CPSV.
func fxpFallbackRig(t *testing.T, mode ftpcore.RelayMode, tls bool) (h *harness, left, right *pane, dst *ftptest.Server, data []byte) {
	t.Helper()
	opts := []ftptest.Option{ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"PORT": "500 Illegal PORT command."}})}
	if tls {
		conf, _ := ftptest.NewTLSConfig(t)
		opts = []ftptest.Option{ftptest.WithTLS(conf)}
	}
	src := ftptest.NewServer(t, append(opts, ftptest.WithUser("ferry", "s3cret"))...)
	dst = ftptest.NewServer(t, append(opts, ftptest.WithUser("alice", "w0nderland"))...)
	data = randomBytes(t, 100<<10)
	if err := src.FS().WriteFile("/relay.bin", data, time.Time{}); err != nil {
		t.Fatal(err)
	}
	// A folder, for a question answered for all its files.
	for _, name := range []string{"one.bin", "two.bin", "three.bin"} {
		if err := src.FS().WriteFile("/more/"+name, []byte("the file "+name), time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	cfgDir := t.TempDir()
	s := profile.DefaultSettings()
	s.FXPFallback = mode
	if err := profile.NewSettingsStore(cfgDir).Save(s); err != nil {
		t.Fatal(err)
	}
	h = newHarnessWithConfig(t, t.TempDir(), cfgDir)
	if tls {
		left = h.connectTLS(src.Host(), src.Port(), "ferry", "s3cret", 0)
		right = h.connectTLS(dst.Host(), dst.Port(), "alice", "w0nderland", 1)
	} else {
		left = h.connect(src, "ferry", "s3cret", 0)
		right = h.connect(dst, "alice", "w0nderland", 1)
	}
	return h, left, right, dst, data
}

// TestFXPFallbackQuestion: with "When FXP is refused: Ask me", copying
// between two servers that cannot do it between themselves asks, with the
// reason; each answer does what it says: relay (button or Enter) copies
// byte-exact through this computer, clear data (offered only where TLS is
// the obstacle) copies server to server with PROT C, cancel (button or
// Escape) fails the job and leaves no target behind. "never" and "auto"
// do not ask.
func TestFXPFallbackQuestion(t *testing.T) {
	for _, tc := range []struct {
		name     string
		mode     ftpcore.RelayMode
		tls      bool
		answer   string       // button to tap; "" answers with key
		key      fyne.KeyName // when answer is ""
		copied   bool
		clearTLS bool // the copy went server to server with PROT C
	}{
		{name: "relay", mode: ftpcore.RelayAsk, answer: "Relay through this computer", copied: true},
		{name: "Enter relays", mode: ftpcore.RelayAsk, key: fyne.KeyReturn, copied: true},
		{name: "cancel", mode: ftpcore.RelayAsk, answer: "Cancel the transfer"},
		{name: "Escape cancels", mode: ftpcore.RelayAsk, key: fyne.KeyEscape},
		{name: "TLS, clear data", mode: ftpcore.RelayAsk, tls: true, answer: "Clear data channel", copied: true, clearTLS: true},
		{name: "TLS, relay", mode: ftpcore.RelayAsk, tls: true, answer: "Relay through this computer", copied: true},
		{name: "TLS, cancel", mode: ftpcore.RelayAsk, tls: true, answer: "Cancel the transfer"},
		{name: "never", mode: ftpcore.RelayNever},
		{name: "auto", mode: ftpcore.RelayAuto, copied: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, left, right, dst, data := fxpFallbackRig(t, tc.mode, tc.tls)
			h.dragRows(left, "relay.bin", right)
			if tc.mode == ftpcore.RelayAsk {
				h.waitFor("the FXP question", func() bool { return h.overlayButton("Relay through this computer") != nil })
				text := textIn(h.win.Canvas().Overlays().Top())
				want := "refused PORT"
				if tc.tls {
					want = "neither offers SSCN or CPSV"
				}
				if !strings.Contains(text, want) || !strings.Contains(text, "relay.bin") {
					t.Errorf("the question does not give the reason %q or the file:\n%s", want, text)
				}
				if hasClear := h.overlayButton("Clear data channel") != nil; hasClear != tc.tls {
					t.Errorf("clear data offered: %v, want %v", hasClear, tc.tls)
				}
				if tc.answer != "" {
					test.Tap(h.overlayButton(tc.answer))
				} else {
					h.typeKey(tc.key)
				}
			}
			done, failed := h.queueSettled(1)
			got, err := dst.FS().ReadFile("/relay.bin")
			if !tc.copied {
				if len(done) != 0 || len(failed) != 1 || failed[0].Attempts != 1 {
					t.Fatalf("%d done, %d failed (%+v), want the refused copy failed once", len(done), len(failed), failed)
				}
				if err == nil {
					t.Fatalf("a target of %d bytes was left behind", len(got))
				}
				return
			}
			if len(done) != 1 || len(failed) != 0 {
				t.Fatalf("%d done, %d failed (%+v)", len(done), len(failed), failed)
			}
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("the target's copy differs (%d bytes, %v)", len(got), err)
			}
			cmds := strings.Join(dst.Commands(), "|")
			if strings.Contains(cmds, "PROT C") != tc.clearTLS {
				t.Errorf("PROT C on the target: %v, want %v: %s", !tc.clearTLS, tc.clearTLS, cmds)
			}
			if n := len(h.win.Canvas().Overlays().List()); n != 0 {
				t.Errorf("%d dialogs left open", n)
			}
		})
	}
}

// TestFXPFallbackForAll: a folder of three files between servers that
// refuse FXP. With the tick box "Do the same for the other copies between
// these two servers", one question is asked and its answer relays all
// three; without it, each file asks.
func TestFXPFallbackForAll(t *testing.T) {
	for _, forAll := range []bool{true, false} {
		t.Run(fmt.Sprintf("for all %v", forAll), func(t *testing.T) {
			h, left, right, dst, _ := fxpFallbackRig(t, ftpcore.RelayAsk, false)
			h.dragRows(left, "more", right)
			questions := 0
			for {
				h.waitFor("a question or the queue settled", func() bool {
					return h.overlayButton("Relay through this computer") != nil ||
						len(h.mw.qpanel.tabs[tabDone]) == 4 // the folder and its three files
				})
				if h.overlayButton("Relay through this computer") == nil {
					break
				}
				questions++
				d := h.win.Canvas().Overlays().Top()
				checks := findAll[*dialogCheck](d)
				if len(checks) != 1 {
					t.Fatalf("%d tick boxes in the question", len(checks))
				}
				if forAll {
					test.Tap(checks[0])
				}
				h.typeKey(fyne.KeyReturn)
				// The next question may follow at once: this one is gone
				// when another (or none) is on top.
				h.waitFor("the question gone", func() bool { return h.win.Canvas().Overlays().Top() != d })
			}
			if want := map[bool]int{true: 1, false: 3}[forAll]; questions != want {
				t.Errorf("%d questions, want %d", questions, want)
			}
			for _, name := range []string{"one.bin", "two.bin", "three.bin"} {
				if got, err := dst.FS().ReadFile("/more/" + name); err != nil || string(got) != "the file "+name {
					t.Errorf("%s on the target: %q, %v", name, got, err)
				}
			}
		})
	}
}
