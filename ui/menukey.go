package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// isMenuKey reports whether ev asks for a context menu from the keyboard:
// the Menu key, or Shift+F10 as in Windows and GTK applications.
func isMenuKey(ev *fyne.KeyEvent, shift bool) bool {
	return ev.Name == desktop.KeyMenu || (ev.Name == fyne.KeyF10 && shift)
}

// shiftHeld reports whether Shift is held, as far as the driver knows.
func shiftHeld() bool {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// menuBelow is where a menu opened from the keyboard for row goes: under
// its left end, a little in, as a right click there would put it; at the
// top left of area when the row is not drawn.
func menuBelow(row, area fyne.CanvasObject) fyne.Position {
	d := fyne.CurrentApp().Driver()
	if row == nil {
		return d.AbsolutePositionForObject(area)
	}
	return d.AbsolutePositionForObject(row).Add(fyne.NewPos(4*theme.Padding(), row.Size().Height))
}
