package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// steadyOverride shows content under a theme, as container.ThemeOverride
// does, but keeps the override's scope when a parent refreshes it.
// Fyne's override starts a new scope at every Refresh, and Fyne caches
// the parsed fonts of text by scope and never drops a scope's: each
// refresh followed by new text (a queue row's progress) parsed the
// fonts again, about 1 MiB a text style, kept until the window closed.
// The tab bar of the queue refreshes every tab's content each time a
// title changes, that is with every job. A refresh of a steadyOverride
// refreshes the content under the scope it already has: a list gives
// its new rows its own scope, and every size and colour of denseTheme
// is read from the app's theme when used. A change of the app's theme
// still reaches the override (Fyne walks every object then), and Fyne
// drops its font caches then anyway.
type steadyOverride struct {
	widget.BaseWidget
	over *container.ThemeOverride
}

func newSteadyOverride(content fyne.CanvasObject, th fyne.Theme) *steadyOverride {
	s := &steadyOverride{over: container.NewThemeOverride(content, th)}
	s.ExtendBaseWidget(s)
	return s
}

// CreateRenderer shows the override.
func (s *steadyOverride) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.over)
}

// Refresh redraws the content, not the override (which would start a
// new scope).
func (s *steadyOverride) Refresh() { s.over.Content.Refresh() }
