package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// TestStaleEditCopiesRemovedAtStart leaves View/Edit folders behind as a
// killed Ferry would, beside one of a Ferry still running and a folder
// that is not ours: the next start removes only the first.
func TestStaleEditCopiesRemovedAtStart(t *testing.T) {
	root := t.TempDir()
	mk := func(name string) string {
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("copy"), 0o600); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "keep.txt"), []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	stale := mk(editDirPrefix + strconv.Itoa(deadPID(t)) + "-123")
	if err := os.Symlink(outside, filepath.Join(stale, "link")); err != nil {
		t.Fatal(err)
	}
	running := mk(editDirPrefix + strconv.Itoa(os.Getppid()) + "-456")
	other := mk("ferry-edits-of-someone")

	removeStaleCopies(root)
	if _, err := os.Stat(stale); err == nil {
		t.Error("the folder of the ended Ferry is still there")
	}
	for _, d := range []string{running, other, filepath.Join(outside, "keep.txt")} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", d, err)
		}
	}
}

// TestSignalClosesCleanly asks the window to end as SIGTERM does: the
// View/Edit copies go as on a normal exit.
func TestSignalClosesCleanly(t *testing.T) {
	h := newHarness(t, localTree(t))
	dir, err := h.mw.tempDir()
	if err != nil {
		t.Fatal(err)
	}
	h.mw.edits.mu.Lock()
	h.mw.edits.tmp = append(h.mw.edits.tmp, dir)
	h.mw.edits.mu.Unlock()
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	defer close(done)
	go h.mw.closeOnSignal(sigs, done)
	sigs <- syscall.SIGTERM
	h.waitFor("the window closed", func() bool { return h.mw.ctx.Err() != nil })
	if _, err := os.Stat(dir); err == nil {
		t.Error("the View/Edit folder survived SIGTERM")
	}
}
