package memlimit

import (
	"context"
	"errors"
	"runtime/debug"
	"testing"
	"time"
)

// errOver is the cause the tests stop their runs with.
type errOver struct{ inUse uint64 }

func (e *errOver) Error() string { return "over the limit at " + Format(int64(e.inUse)) }

func cause(inUse uint64) error { return &errOver{inUse} }

// TestWatchStopsAHungryRun: a run that keeps allocating is cancelled
// with the cause soon after the heap passes the limit, and its heap is
// then near the limit, not far past it.
func TestWatchStopsAHungryRun(t *testing.T) {
	limit := int64(InUse()) + 64<<20
	ctx, stop := Watch(context.Background(), limit, cause, nil)
	defer stop()
	var keep [][]byte
	deadline := time.Now().Add(10 * time.Second)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		b := make([]byte, 1<<20)
		for i := range b {
			b[i] = 1
		}
		keep = append(keep, b)
		if len(keep) > 4096 { // 4 GiB: the watchdog failed
			break
		}
	}
	var over *errOver
	if !errors.As(context.Cause(ctx), &over) {
		t.Fatalf("cause %v after %d MiB, want the limit's", context.Cause(ctx), len(keep))
	}
	if over.inUse <= uint64(limit) || len(keep) > 256 {
		t.Errorf("stopped at %s with %d MiB allocated, limit %s", Format(int64(over.inUse)), len(keep), Format(limit))
	}
}

// TestWatchQuiet: a run under its limit, or without one, is not
// cancelled, and stopping the watchdog cancels it with context.Canceled.
func TestWatchQuiet(t *testing.T) {
	for _, limit := range []int64{0, -1, 1 << 40} {
		ctx, stop := Watch(context.Background(), limit, cause, nil)
		time.Sleep(5 * Interval)
		if ctx.Err() != nil {
			t.Errorf("limit %d: cancelled: %v", limit, context.Cause(ctx))
		}
		stop()
		if !errors.Is(context.Cause(ctx), context.Canceled) {
			t.Errorf("limit %d: cause after stop %v", limit, context.Cause(ctx))
		}
	}
}

// TestWatchSoftLimit: the runtime's soft limit is nine tenths of the
// limit while a run is watched, and as before afterwards; a nested watch
// with a larger limit changes nothing.
func TestWatchSoftLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	limit := int64(1 << 40)
	if before <= limit {
		t.Skip("a soft limit is set already (GOMEMLIMIT)")
	}
	ctx, stop := Watch(context.Background(), limit, cause, nil)
	if got := debug.SetMemoryLimit(-1); got != limit/10*9 {
		t.Errorf("soft limit %d while watched, want %d", got, limit/10*9)
	}
	inner, stopInner := Watch(ctx, 2*limit, cause, nil)
	if w, ok := inner.Value(watchedKey{}).(*watched); !ok || w.limit != limit {
		t.Errorf("nested watch with a larger limit: %v", inner.Value(watchedKey{}))
	}
	stopInner()
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("soft limit %d after, want %d", got, before)
	}
}

func TestDefault(t *testing.T) {
	d := Default()
	if d < floor {
		t.Errorf("Default() = %d", d)
	}
	if avail := available(); avail > 0 && d != max(avail/2, floor) {
		t.Errorf("Default() = %d, available %d", d, avail)
	}
	if smallest(0, 5, -1, 3) != 3 || smallest(0, -2) != 0 {
		t.Error("smallest")
	}
}

func TestFormat(t *testing.T) {
	for n, want := range map[int64]string{512: "512 bytes", 2048: "2 KiB", 512 << 20: "512 MiB", 3 << 29: "1.5 GiB", 4 << 30: "4 GiB"} {
		if got := Format(n); got != want {
			t.Errorf("Format(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestWatchOverrun: work that goes on allocating after its cancellation
// reaches the overrun function once the heap passes Overrun(limit).
func TestWatchOverrun(t *testing.T) {
	limit := int64(InUse()) + 64<<20
	over := make(chan uint64, 1)
	ctx, stop := Watch(context.Background(), limit, cause, func(inUse uint64) { over <- inUse })
	defer stop()
	var keep [][]byte
	var got uint64
	for len(keep) < 1024 && got == 0 { // ignores ctx, as a step that does not check it
		b := make([]byte, 1<<20)
		for i := range b {
			b[i] = 1
		}
		keep = append(keep, b)
		select {
		case got = <-over:
		default:
		}
	}
	if ctx.Err() == nil || got <= uint64(Overrun(limit)) {
		t.Errorf("after %d MiB: cancelled %v, overrun at %d (limit %d, overrun past %d)", len(keep), ctx.Err(), got, limit, Overrun(limit))
	}
}

// TestReserve: a reservation that would pass the limit stops the run
// with the cause (the heap plus the reservation) and is refused; one
// within the limit, a small one, or one under no watch is granted.
func TestReserve(t *testing.T) {
	if !Reserve(context.Background(), 1<<50) {
		t.Fatal("unwatched context: reservation refused")
	}
	limit := int64(InUse()) + 256<<20
	ctx, stop := Watch(context.Background(), limit, cause, nil)
	defer stop()
	if !Reserve(ctx, 16<<20) || !Reserve(ctx, ReserveMin-1) || ctx.Err() != nil {
		t.Fatalf("reservations within the limit refused: %v", context.Cause(ctx))
	}
	if Reserve(ctx, 1<<40) {
		t.Fatal("1 TiB reserved under a limit of " + Format(limit))
	}
	var over *errOver
	if !errors.As(context.Cause(ctx), &over) || over.inUse < 1<<40 {
		t.Fatalf("cause %v, want the limit's with the reservation counted", context.Cause(ctx))
	}
	if Reserve(ctx, 1<<40) {
		t.Fatal("second reservation granted")
	}
	if !errors.As(context.Cause(ctx), &over) || over.inUse < 1<<40 {
		t.Fatalf("cause changed to %v", context.Cause(ctx))
	}
}

// TestReserveNested: a run watched inside a watched run with a larger
// limit is held to the smaller one.
func TestReserveNested(t *testing.T) {
	small := int64(InUse()) + 64<<20
	outer, stop := Watch(context.Background(), small, cause, nil)
	defer stop()
	inner, stop2 := Watch(outer, small*4, cause, nil)
	defer stop2()
	if Reserve(inner, 128<<20) {
		t.Fatal("reservation past the outer limit granted")
	}
	if inner.Err() == nil {
		t.Fatal("inner run not stopped")
	}
}
