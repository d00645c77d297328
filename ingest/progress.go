package ingest

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// ProgressMinBytes is the input size below which Options.Progress stays
// silent: small inputs load faster than a progress line can be read.
const ProgressMinBytes = 4 << 20

// progress draws one status line, redrawn in place:
//
//	reading  45.2 MB / 120.0 MB  38%  152.3 MB/s  61,234 events/s
//
// Bytes are those read from disk (compressed files count their compressed
// size). addBytes may be called from any goroutine.
type progress struct {
	w      io.Writer
	total  int64
	read   atomic.Int64
	events int64
	start  time.Time
	last   time.Time
	quiet  bool
}

func newProgress(w io.Writer, total int64) *progress {
	now := time.Now()
	return &progress{w: w, total: total, start: now, last: now, quiet: total < ProgressMinBytes}
}

func (p *progress) addBytes(n int) { p.read.Add(int64(n)) }

// addEvents is called from the loader's goroutine only; it redraws at most
// five times a second.
func (p *progress) addEvents(n int) {
	p.events += int64(n)
	if p.quiet {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= 200*time.Millisecond {
		p.last = now
		p.draw(now)
	}
}

func (p *progress) draw(now time.Time) {
	secs := now.Sub(p.start).Seconds()
	if secs <= 0 {
		secs = 1e-9
	}
	read := p.read.Load()
	pct := ""
	if p.total > 0 {
		pct = fmt.Sprintf("%3.0f%%", 100*float64(min(read, p.total))/float64(p.total))
	}
	fmt.Fprintf(p.w, "\rreading %7.1f MB / %.1f MB  %s  %6.1f MB/s  %s events/s   ",
		float64(read)/1e6, float64(p.total)/1e6, pct, float64(read)/1e6/secs, commas(int(float64(p.events)/secs)))
}

// finish draws the final state and ends the line (inputs over
// ProgressMinBytes only).
func (p *progress) finish() {
	if p.quiet {
		return
	}
	p.draw(time.Now())
	fmt.Fprintln(p.w)
}
