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
