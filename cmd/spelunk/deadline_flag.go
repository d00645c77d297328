package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spelunk-dev/spelunk/query"
)

// deadlineFlag is --timeout of a command that reads logs or content but
// runs no search (events, fields, check, export): a deadline on the whole
// command, honoured by the readers and writers through their context.
type deadlineFlag struct {
	Timeout time.Duration `help:"Stop when the command runs longer than this (e.g. 30s, 5m); 0: no limit." default:"0" placeholder:"DURATION"`
}

// deadlineError is the cause of a context the flag's deadline ended.
type deadlineError struct{ d time.Duration }

func (e *deadlineError) Error() string {
	return fmt.Sprintf("stopped after --timeout %s", e.d)
}

// bound returns ctx with the flag's deadline (ctx itself, with a no-op
// cancel, for none).
func (f deadlineFlag) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if f.Timeout <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeoutCause(ctx, f.Timeout, &deadlineError{f.Timeout})
}

// deadlineCause returns the flag's error when its deadline ended ctx
// (which made the work fail), else nil.
func deadlineCause(ctx context.Context) error {
	var de *deadlineError
	if ctx.Err() != nil && errors.As(context.Cause(ctx), &de) {
		return de
	}
	return nil
}

// stopCause returns the limit's error when --max-memory or --timeout
// ended ctx and the work failed (err not nil), else err.
func stopCause(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if me := query.MemoryLimitCause(ctx); me != nil {
		return me
	}
	if de := deadlineCause(ctx); de != nil {
		return de
	}
	return err
}

// commandLimits returns the context of a command's work bounded by its
// --timeout (d) and watched by its --max-memory (m), what naming the work
// in the memory error, and the function that ends both; call it when the
// work ends.
func commandLimits(m memoryFlag, d deadlineFlag, what string) (context.Context, context.CancelFunc, error) {
	ctx, cancel := d.bound(context.Background())
	ctx, stop, err := m.watch(ctx, what)
	if err != nil {
		cancel()
		return nil, nil, err
	}
	return ctx, func() { stop(); cancel() }, nil
}
