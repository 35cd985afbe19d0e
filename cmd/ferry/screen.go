package main

import (
	"os"
	"strconv"

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
func screenSize() fyne.Size {
	if err := glfw.Init(); err != nil {
		return fyne.Size{}
	}
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		if mode := m.GetVideoMode(); mode != nil {
			w, h = mode.Width, mode.Height
		}
	}
	if w <= 0 || h <= 0 {
		return fyne.Size{}
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
	return fyne.NewSize(float32(w)/scale, float32(h)/scale)
}
