package eval

import (
	"errors"
	"fmt"

	"github.com/spelunk-dev/spelunk/ast"
)

// Run-time bounds on what one search may hold (docs/limits.md). Each is
// reported as a diag.CodeLimitExceeded error at the command that exceeded
// it; a zero Options field means the default here.
const (
	// DefaultMaxValueLen is the most bytes one field value may hold: a
	// string, or the values of a multivalue together (Options.MaxValueLen).
	DefaultMaxValueLen = 16 << 20
	// DefaultMaxMultivalue is the most values one multivalue may hold
	// (Options.MaxMultivalue).
	DefaultMaxMultivalue = 100_000
	// DefaultMaxCells is the most cells (rows × columns) a command's table
	// may hold (Options.MaxCells): about 2.8 GB of values.
	DefaultMaxCells = 50_000_000
)

// limitError is a run-time bound an expression exceeded; the stage that
// evaluated it reports it at its own position as diag.CodeLimitExceeded.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// stageErr turns an error an expression recorded (ectx.err) into the
// stage's error at span: a limit as diag.CodeLimitExceeded, anything else
// as an error in the search.
func stageErr(span ast.Span, err error) *Error {
	var le *limitError
	if errors.As(err, &le) {
		return limitAt(span, "%s", le.msg)
	}
	return errAt(span, "%v", err)
}

// maxValueLen, maxMultivalue and maxCells are o's bounds, the defaults
// when o is nil or a field is 0 (constant folding runs without Options).
func (o *Options) maxValueLen() int {
	if o == nil || o.MaxValueLen <= 0 {
		return DefaultMaxValueLen
	}
	return o.MaxValueLen
}

func (o *Options) maxMultivalue() int {
	if o == nil || o.MaxMultivalue <= 0 {
		return DefaultMaxMultivalue
	}
	return o.MaxMultivalue
}

func (o *Options) maxCells() int {
	if o == nil || o.MaxCells <= 0 {
		return DefaultMaxCells
	}
	return o.MaxCells
}

// failLimit records a bound exceeded and returns null, the value the
// expression yields instead.
func (c *ectx) failLimit(format string, args ...any) Value {
	c.fail(&limitError{msg: fmt.Sprintf(format, args...)})
	return Null()
}

// maxRows is the row limit of the run c belongs to.
func (c *ectx) maxRows() int {
	if c.env == nil || c.env.maxRows <= 0 {
		return DefaultMaxRows
	}
	return c.env.maxRows
}
