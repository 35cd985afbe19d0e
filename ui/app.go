// Package ui holds Ferry's Fyne windows and widgets. It talks to the network
// and the disk only through ftpcore, and never on the UI goroutine: every
// action that needs I/O runs on a goroutine tied to a pane's or the
// window's context and applies its result with fyne.Do.
package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"ferry/assets"
	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// ConfigDirEnv overrides the folder holding sites, settings and the saved
// queue, so that tests and screenshots run against a temporary folder.
const ConfigDirEnv = "FERRY_CONFIG_DIR"

// Run builds the main window in w and runs the app until the window
// closes. args are the command-line arguments after the program name: an
// ftp://, ftpes:// or ftps:// URL is opened in the right pane; with two
// URLs, the first opens in the left pane and the second in the right.
// screen is the size of the screen the window opens on (zero when
// unknown): the window is made to fit it. fonts is PreloadFonts' channel,
// or nil. It must be called from the goroutine that owns the app (main).
func Run(a fyne.App, w fyne.Window, args []string, screen fyne.Size, fonts <-chan struct{}) {
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	dir, err := configDir()
	mw := newMainWindow(a, w, windowOptions{ConfigDir: dir, Screen: screen, Fonts: fonts})
	if err != nil {
		mw.log.add(ftpcore.TranscriptLine{Dir: ftpcore.DirError, Text: errorText(err)})
	}
	urls := commandURLs(args)
	for i, u := range urls {
		mw.quick.openURL(u, 2-len(urls)+i)
	}
	stop := mw.closeOnSignals()
	defer stop()
	w.ShowAndRun()
	// Fyne also ends the app itself on SIGINT and SIGTERM, without
	// closing the window: what close would have done is done here (the
	// layout was saved as it changed, see rememberLayout).
	mw.shutdown()
}

// commandURLs returns the first two FTP URLs among args, which open in
// the panes in that order: one goes to the right pane, two fill both.
func commandURLs(args []string) []string {
	var urls []string
	for _, arg := range args {
		if ftpcore.IsURL(arg) && len(urls) < 2 {
			urls = append(urls, arg)
		}
	}
	return urls
}

// configDir returns $FERRY_CONFIG_DIR, or "ferry" in the user's
// configuration folder, creating it.
func configDir() (string, error) {
	dir := os.Getenv(ConfigDirEnv)
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find the configuration folder: %w", err)
		}
		dir = filepath.Join(base, "ferry")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the configuration folder: %w", err)
	}
	return dir, nil
}

// windowOptions are what a main window needs from outside; tests fill
// them with a temporary folder and their own event pump.
type windowOptions struct {
	// ConfigDir holds sites, settings and the queue; "" keeps everything
	// in memory.
	ConfigDir string
	// LocalDir is the left pane's first folder, overriding the one
	// remembered.
	LocalDir string
	// Do runs a function on the UI goroutine; nil means fyne.Do.
	Do func(func())
	// Secrets keeps site passwords; nil opens the usual store in ConfigDir.
	Secrets profile.SecretStore
	// TempDir holds the View/Edit copies; "" is the system's.
	TempDir string
	// Screen is the size of the screen the window opens on, in Fyne's
	// units; zero when unknown. The window is made to fit it.
	Screen fyne.Size
	// Fonts, when not nil, is closed once the fonts the window first
	// draws with are loaded (PreloadFonts).
	Fonts <-chan struct{}
	// TrimAfter schedules the memory trims (see memoryTrimmer); nil is
	// time.AfterFunc.
	TrimAfter afterFunc
}

// goWork runs f on a goroutine the window waits for when it closes.
func (mw *mainWindow) goWork(ctx context.Context, f func(ctx context.Context)) {
	mw.wg.Add(1)
	go func() {
		defer mw.wg.Done()
		f(ctx)
	}()
}
