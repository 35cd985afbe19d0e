package ui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
	"ferry/ftpcore/queue"
)

// TestRestoredQuickJobWaitsForReconnect starts the app on a queue saved
// by an earlier run, holding a download from a quick connection (whose
// password is never saved): the job must show as waiting for a
// connection, not as failed, and run once the user connects to that
// server again through the quick-connect bar.
func TestRestoredQuickJobWaitsForReconnect(t *testing.T) {
	srv := newServer(t)
	data := bytes.Repeat([]byte("restored download, "), 20000)
	if err := srv.FS().WriteFile("/pub/restored.bin", data, time.Time{}); err != nil {
		t.Fatal(err)
	}
	cfgDir, localDir := t.TempDir(), t.TempDir()
	key := quickKey(ftpcore.Config{Addr: srv.Addr(), User: "ferry", TLS: ftpcore.TLSExplicitIfAvailable})
	local := filepath.Join(localDir, "restored.bin")
	saved := fmt.Sprintf(`{"version": 1, "next_id": 8, "jobs": [{"id": 7, "kind": "download",
		"src_site": %q, "src": "/pub/restored.bin", "dst": %q, "root": %q, "size": %d,
		"type": "auto", "overwrite": "default", "state": "queued", "added": "2026-01-02T03:04:05Z"}]}`,
		key, local, localDir, len(data))
	if err := os.WriteFile(filepath.Join(cfgDir, "queue.json"), []byte(saved), 0o600); err != nil {
		t.Fatal(err)
	}

	h := newHarnessWithConfig(t, localDir, cfgDir)
	qp := h.mw.qpanel
	h.waitFor("the restored job waiting", func() bool {
		qp.tick()
		return qp.jobs[7].State == queue.JobWaiting
	})
	if n := len(qp.tabs[tabFailed]); n != 0 {
		t.Errorf("%d failed transfers after the restart", n)
	}
	if len(qp.tabs[tabQueued]) != 1 || qp.tabs[tabQueued][0] != 7 {
		t.Fatalf("queued tab holds %v", qp.tabs[tabQueued])
	}
	if got := jobRate(qp.jobs[7]); got != "waiting for connection" {
		t.Errorf("the row says %q", got)
	}
	var row *queueRow
	walk(qp.lists[tabQueued], func(o fyne.CanvasObject) {
		if r, ok := o.(*queueRow); ok && r.job.ID == 7 {
			row = r
		}
	})
	if row == nil || row.rate.Text != "waiting for connection" {
		t.Errorf("no row drawn as waiting for connection: %+v", row)
	}
	if h.mw.status.totals.Text == "Queue: empty" {
		t.Error("the status bar counts no pending transfer")
	}
	if _, err := os.Stat(local); err == nil {
		t.Fatal("the file exists before the user connected")
	}

	h.connect(srv, "ferry", "s3cret", 1)
	h.waitFor("the restored job done", func() bool {
		qp.tick()
		return qp.jobs[7].State == queue.JobDone
	})
	got, err := os.ReadFile(local)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("downloaded %d bytes (%v), want %d identical bytes", len(got), err, len(data))
	}
	if len(qp.tabs[tabDone]) != 1 || len(qp.tabs[tabFailed]) != 0 {
		t.Errorf("tabs after the run: done %v, failed %v", qp.tabs[tabDone], qp.tabs[tabFailed])
	}
}

// TestResolveTellsWaitingFromFailing checks which site keys the queue is
// told to wait for (the user can still connect to them) and which fail.
func TestResolveTellsWaitingFromFailing(t *testing.T) {
	cfgDir := t.TempDir()
	st, err := profile.OpenSiteStore(cfgDir)
	if err != nil {
		t.Fatal(err)
	}
	ask, err := st.Add(profile.Site{Name: "asks", Host: "ftp.example.com", User: "bob", Logon: profile.LogonAsk})
	if err != nil {
		t.Fatal(err)
	}
	anon, err := st.Add(profile.Site{Name: "anon", Host: "mirror.example.com", Logon: profile.LogonAnonymous})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWithConfig(t, t.TempDir(), cfgDir)
	connected := ftpcore.Config{Addr: "192.0.2.7:21", User: "carol", Password: "pw"}
	h.mw.conns.set(quickKey(connected), connected)

	tests := []struct {
		name     string
		key      string
		wantWait bool
		wantErr  bool
		wantAddr string
	}{
		{"quick connection of an earlier run", "ftp://dave@192.0.2.8:21", true, true, ""},
		{"saved site asking for its password", ask.ID, true, true, ""},
		{"saved site deleted since", "no-such-site-id", false, true, ""},
		{"quick connection of this run", quickKey(connected), false, false, "192.0.2.7:21"},
		{"saved anonymous site", anon.ID, false, false, "mirror.example.com:21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := h.mw.resolve(t.Context(), tt.key)
			if got := errors.Is(err, queue.ErrSiteUnavailable); got != tt.wantWait || (err != nil) != tt.wantErr {
				t.Fatalf("resolve(%q) = %v; waits %v, want %v", tt.key, err, got, tt.wantWait)
			}
			if cfg.Addr != tt.wantAddr {
				t.Errorf("address %q, want %q", cfg.Addr, tt.wantAddr)
			}
		})
	}
}

// TestPaneReconnectsAfterDrop: a server that dropped the pane's
// connection is reconnected to when the user next opens a folder, which
// lists as usual. After a long idle the session is checked with NOOP
// first; dropped moments after its last use, the listing fails once and
// is read again on a new connection. Before, the folder failed to open
// with "write: broken pipe" (or "EOF"), and only the next try
// reconnected.
func TestPaneReconnectsAfterDrop(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stale time.Duration // staleAfter: 0 checks every operation with NOOP
	}{{"after a long idle", 0}, {"moments after its last use", time.Hour}} {
		t.Run(tc.name, func(t *testing.T) {
			old := staleAfter.Swap(int64(tc.stale))
			t.Cleanup(func() { staleAfter.Store(old) })
			srv := newServer(t)
			h := newHarness(t, localTree(t))
			p := h.connect(srv, "ferry", "s3cret", 1)
			if n := srv.DropSessions(); n == 0 {
				t.Fatal("no session to drop")
			}
			p.navigate("/pub")
			h.waitFor("/pub listed", func() bool {
				return (p.dir == "/pub" && p.busy.Hidden) || h.win.Canvas().Overlays().Top() != nil
			})
			if top := h.win.Canvas().Overlays().Top(); top != nil {
				t.Fatalf("opening a folder after the server dropped the connection failed:\n%s", textIn(top))
			}
			if p.model.rowOf("a.txt") < 0 {
				t.Errorf("/pub lists %q", names(p))
			}
		})
	}
}

// TestPaneWritesAfterTimeout: a server whose idle timeout is shorter
// than the pane's NOOP check (30 s) ends the session with "421
// Timeout." between two actions. F7 then read that 421 as the reply to
// its MKD and failed ("Cannot create the folder: 421 Timeout."). A 421
// says the server never ran the command: the folder is now made on a new
// connection, once, and the listing (which meets the same 421 on a read)
// shows it.
func TestPaneWritesAfterTimeout(t *testing.T) {
	old := staleAfter.Swap(int64(time.Hour))
	t.Cleanup(func() { staleAfter.Store(old) })
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	for _, step := range []string{"made", "made too"} {
		if n := srv.TimeOutSessions(); n == 0 {
			t.Fatal("no session to time out")
		}
		p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF7})
		entries := h.overlayEntries()
		if len(entries) != 1 {
			t.Fatalf("the new folder dialog has %d fields", len(entries))
		}
		entries[0].SetText(step)
		h.tapOverlay("Create")
		h.waitFor(step+" listed", func() bool {
			return (p.busy.Hidden && p.model.rowOf(step) >= 0) || h.win.Canvas().Overlays().Top() != nil
		})
		if top := h.win.Canvas().Overlays().Top(); top != nil {
			t.Fatalf("making %q after the server's idle timeout failed:\n%s", step, textIn(top))
		}
		if st, err := srv.FS().Stat("/" + step); err != nil || !st.IsDir() {
			t.Fatalf("no folder /%s on the server: %v", step, err)
		}
	}
}
