package ui

import (
	"context"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// busyStep is how often a busy bar moves, and busyPositions how many
// places its segment takes across the bar: a sweep in two seconds.
//
// Fyne redraws the whole window for any change, and its own infinite
// progress bar moves at every frame: under software OpenGL the window's
// process used 1.6-1.7 cores for as long as a pane was connecting or
// listing, and kept doing so while the certificate question waited for
// the user. Moving four times a second shows the same life for a fifteenth
// of that.
const (
	busyStep      = 250 * time.Millisecond
	busyPositions = 8
)

// busyBar is an indeterminate progress bar that moves in steps: a
// segment of the theme's primary colour travels over a fainter track.
// Start and Stop run on the UI goroutine.
type busyBar struct {
	widget.BaseWidget
	// ctx is the life of what shows the bar (its window): when it ends,
	// the ticker of a running bar ends too, Stop or not.
	ctx context.Context
	// do runs a function on the UI goroutine (fyne.Do).
	do func(func())
	// pos is the segment's place, 0 to busyPositions-1; UI goroutine.
	pos int
	// stop ends the ticker of a running bar; nil when stopped.
	stop chan struct{}
	// stopped is closed when the ticker of the last Start has ended.
	stopped chan struct{}
}

func newBusyBar(ctx context.Context, do func(func())) *busyBar {
	b := &busyBar{ctx: ctx, do: do}
	b.ExtendBaseWidget(b)
	return b
}

// Start sets the bar moving; a running bar goes on.
func (b *busyBar) Start() {
	if b.stop != nil {
		return
	}
	stop, stopped := make(chan struct{}), make(chan struct{})
	b.stop, b.stopped = stop, stopped
	go func() {
		defer close(stopped)
		t := time.NewTicker(busyStep)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-b.ctx.Done():
				return
			case <-t.C:
				b.do(func() {
					if b.stop == stop { // not stopped (and started again) meanwhile
						b.advance()
					}
				})
			}
		}
	}()
}

// Stop halts the bar where it is.
func (b *busyBar) Stop() {
	if b.stop == nil {
		return
	}
	close(b.stop)
	b.stop = nil
}

// Running says whether the bar moves.
func (b *busyBar) Running() bool { return b.stop != nil }

// advance moves the segment one place on, back to the start after the end.
func (b *busyBar) advance() {
	b.pos = (b.pos + 1) % busyPositions
	b.Refresh()
}

func (b *busyBar) CreateRenderer() fyne.WidgetRenderer {
	r := &busyBarRenderer{bar: b}
	r.objects = []fyne.CanvasObject{&r.track, &r.segment}
	r.Refresh()
	return r
}

type busyBarRenderer struct {
	bar            *busyBar
	track, segment canvas.Rectangle
	objects        []fyne.CanvasObject
}

// MinSize is that of Fyne's progress bars: the height of a line of text
// and the width of "100%", with the inner padding around.
func (r *busyBarRenderer) MinSize() fyne.Size {
	th := r.bar.Theme()
	pad2 := th.Size(theme.SizeNameInnerPadding) * 2
	text := fyne.MeasureText("100%", th.Size(theme.SizeNameText), fyne.TextStyle{})
	return fyne.NewSize(text.Width+pad2, text.Height+pad2)
}

func (r *busyBarRenderer) Layout(size fyne.Size) {
	r.track.Resize(size)
	w := size.Width / 3
	step := (size.Width - w) / (busyPositions - 1)
	r.segment.Move(fyne.NewPos(step*float32(r.bar.pos), 0))
	r.segment.Resize(fyne.NewSize(w, size.Height))
}

func (r *busyBarRenderer) Refresh() {
	th := r.bar.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	primary := th.Color(theme.ColorNamePrimary, v)
	radius := th.Size(theme.SizeNameInputRadius)
	track := color.NRGBAModel.Convert(primary).(color.NRGBA)
	track.A /= 2
	r.track.FillColor = track
	r.track.CornerRadius = radius
	r.segment.FillColor = primary
	r.segment.CornerRadius = radius
	r.Layout(r.bar.Size())
	r.track.Refresh()
	r.segment.Refresh()
}

func (r *busyBarRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *busyBarRenderer) Destroy()                     {}
