package ui

import (
	"fyne.io/fyne/v2"

	"ferry/ftpcore/profile"
)

// restart closes the window as the user would and opens a new main
// window on the same app, with its preferences, and the config folder
// cfgDir: what a later start of Ferry finds.
func (h *harness) restart(localDir, cfgDir string) *harness {
	h.t.Helper()
	h.mw.close()
	h.runTasks()
	n := &harness{t: h.t, app: h.app, wake: make(chan struct{}, 1)}
	n.win = h.app.NewWindow("Ferry")
	n.mw = newMainWindow(n.app, n.win, windowOptions{
		ConfigDir: cfgDir,
		LocalDir:  localDir,
		Do:        n.do,
		Secrets:   profile.NewEncryptedSecrets(cfgDir, nil),
		TempDir:   h.t.TempDir(),
	})
	n.win.Resize(fyne.NewSize(1280, 800))
	h.t.Cleanup(func() {
		n.mw.shutdown()
		n.runTasks()
	})
	n.waitFor("local panes listed", func() bool {
		return n.mw.panes[0].dir != "" && n.mw.panes[1].dir != ""
	})
	return n
}
