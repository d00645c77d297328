package query

import (
	"context"
	"errors"
	"fmt"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/internal/memlimit"
)

// DefaultMaxMemory returns the memory limit used when Limits.MaxMemory is
// 0: half the memory the process may use, which is the smallest of the
// physical memory, the cgroup's memory.max and the address-space limit
// (ulimit -v) less 1 GiB that the Go runtime reserves; 4 GiB where none of
// them is known (outside Linux). At least 64 MiB.
func DefaultMaxMemory() int64 { return memlimit.Default() }

// MemoryLimitError is the error of a run or a read of logs that
// Limits.MaxMemory (or WatchMemory's limit) stopped. A search run stopped
// so fails with a *SearchError of code diag.CodeLimitExceeded at the
// command that was running; errors.As finds this error in it too.
type MemoryLimitError struct {
	// Limit is the limit passed and InUse the bytes of heap objects when
	// it was, in bytes.
	Limit, InUse int64
	// What was running, when known outside a search ("reading logs").
	What string

	// stop is the error eval reports at the command that was running.
	stop *eval.Error
}

// newMemoryLimitError makes the error of passing limit with inUse bytes.
func newMemoryLimitError(limit int64, inUse uint64, what string) *MemoryLimitError {
	e := &MemoryLimitError{Limit: limit, InUse: int64(min(inUse, 1<<62)), What: what}
	e.stop = &eval.Error{Span: ast.Span{Start: -1, End: -1}, Code: diag.CodeLimitExceeded, Msg: e.message()}
	return e
}

// message is the error's text without What.
func (e *MemoryLimitError) message() string {
	return fmt.Sprintf("the memory in use (%s) passed the limit of %s; raise it with --max-memory (query.Limits.MaxMemory)",
		memlimit.Format(e.InUse), memlimit.Format(e.Limit))
}

// Error names what was running, the memory in use, the limit and how to
// raise it.
func (e *MemoryLimitError) Error() string {
	if e == nil {
		return "query: nil MemoryLimitError"
	}
	if e.What == "" {
		return e.message()
	}
	return e.What + ": " + e.message()
}

// Unwrap returns the position-less eval error the run was cancelled
// with: eval reports it at the command that was running.
func (e *MemoryLimitError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.stop
}

// WatchMemory returns a context derived from ctx that is cancelled, with
// a *MemoryLimitError naming what as its cause (context.Cause), when the
// process's heap passes limit bytes (0: DefaultMaxMemory; negative: no
// limit), and the function that stops watching; call it when the work
// ends. overrun, when not nil, is called as Config.OnMemoryOverrun is.
// Search.Exec and Env.Load watch with Limits.MaxMemory themselves;
// WatchMemory is for other work (reading logs with package ingest).
// Runs inside a watched context are not watched again with a larger
// limit. See package internal/memlimit for what is counted.
func WatchMemory(ctx context.Context, limit int64, what string, overrun func(*MemoryLimitError)) (context.Context, context.CancelFunc) {
	if limit == 0 {
		limit = DefaultMaxMemory()
	}
	var over func(uint64)
	if overrun != nil {
		over = func(inUse uint64) { overrun(newMemoryLimitError(limit, inUse, what)) }
	}
	return memlimit.Watch(ctx, limit, func(inUse uint64) error {
		return newMemoryLimitError(limit, inUse, what)
	}, over)
}

// MemoryLimitCause returns the *MemoryLimitError ctx was cancelled with,
// nil when it was not.
func MemoryLimitCause(ctx context.Context) *MemoryLimitError {
	if ctx.Err() == nil {
		return nil
	}
	var me *MemoryLimitError
	if errors.As(context.Cause(ctx), &me) {
		return me
	}
	return nil
}

// watchMemory is WatchMemory with the Env's Limits.MaxMemory.
func (e *Env) watchMemory(ctx context.Context, what string) (context.Context, context.CancelFunc) {
	var limit int64
	var overrun func(*MemoryLimitError)
	if e != nil {
		limit, overrun = e.cfg.Limits.MaxMemory, e.cfg.OnMemoryOverrun
	}
	return WatchMemory(ctx, limit, what, overrun)
}

// memoryError returns the error of work that failed with err under ctx:
// the *MemoryLimitError when ctx was stopped by the memory limit, else
// nil.
func memoryError(ctx context.Context, err error) error {
	me := MemoryLimitCause(ctx)
	if me == nil || err == nil {
		return nil
	}
	return me
}
