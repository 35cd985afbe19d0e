package main

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// baselineDPI is the screen density at which Fyne draws one unit as one
// pixel; denser screens get a larger scale, as Fyne computes it.
const baselineDPI = 120

// screenSize returns the usable area of the primary screen (without the
// desktop's panels) in Fyne's units, or zero when it cannot be known.
// Fyne has no call for it, so it asks GLFW, which Fyne uses underneath;
// it must run on the main goroutine before the app starts, and GLFW's
// initialisation is shared with Fyne's (a second Init does nothing).
// It fails when no display can be opened.
//
// An X server may close a new connection at once while others connect
// (Xvfb did so about one launch in 30 while another client polled it):
// opening the display is tried displayTries times, displayPause apart,
// before Ferry says there is none.
func screenSize() (fyne.Size, error) {
	var size fyne.Size
	var err error
	for try := 1; try <= displayTries; try++ {
		if size, err = screenSizeOnce(); err == nil || !errors.Is(err, errNoDisplay) {
			break
		}
		if try < displayTries {
			time.Sleep(displayPause)
		}
	}
	return size, err
}

// displayTries and displayPause: how often and how far apart opening the
// display is tried.
const (
	displayTries = 3
	displayPause = 50 * time.Millisecond
)

// errNoDisplay marks the error of a display that could not be opened.
var errNoDisplay = errors.New("no display")

// screenSizeOnce is screenSize's one try.
func screenSizeOnce() (fyne.Size, error) {
	// go-gl/glfw logs the platform's errors (such as X11's "Failed to
	// open display") instead of returning them: they are kept for the
	// message, and passed on to the log otherwise.
	var said bytes.Buffer
	log.SetOutput(&said)
	err := glfw.Init()
	log.SetOutput(os.Stderr)
	var m *glfw.Monitor
	if err == nil {
		m, err = primaryMonitor()
	}
	if err != nil {
		if s := platformSaid(said.String()); s != "" {
			err = errors.New(s)
		}
		return fyne.Size{}, noDisplay(err)
	}
	os.Stderr.Write(said.Bytes())
	if m == nil {
		return fyne.Size{}, nil
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		if mode := m.GetVideoMode(); mode != nil {
			w, h = mode.Width, mode.Height
		}
	}
	if w <= 0 || h <= 0 {
		return fyne.Size{}, nil
	}
	scale := float32(1)
	if mm, _ := m.GetPhysicalSize(); mm > 0 {
		if mode := m.GetVideoMode(); mode != nil {
			dpi := float32(mode.Width) / (float32(mm) / 25.4)
			if dpi >= 10 && dpi <= 1000 {
				scale = max(dpi/baselineDPI, 1)
			}
		}
	}
	if s, err := strconv.ParseFloat(os.Getenv("FYNE_SCALE"), 32); err == nil && s > 0 {
		scale *= float32(s)
	}
	return fyne.NewSize(float32(w)/scale, float32(h)/scale), nil
}

// primaryMonitor asks GLFW for the primary screen. When the display
// cannot be opened, GLFW's Init returns no error (go-gl/glfw logs the
// platform's message and goes on) and the next call panics because GLFW
// is not initialised: that panic becomes an error, so that someone who
// started Ferry over SSH or from a console reads why, not a stack trace.
func primaryMonitor() (m *glfw.Monitor, err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		var ge *glfw.Error
		if e, ok := r.(error); !ok || !errors.As(e, &ge) || ge.Code.String() != "NotInitialized" {
			panic(r)
		}
		err = ge
	}()
	return glfw.GetPrimaryMonitor(), nil
}

// platformSaid returns the platform errors in what go-gl/glfw logged,
// without the log's date and time.
func platformSaid(logged string) string {
	var said []string
	for _, line := range strings.Split(logged, "\n") {
		if _, msg, ok := strings.Cut(line, "PlatformError: "); ok {
			said = append(said, msg)
		}
	}
	return strings.Join(said, "; ")
}

// noDisplay says that the window cannot open, why, and what to do.
func noDisplay(cause error) error {
	where := ""
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		where = fmt.Sprintf(" (DISPLAY=%q, WAYLAND_DISPLAY=%q)", os.Getenv("DISPLAY"), os.Getenv("WAYLAND_DISPLAY"))
	}
	return fmt.Errorf("cannot open a window: %w%s: %v\n"+
		"Ferry is a desktop app and needs a graphical session; in a terminal, ferry-cli does the same transfers", errNoDisplay, where, cause)
}
