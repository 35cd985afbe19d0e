package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestSynchronisedBrowsing(t *testing.T) {
	srv := newServer(t) // /pub, /pub/deep, /incoming
	local := t.TempDir()
	if err := os.MkdirAll(filepath.Join(local, "pub", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	right := h.connect(srv, "ferry", "s3cret", 1)
	left := h.mw.panes[0]
	settled := func(what string, lwant, rwant string) {
		t.Helper()
		h.waitFor(what, func() bool {
			return left.dir == lwant && right.dir == rwant && left.busy.Hidden && right.busy.Hidden
		})
	}

	item := h.menuAction("View", "Synchronised browsing")
	item.Action()
	if !item.Checked {
		t.Error("the menu item is not checked")
	}

	// Into pub on the left: the right follows, and into deep.
	left.activate(left.model.rowOf("pub"))
	settled("both in pub", filepath.Join(local, "pub"), "/pub")
	left.activate(left.model.rowOf("deep"))
	settled("both in deep", filepath.Join(local, "pub", "deep"), "/pub/deep")

	// Up on the right: the left goes up too, twice.
	right.up()
	settled("both back in pub", filepath.Join(local, "pub"), "/pub")
	right.up()
	settled("both at the top", local, "/")

	// A jump through the path bar lands at the same place below the
	// folders linked at the start, and back.
	left.pathBar.SetText(filepath.Join(local, "pub", "deep"))
	left.pathBar.OnSubmitted(left.pathBar.Text)
	settled("both jumped to deep", filepath.Join(local, "pub", "deep"), "/pub/deep")
	right.navigate("/")
	settled("both jumped back", local, "/")

	// The right enters a folder the left lacks: the left says so and stays.
	right.activate(right.model.rowOf("incoming"))
	h.waitFor("the message", func() bool { return strings.Contains(h.overlayText(), "has no folder") })
	if right.dir != "/incoming" || left.dir != local {
		t.Errorf("after the missing folder: left %q, right %q", left.dir, right.dir)
	}
	if !strings.Contains(h.mw.log.text(), filepath.Join(local, "incoming")) {
		t.Errorf("the log does not name the missing folder:\n%s", h.mw.log.text())
	}

	// Off: the panes move on their own.
	item.Action()
	right.up()
	settled("only the right moved", local, "/")
	right.activate(right.model.rowOf("pub"))
	settled("only the right in pub", local, "/pub")
}

// TestLinkedBrowsingCatchesUp: after the other pane could not follow
// (the server has newdir, the local side has not), going back up on the
// server leaves the local pane in the folder that matches instead of
// taking it up a level more, and the panes move in step again. A second
// failed follow, then up twice, ends in the linked folders.
func TestLinkedBrowsingCatchesUp(t *testing.T) {
	srv := newServer(t)
	for _, d := range []string{"/nested", "/nested/a"} {
		if err := srv.FS().Mkdir(d); err != nil {
			t.Fatal(err)
		}
	}
	nested := filepath.Join(t.TempDir(), "local", "nested")
	if err := os.MkdirAll(filepath.Join(nested, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, nested)
	right := h.connect(srv, "ferry", "s3cret", 1)
	left := h.mw.panes[0]
	settled := func(what, lwant, rwant string) {
		t.Helper()
		h.waitFor(what, func() bool { return right.dir == rwant && left.busy.Hidden && right.busy.Hidden })
		if left.dir != lwant {
			t.Fatalf("%s: left in %q, want %q (right in %q)", what, left.dir, lwant, right.dir)
		}
	}
	right.navigate("/nested")
	settled("the right in /nested", nested, "/nested")
	h.menuAction("View", "Synchronised browsing").Action()

	left.activate(left.model.rowOf("a"))
	settled("both in a", filepath.Join(nested, "a"), "/nested/a")
	for range 2 {
		if err := srv.FS().Mkdir("/nested/a/newdir"); err != nil && !errors.Is(err, fs.ErrExist) {
			t.Fatal(err)
		}
		right.refresh()
		h.waitFor("newdir listed", func() bool { return right.model.rowOf("newdir") >= 0 && right.busy.Hidden })
		right.activate(right.model.rowOf("newdir"))
		h.waitFor("the message", func() bool { return strings.Contains(h.overlayText(), "stays where it was") })
		h.tapOverlay("OK")
		settled("the right alone in newdir", filepath.Join(nested, "a"), "/nested/a/newdir")
		right.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		settled("the right back in a", filepath.Join(nested, "a"), "/nested/a")
	}
	if !h.mw.linked.on {
		t.Fatal("synchronised browsing went off")
	}
	right.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	settled("both back in nested", nested, "/nested")
	left.activate(left.model.rowOf("a"))
	settled("both in a again", filepath.Join(nested, "a"), "/nested/a")
}

// TestLinkedBrowsingAfterConnect: a pane that connects while the panes
// are linked is linked from the folder it opens on, matching the other
// pane's folder: entering pub on the server enters pub on the left.
func TestLinkedBrowsingAfterConnect(t *testing.T) {
	srv := newServer(t) // /pub, /pub/deep
	local := t.TempDir()
	if err := os.MkdirAll(filepath.Join(local, "pub", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, local)
	left := h.mw.panes[0]
	h.menuAction("View", "Synchronised browsing").Action()
	right := h.connect(srv, "ferry", "s3cret", 1)
	right.activate(right.model.rowOf("pub"))
	h.waitFor("both in pub", func() bool { return right.dir == "/pub" && left.busy.Hidden && right.busy.Hidden })
	if want := filepath.Join(local, "pub"); left.dir != want || h.overlayText() != "" {
		t.Fatalf("left in %q, want %q; dialogs: %q", left.dir, want, h.overlayText())
	}
	right.up()
	h.waitFor("both back", func() bool { return right.dir == "/" && left.busy.Hidden && right.busy.Hidden })
	if left.dir != local {
		t.Fatalf("left in %q, want %q", left.dir, local)
	}
}

func TestCustomCommand(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	right := h.connect(srv, "ferry", "s3cret", 1)

	// The local pane has no session to send it on.
	h.mw.setActive(h.mw.panes[0])
	h.menuAction("Server", "Enter custom command…").Action()
	h.waitFor("the refusal", func() bool { return strings.Contains(h.overlayText(), errorText(errNoServer)) })
	h.tapOverlay("OK")

	h.mw.setActive(right)
	h.menuAction("Server", "Enter custom command…").Action()
	entries := h.overlayEntries()
	if len(entries) != 1 {
		t.Fatalf("%d entries in the dialog", len(entries))
	}
	test.Type(entries[0], "HELP")
	h.tapOverlay("Send")
	h.waitFor("the reply in the log", func() bool { return strings.Contains(h.mw.log.text(), "214 Help OK.") })
	if !strings.Contains(h.mw.log.text(), "HELP") {
		t.Errorf("the command is not in the log:\n%s", h.mw.log.text())
	}

	// A command needing a data connection is refused, in the log.
	h.mw.sendRaw(right, right.src.(*remoteSource), "LIST")
	h.waitFor("the refusal in the log", func() bool { return strings.Contains(h.mw.log.text(), "needs a data connection") })
}

func TestAbout(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.menuAction("Help", "About Ferry").Action()
	text := h.overlayText()
	for _, want := range []string{"Version", "Licence", h.mw.opt.ConfigDir} {
		if !strings.Contains(text, want) {
			t.Errorf("About lacks %q: %q", want, text)
		}
	}
}

func TestLinkedMissingError(t *testing.T) {
	err := error(&linkedMissingError{text: "no folder", err: fs.ErrNotExist})
	if !errors.Is(err, errLinkedMissing) || !errors.Is(err, fs.ErrNotExist) || err.Error() != "no folder" {
		t.Errorf("%v does not match both causes", err)
	}
}
