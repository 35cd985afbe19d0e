package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The test driver hands keys to nobody by itself; these helpers deliver
// them as Fyne's desktop driver does (internal/driver/glfw/window.go,
// processKeyPressed and triggersShortcut), so that a test sees what a
// keyboard would do.

// pressKey delivers a key without modifiers: Tab moves the focus unless
// the focused widget takes Tab itself; other keys go to the focused
// widget, or to the canvas when nothing has the focus.
func (h *harness) pressKey(name fyne.KeyName) {
	h.t.Helper()
	c := h.win.Canvas()
	ev := &fyne.KeyEvent{Name: name}
	focused := c.Focused()
	if name == fyne.KeyTab {
		if t, ok := focused.(fyne.Tabbable); !ok || !t.AcceptsTab() {
			c.FocusNext()
			return
		}
	}
	if focused != nil {
		focused.TypedKey(ev)
		return
	}
	if f := c.OnTypedKey(); f != nil {
		f(ev)
	}
}

// pressShortcut delivers a key with modifiers: the main menu's items come
// first, then the focused widget when it takes shortcuts, else the
// canvas's own shortcuts.
func (h *harness) pressShortcut(mod fyne.KeyModifier, name fyne.KeyName) {
	h.t.Helper()
	s := h.driverShortcut(mod, name)
	if m := h.win.MainMenu(); m != nil {
		for _, menu := range m.Items {
			if item := menuItemFor(menu, s); item != nil {
				item.Action()
				return
			}
		}
	}
	c := h.win.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(s)
}

// driverShortcut is the shortcut the desktop driver makes of a key with
// modifiers: Ctrl (Cmd on macOS) with A, C, V, X, Y or Z is one of
// Fyne's standard shortcuts, any other a desktop.CustomShortcut. The clipboard is the app's.
func (h *harness) driverShortcut(mod fyne.KeyModifier, name fyne.KeyName) fyne.Shortcut {
	if mod == fyne.KeyModifierShortcutDefault {
		switch name {
		case fyne.KeyA:
			return &fyne.ShortcutSelectAll{}
		case fyne.KeyC:
			return &fyne.ShortcutCopy{Clipboard: h.app.Clipboard()}
		case fyne.KeyV:
			return &fyne.ShortcutPaste{Clipboard: h.app.Clipboard()}
		case fyne.KeyX:
			return &fyne.ShortcutCut{Clipboard: h.app.Clipboard()}
		case fyne.KeyY:
			return &fyne.ShortcutRedo{}
		case fyne.KeyZ:
			return &fyne.ShortcutUndo{}
		}
	}
	return &desktop.CustomShortcut{KeyName: name, Modifier: mod}
}

func menuItemFor(m *fyne.Menu, s fyne.Shortcut) *fyne.MenuItem {
	for _, item := range m.Items {
		if item.Shortcut != nil && item.Shortcut.ShortcutName() == s.ShortcutName() && item.Action != nil && !item.Disabled {
			return item
		}
		if item.ChildMenu != nil {
			if found := menuItemFor(item.ChildMenu, s); found != nil {
				return found
			}
		}
	}
	return nil
}

// typeText types runes into the focused widget, or the canvas.
func (h *harness) typeText(s string) {
	c := h.win.Canvas()
	for _, r := range s {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else if g := c.OnTypedRune(); g != nil {
			g(r)
		}
	}
}
