package ui

import (
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// editDirPrefix starts the name of every folder holding View/Edit copies;
// the process id follows, so that a later start can tell a folder left by
// a Ferry that was killed from one a running Ferry still uses.
const editDirPrefix = "ferry-edit-"

// tempDir returns a private folder for files opened with View/Edit.
func (mw *mainWindow) tempDir() (string, error) {
	return os.MkdirTemp(mw.tempRoot(), editDirPrefix+strconv.Itoa(os.Getpid())+"-")
}

// tempRoot is where the View/Edit folders go: the system's temporary
// folder, or the tests' own.
func (mw *mainWindow) tempRoot() string {
	if mw.opt.TempDir != "" {
		return mw.opt.TempDir
	}
	return os.TempDir()
}

// removeStaleCopies deletes the View/Edit folders of Ferry processes that
// ended without cleaning up (killed, crashed, the machine stopped). A
// folder is removed only when its name is ours, the process that made it
// no longer runs and it belongs to this user; what is inside is not
// followed (symbolic links are removed, not their targets).
func removeStaleCopies(root string) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), editDirPrefix)
		if !ok || !e.IsDir() {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || pid == os.Getpid() || processRunning(pid) {
			continue
		}
		dir := filepath.Join(root, e.Name())
		if ownedByUser(dir) {
			os.RemoveAll(dir)
		}
	}
}

// closeOnSignals closes the window, cleanly, when the session that runs
// the app ends (SIGHUP), so that the queue is saved and the View/Edit
// copies are removed as on a normal exit. SIGTERM and SIGINT are Fyne's:
// it ends its loop on them, and Run does the rest after. Handling them
// here too put a second close on the main loop while Fyne's quit ran,
// and Fyne 2.7 can lose a call queued as its loop stops (the app then
// waits for it forever, spinning a core). It returns a function that
// stops listening.
func (mw *mainWindow) closeOnSignals() (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP)
	done := make(chan struct{})
	go mw.closeOnSignal(sigs, done)
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

// closeOnSignal closes the window at the first signal from sigs.
func (mw *mainWindow) closeOnSignal(sigs <-chan os.Signal, done <-chan struct{}) {
	select {
	case <-sigs:
		mw.do(mw.close)
	case <-done:
	}
}
