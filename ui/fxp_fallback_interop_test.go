//go:build interop

package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ferry/ftpcore"
	"ferry/ftpcore/interoptest"
	"ferry/ftpcore/profile"
)

// TestInteropFXPFallbackQuestion copies between real servers with both
// panes on "FTP (TLS if available)" and the settings' defaults ("When FXP
// is refused: Ask me"). ProFTPD and vsftpd: ProFTPD, TLS client after
// SSCN, refuses vsftpd's certificate on the data connection; Pure-FTPd
// and vsftpd: neither offers SSCN or CPSV. The question names the cause;
// relaying and a clear data channel both give a byte-exact copy, and no
// empty target is left behind on the way.
func TestInteropFXPFallbackQuestion(t *testing.T) {
	all := interoptest.Servers(t)
	for _, tc := range []struct {
		src, dst string
		reason   string
		answer   string
	}{
		{"proftpd", "vsftpd", "vsftpd-cert", "Relay through this computer"},
		{"proftpd", "vsftpd", "vsftpd-cert", "Clear data channel"},
		{"vsftpd", "proftpd", "vsftpd-cert", "Clear data channel"},
		{"vsftpd", "proftpd", "vsftpd-cert", "Relay through this computer"},
		{"pure-ftpd", "vsftpd", "neither", "Relay through this computer"},
		{"pure-ftpd", "vsftpd", "neither", "Clear data channel"},
	} {
		t.Run(tc.src+"->"+tc.dst+", "+tc.answer, func(t *testing.T) {
			src, dst := interoptest.ByName(t, all, tc.src), interoptest.ByName(t, all, tc.dst)
			cfgDir := t.TempDir()
			s := profile.DefaultSettings()
			if s.FXPFallback != ftpcore.RelayAsk {
				t.Fatalf("the default is %v, not ask", s.FXPFallback)
			}
			h := newHarnessWithConfig(t, t.TempDir(), cfgDir)
			left := h.connectTLS(src.Host, src.Port, src.User, src.Password, 0)
			right := h.connectTLS(dst.Host, dst.Port, dst.User, dst.Password, 1)
			// A folder of its own on each side: /upload fills up with the
			// other tests' files, and the row must be on screen to drag.
			folder := fmt.Sprintf("fallback-%d", time.Now().UnixNano())
			for _, srv := range []interoptest.Server{src, dst} {
				if err := os.Mkdir(filepath.Join(srv.Home, "upload", folder), 0o777); err != nil {
					t.Fatal(err)
				}
				_ = os.Chmod(filepath.Join(srv.Home, "upload", folder), 0o777) // past the umask
			}
			right.navigate("/upload/" + folder)
			h.waitFor("the target folder listed", func() bool { return right.dir == "/upload/"+folder && right.busy.Hidden })
			name := "big-copy.bin"
			want, err := os.ReadFile(filepath.Join(src.Home, "big.bin"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(src.Home, "upload", folder, name), want, 0o644); err != nil {
				t.Fatal(err)
			}
			left.navigate("/upload/" + folder)
			h.waitFor("the source listed", func() bool { return left.dir == "/upload/"+folder && left.model.rowOf(name) >= 0 })
			h.dragRows(left, name, right)

			h.waitFor("the FXP question", func() bool { return h.overlayButton("Relay through this computer") != nil })
			text := textIn(h.win.Canvas().Overlays().Top())
			reason := tc.reason
			if reason == "vsftpd-cert" {
				// ProFTPD, TLS client after SSCN ON, refuses vsftpd's
				// self-signed certificate (its log: "unable to verify
				// '127.0.0.1' server certificate").
				v := interoptest.ByName(t, all, "vsftpd")
				reason = fmt.Sprintf(`refused "%s:%d"'s certificate on the data connection`, v.Host, v.Port)
			}
			if !strings.Contains(text, reason) || h.overlayButton("Clear data channel") == nil {
				t.Errorf("the question does not say %q or offers no clear data:\n%s", reason, text)
			}
			target := filepath.Join(dst.Home, "upload", folder, name)
			if _, err := os.Stat(target); err == nil {
				t.Error("an empty target was left behind by the refused copy")
			}
			test.Tap(h.overlayButton(tc.answer))
			done, failed := h.queueSettled(1)
			if len(done) != 1 || len(failed) != 0 {
				t.Fatalf("%d done, %d failed: %+v\n%s", len(done), len(failed), failed, h.mw.log.text())
			}
			got, err := os.ReadFile(target)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("the copy differs: %d bytes of %d, %v", len(got), len(want), err)
			}
			log := h.mw.log.text()
			if tc.answer == "Clear data channel" && !strings.Contains(log, "PROT C") {
				t.Errorf("clear data chosen, no PROT C in the log")
			}
		})
	}
}
