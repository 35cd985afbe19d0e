package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestFlatButton: a tap, Space and Return press the button; disabled, it
// ignores all three.
func TestFlatButton(t *testing.T) {
	test.NewTempApp(t)
	n := 0
	b := newFlatButton("Connect", nil, func() { n++ })
	test.Tap(b)
	b.TypedRune(' ')
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	b.TypedRune('x')
	if n != 3 {
		t.Fatalf("pressed %d times, want 3", n)
	}
	b.Disable()
	test.Tap(b)
	b.TypedRune(' ')
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if n != 3 {
		t.Errorf("a disabled button was pressed")
	}
	if s := test.WidgetRenderer(b).MinSize(); s.Width <= fyne.MeasureText("Connect", 14, fyne.TextStyle{}).Width {
		t.Errorf("min size %v leaves no room around the title", s)
	}
}
