package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
