package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLocalCopyIntoItselfRefused: with this computer in both panes, a
// folder dragged into its own subfolder is refused with a sentence
// saying why, and nothing is written. Before, the copy went on copying
// its own copies, a level deeper each time.
func TestLocalCopyIntoItselfRefused(t *testing.T) {
	root := localTree(t)
	h := newHarness(t, root)
	left, right := h.mw.panes[0], h.mw.panes[1]
	sub := filepath.Join(root, "sub")
	h.waitFor("left listed", func() bool { return left.dir == root && left.busy.Hidden })
	right.navigate(sub)
	h.waitFor("right in sub", func() bool { return right.dir == sub && right.busy.Hidden })

	h.dragRows(left, "sub", right)
	h.waitFor("the refusal", func() bool {
		return strings.Contains(h.overlayText(), "A folder cannot be copied into itself or into one of its own folders.")
	})
	if _, err := os.Lstat(filepath.Join(sub, "sub")); err == nil {
		t.Error("a copy of sub was made inside sub")
	}
}

// TestSameServerFolderIntoItself: with one server in both panes, a
// folder dragged into its own subfolder is refused and nothing is
// queued. Before, the copy went server to server and found its own copy
// inside the folder at each level, a hundred levels deep.
func TestSameServerFolderIntoItself(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	left := h.connect(srv, "ferry", "s3cret", 0)
	right := h.connect(srv, "ferry", "s3cret", 1)
	right.navigate("/pub/deep")
	h.waitFor("right in /pub/deep", func() bool { return right.dir == "/pub/deep" && right.busy.Hidden })

	h.dragRows(left, "pub", right)
	h.waitFor("the refusal", func() bool {
		return strings.Contains(h.overlayText(), "A folder cannot be copied into itself or into one of its own folders.")
	})
	if n := len(h.mw.queue.Jobs()); n != 0 {
		t.Errorf("%d jobs queued, want none", n)
	}
	if _, err := srv.FS().Stat("/pub/deep/pub"); err == nil {
		t.Error("a copy of /pub was made inside it")
	}
}
