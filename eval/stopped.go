package eval

import (
	"context"
	"errors"
	"strings"
)

// stoppedAt is the error of a run whose context was cancelled with an
// *Error cause (context.WithCancelCause) that has no position (Span.Start
// negative): a limit that a watchdog outside the run enforces, such as
// query's memory limit. It is that error at st, the command that was
// running, its message prefixed with the command's name; err, the stage's
// own error, is kept when it is that error already (a subsearch's
// command). nil when ctx was not stopped so.
func stoppedAt(ctx context.Context, st stage, err error) error {
	if ctx.Err() == nil {
		return nil
	}
	var cause *Error
	if !errors.As(context.Cause(ctx), &cause) || cause.Span.Start >= 0 {
		return nil
	}
	var inner *Error
	if errors.As(err, &inner) && inner.Code == cause.Code && inner.Span.Start >= 0 && strings.HasSuffix(inner.Msg, ": "+cause.Msg) {
		return err
	}
	return &Error{Span: st.span(), Code: cause.Code, Msg: st.name() + ": " + cause.Msg}
}
