package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/queue"
)

// setThroughDialog opens File › Settings…, sets the Transfers tab's
// choices (by their index among its drop-downs) and saves with Enter.
func (h *harness) setThroughDialog(choices map[int]int) {
	h.t.Helper()
	h.mw.openSettings()
	top := h.win.Canvas().Overlays().Top()
	selects := findAll[*dialogSelect](top)
	for i, c := range choices {
		selects[i].SetSelectedIndex(c)
	}
	h.typeKey("Return") // Enter saves, as the Save button does
	h.waitFor("the settings saved", func() bool { return len(h.win.Canvas().Overlays().List()) == 0 })
}

// TestSettingsApplyLive: settings saved while the window runs apply to
// the next transfer: "When an uploaded file exists: Skip" stops asking,
// "When FXP is refused: Relay" relays without asking.
func TestSettingsApplyLive(t *testing.T) {
	const uploadExists, fxpChoice = 3, 4 // the Transfers tab's drop-downs
	dir := localTree(t)
	srv := newServer(t)
	if err := srv.FS().WriteFile("/a.txt", []byte("theirs"), time.Now()); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, dir)
	right := h.connect(srv, "ferry", "s3cret", 1)
	h.setThroughDialog(map[int]int{uploadExists: 6}) // Skip
	if h.mw.currentSettings().UploadExists.String() != "skip" {
		t.Fatalf("saved %v", h.mw.currentSettings().UploadExists)
	}
	h.dragRows(h.mw.panes[0], "a.txt", right)
	done, failed := h.queueSettled(1)
	if len(h.win.Canvas().Overlays().List()) != 0 || len(failed) != 0 || len(done) != 1 || done[0].State != queue.JobSkipped {
		t.Fatalf("the upload of an existing file: %d done, %d failed, %d dialogs",
			len(done), len(failed), len(h.win.Canvas().Overlays().List()))
	}
	if got, _ := srv.FS().ReadFile("/a.txt"); !bytes.Equal(got, []byte("theirs")) {
		t.Fatalf("the existing file was replaced by %q", got)
	}

	// FXP between two servers refusing PORT: relayed without a question.
	h2, left2, right2, dst, data := fxpFallbackRig(t, ftpcore.RelayAsk, false)
	h2.setThroughDialog(map[int]int{fxpChoice: 2}) // Relay through this computer
	h2.dragRows(left2, "relay.bin", right2)
	done, failed = h2.queueSettled(1)
	if len(done) != 1 || len(failed) != 0 {
		t.Fatalf("FXP after choosing relay: %d done, %d failed", len(done), len(failed))
	}
	if got, err := dst.FS().ReadFile("/relay.bin"); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("relayed copy differs: %v", err)
	}
}

// TestTransferTypeAppliesWhileConnected: "Default transfer type: Binary"
// saved while a server is connected applies to the next download from
// it. Before, the server's transfers kept the settings of the moment it
// was connected (and the queue's open sessions theirs) until it was
// connected again: a .txt still went in ASCII (TYPE A, its line ends
// converted) after the user chose Binary.
func TestTransferTypeAppliesWhileConnected(t *testing.T) {
	const xferType, binary = 1, 2 // the Transfers tab's second drop-down, its third choice
	const downloadExists, overwrite = 2, 1
	srv := newServer(t)
	h := newHarness(t, t.TempDir())
	right := h.connect(srv, "ferry", "s3cret", 1)
	// TYPE last sent, by control connection, when RETR /readme.txt was.
	retrType := func(skip int) string {
		t.Helper()
		typ := map[int]string{}
		for _, c := range commandsSince(srv, skip) {
			switch {
			case strings.HasPrefix(c.Line, "TYPE "):
				typ[c.Conn] = c.Line
			case c.Line == "RETR /readme.txt":
				return typ[c.Conn]
			}
		}
		t.Fatal("no RETR /readme.txt")
		return ""
	}

	// Automatic: a .txt goes in ASCII, on a session the queue keeps.
	skip := len(srv.Transcript())
	h.dragRows(right, "readme.txt", h.mw.panes[0])
	if done, failed := h.queueSettled(1); len(done) != 1 || len(failed) != 0 {
		t.Fatalf("%d done, %d failed (%+v)", len(done), len(failed), failed)
	}
	if got := retrType(skip); got != "TYPE A" {
		t.Fatalf("automatic type: readme.txt downloaded after %q, want TYPE A", got)
	}

	h.setThroughDialog(map[int]int{xferType: binary, downloadExists: overwrite})
	if got := h.mw.currentSettings().TransferType; got != ftpcore.TypeBinary {
		t.Fatalf("saved %v", got)
	}
	skip = len(srv.Transcript())
	h.dragRows(right, "readme.txt", h.mw.panes[0])
	if done, failed := h.queueSettled(2); len(done) != 2 || len(failed) != 0 {
		t.Fatalf("%d done, %d failed (%+v)", len(done), len(failed), failed)
	}
	if got := retrType(skip); got != "TYPE I" {
		t.Errorf("readme.txt downloaded after %q, want TYPE I: Binary was chosen", got)
	}
}
