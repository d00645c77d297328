// Package memlimit stops a run whose process holds more memory than a
// limit, before the Go runtime fails with "fatal error: out of memory".
//
// Watch ties a watchdog goroutine to a run's context: it samples the
// bytes of heap objects (runtime/metrics) every few milliseconds and,
// once they pass the limit, cancels the context with a cause the caller
// makes, so that the run ends through its ordinary cancellation checks
// with an error naming the limit. Should work that does not check its
// context go on allocating, it calls an overrun function the caller gives
// (a command-line program reports the error and exits there). While it
// watches it also lowers the runtime's soft memory limit
// (debug.SetMemoryLimit) to nine tenths of the limit, so that the garbage
// collector works harder before the limit is reached and what is counted
// is mostly live data.
//
// The count is the whole process's heap: a run is stopped when the
// process passes the limit while it runs, whatever else holds memory.
//
// Default is the limit used when none is given: half the memory the
// process may use (see Default).
package memlimit
