package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/dustin/go-humanize"

	"ferry/ftpcore"
)

// progressBar draws one line on a terminal: percentage, bar, bytes, speed
// and time left. It redraws at most ten times a second.
type progressBar struct {
	w     io.Writer
	name  string
	start time.Time
	base  int64 // bytes already there when the transfer began (resume)

	mu    sync.Mutex
	last  time.Time
	done  int64
	total int64
}

func newProgressBar(w io.Writer, name string, base int64) *progressBar {
	return &progressBar{w: w, name: ftpcore.Printable(name), start: time.Now(), base: base, total: -1}
}

// update is an ftpcore.ProgressFunc.
func (p *progressBar) update(done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = done, total
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond {
		p.last = now
		p.draw(now)
	}
}

// finish draws the final state and ends the line.
func (p *progressBar) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draw(time.Now())
	fmt.Fprintln(p.w)
}

func (p *progressBar) draw(now time.Time) {
	elapsed := now.Sub(p.start).Seconds()
	speed := 0.0
	if elapsed > 0 {
		speed = float64(p.done-p.base) / elapsed
	}
	line := fmt.Sprintf("%s  %s  %s/s", p.name, humanize.IBytes(uint64(max(p.done, 0))), humanize.IBytes(uint64(speed)))
	if p.total > 0 {
		frac := min(float64(p.done)/float64(p.total), 1)
		const width = 24
		fill := int(frac * width)
		eta := "--:--"
		if speed > 0 {
			left := time.Duration(float64(p.total-p.done) / speed * float64(time.Second))
			eta = fmt.Sprintf("%02d:%02d", int(left.Minutes()), int(left.Seconds())%60)
		}
		line = fmt.Sprintf("%s %3.0f%% [%s%s] %s / %s  %s/s  ETA %s", p.name, frac*100,
			strings.Repeat("=", fill), strings.Repeat(" ", width-fill),
			humanize.IBytes(uint64(p.done)), humanize.IBytes(uint64(p.total)), humanize.IBytes(uint64(speed)), eta)
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
}
