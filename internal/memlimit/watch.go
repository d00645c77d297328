package memlimit

import (
	"context"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// Interval is how often the watchdog samples the heap.
const Interval = 5 * time.Millisecond

// heapObjects is the runtime/metrics name of the bytes of heap objects,
// live and not yet swept; it is read without stopping the world.
const heapObjects = "/memory/classes/heap/objects:bytes"

// watchedKey marks a context watched by Watch; its value is the
// *watched state.
type watchedKey struct{}

// watched is what a watched context knows of its watch: the limit, and
// how to stop the run (once) when it is passed.
type watched struct {
	limit    int64
	exceeded func(inUse uint64)
}

// InUse returns the bytes of heap objects now.
func InUse() uint64 {
	s := []metrics.Sample{{Name: heapObjects}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// Watch returns a context derived from ctx that is cancelled with
// cause(inUse) once the bytes of heap objects pass limit, and a function
// that stops the watchdog (and cancels the context); call it when the run
// ends. limit <= 0 watches nothing. A ctx already watched with a limit no
// larger is not watched again.
//
// Work stops only where it checks its context. When the heap goes on
// growing past Overrun(limit) after the cancellation (a step that does
// not check, allocating), overrun (if not nil) is called once, from the
// watchdog's goroutine, with the bytes in use: a command-line program
// reports the error and exits there, before the runtime runs out.
//
// The soft memory limit of the runtime is lowered to nine tenths of limit
// while the watchdog runs, unless it is lower already, and restored when
// it stops unless someone changed it meanwhile.
func Watch(ctx context.Context, limit int64, cause func(inUse uint64) error, overrun func(inUse uint64)) (context.Context, context.CancelFunc) {
	if prev, ok := ctx.Value(watchedKey{}).(*watched); limit <= 0 || ok && prev.limit <= limit {
		return context.WithCancel(ctx)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	var stopOnce sync.Once
	exceeded := func(inUse uint64) { stopOnce.Do(func() { cancel(cause(inUse)) }) }
	ctx = context.WithValue(ctx, watchedKey{}, &watched{limit: limit, exceeded: exceeded})
	restore := lowerSoftLimit(limit / 10 * 9)
	done := make(chan struct{})
	w := &watchdog{limit: uint64(limit), hard: uint64(Overrun(limit)), done: done,
		exceeded: exceeded, overrun: overrun}
	go w.run()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			close(done)
			cancel(context.Canceled)
			restore()
		})
	}
}

// Overrun is the heap past which Watch calls its overrun function: the
// limit plus a quarter (at least 64 MiB more).
func Overrun(limit int64) int64 { return limit + max(limit/4, 64<<20) }

// watchdog samples the heap of one watched run.
type watchdog struct {
	limit, hard uint64
	done        <-chan struct{}
	exceeded    func(uint64)
	overrun     func(uint64)
}

// run samples the heap until done is closed: it calls exceeded once when
// the heap passes the limit, then overrun once when it passes hard.
func (w *watchdog) run() {
	s := []metrics.Sample{{Name: heapObjects}}
	t := time.NewTicker(Interval)
	defer t.Stop()
	cancelled := false
	for {
		metrics.Read(s)
		if s[0].Value.Kind() == metrics.KindUint64 {
			v := s[0].Value.Uint64()
			if !cancelled && v > w.limit {
				w.exceeded(v)
				cancelled = true
			}
			if cancelled && v > w.hard {
				if w.overrun != nil {
					w.overrun(v)
				}
				return
			}
		}
		select {
		case <-w.done:
			return
		case <-t.C:
		}
	}
}

// lowerSoftLimit sets the runtime's soft memory limit to v when it is
// higher, and returns the function that restores it.
func lowerSoftLimit(v int64) func() {
	prev := debug.SetMemoryLimit(-1)
	if v <= 0 || prev <= v {
		return func() {}
	}
	debug.SetMemoryLimit(v)
	return func() {
		if debug.SetMemoryLimit(-1) == v {
			debug.SetMemoryLimit(prev)
		}
	}
}
