package ui

import (
	"bytes"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/profile"
)

// TestFXPFallbackSettingReachesTheQueue copies a file between two servers
// that both refuse PORT, so that FXP is impossible either way: with the
// setting at "ask" (the default: the queue has nobody to ask, so never)
// the job fails and the target stays empty; at "auto" it is relayed
// through this machine and the target holds the same bytes.
func TestFXPFallbackSettingReachesTheQueue(t *testing.T) {
	illegal := ftptest.Fault{Replies: map[string]string{"PORT": "500 Illegal PORT command."}}
	for _, tc := range []struct {
		fallback ftpcore.RelayMode
		relayed  bool
	}{
		{ftpcore.RelayAsk, false},
		{ftpcore.RelayAuto, true},
	} {
		t.Run(tc.fallback.String(), func(t *testing.T) {
			src := ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"), ftptest.WithFault(illegal))
			dst := ftptest.NewServer(t, ftptest.WithUser("alice", "w0nderland"), ftptest.WithFault(illegal))
			data := randomBytes(t, 100<<10)
			if err := src.FS().WriteFile("/relay.bin", data, time.Time{}); err != nil {
				t.Fatal(err)
			}
			cfgDir := t.TempDir()
			s := profile.DefaultSettings()
			s.FXPFallback = tc.fallback
			if err := profile.NewSettingsStore(cfgDir).Save(s); err != nil {
				t.Fatal(err)
			}

			h := newHarnessWithConfig(t, t.TempDir(), cfgDir)
			left := h.connect(src, "ferry", "s3cret", 0)
			right := h.connect(dst, "alice", "w0nderland", 1)
			h.dragRows(left, "relay.bin", right)
			done, failed := h.queueSettled(1)
			got, err := dst.FS().ReadFile("/relay.bin")
			if tc.relayed {
				if len(done) != 1 || len(failed) != 0 {
					t.Fatalf("%d done, %d failed (%+v), want the copy relayed", len(done), len(failed), failed)
				}
				if err != nil || !bytes.Equal(got, data) {
					t.Fatalf("the target's copy differs (%d bytes, %v)", len(got), err)
				}
				return
			}
			if len(done) != 0 || len(failed) != 1 {
				t.Fatalf("%d done, %d failed, want the refused copy failed", len(done), len(failed))
			}
			if err == nil {
				t.Fatalf("the target holds %d bytes of a copy that was not allowed", len(got))
			}
		})
	}
}
