package memlimit

import "context"

// ReserveMin is the smallest allocation worth a Reserve: below it the
// watchdog's sampling bounds what can pass the limit between two samples.
const ReserveMin = 1 << 20

// Reserve checks, before work allocates n more bytes in one step (a
// string built by concatenation, a table grown by whole columns), that
// the heap in use plus n stays within the limit of the Watch ctx is under.
// When it would not, it stops the run as the watchdog does (ctx is
// cancelled with the watch's cause, the heap in use plus n) and returns
// false; the caller must not allocate. It returns true for a ctx that is
// not watched and for n below ReserveMin (the watchdog covers those).
//
// The watchdog samples the heap every Interval; a goroutine that
// allocates one large block between two samples (or while the watchdog
// waits for a processor on a loaded machine) could otherwise pass the
// limit, and the process's address-space limit, in one step.
func Reserve(ctx context.Context, n int64) bool {
	if n < ReserveMin || ctx == nil {
		return true
	}
	w, ok := ctx.Value(watchedKey{}).(*watched)
	if !ok {
		return true
	}
	inUse := InUse()
	if int64(min(inUse, 1<<62))+n <= w.limit {
		return true
	}
	if ctx.Err() == nil {
		w.exceeded(inUse + uint64(n))
	}
	return false
}
