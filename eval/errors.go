package eval

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/spelunk-dev/spelunk/ast"
)

// Error is a compile-time or run-time error tied to the part of the search
// that caused it. Span holds byte offsets into the search text the parser
// read; the CLI maps them to line:col.
type Error struct {
	Span ast.Span
	Msg  string
	// Code classifies the error: CodeUnsupported, CodeRefused or
	// CodeInvalid; empty is treated as CodeInvalid.
	Code string
}

// The values of Error.Code.
const (
	// CodeUnsupported: a command, function or option spelunk does not
	// implement yet.
	CodeUnsupported = "unsupported"
	// CodeRefused: something that cannot run locally by design (metrics
	// indexes, ML models, sending mail, running scripts).
	CodeRefused = "refused"
	// CodeInvalid: the search itself is wrong (unknown function, bad arity,
	// wildcard mismatch, ...).
	CodeInvalid = "invalid"
)

// Error returns "offset N: msg", or just msg when the span is unknown
// (negative).
func (e *Error) Error() string {
	if e.Span.Start < 0 {
		return e.Msg
	}
	return "offset " + strconv.Itoa(int(e.Span.Start)) + ": " + e.Msg
}

// ErrorList is several compile errors, in source order.
type ErrorList []*Error

// Error returns the first error's text and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// ErrInternal is wrapped by the error Run or Compile returns when the
// evaluator hits a bug (a recovered panic); fuzzers treat it as a failure.
var ErrInternal = errors.New("internal error")

func errAt(span ast.Span, format string, args ...any) *Error {
	return &Error{Span: span, Msg: fmt.Sprintf(format, args...), Code: CodeInvalid}
}

// errs collects compile errors.
type errs struct{ list ErrorList }

func (e *errs) add(err *Error) { e.list = append(e.list, err) }

func (e *errs) addf(span ast.Span, format string, args ...any) {
	e.add(errAt(span, format, args...))
}

// unsupported reports something spelunk will implement later.
func (e *errs) unsupported(span ast.Span, format string, args ...any) {
	err := errAt(span, format, args...)
	err.Code = CodeUnsupported
	e.add(err)
}

// refused reports something that cannot run locally by design.
func (e *errs) refused(span ast.Span, format string, args ...any) {
	err := errAt(span, format, args...)
	err.Code = CodeRefused
	e.add(err)
}

// err returns nil, the single *Error, or the ErrorList sorted by position.
func (e *errs) err() error {
	switch len(e.list) {
	case 0:
		return nil
	case 1:
		return e.list[0]
	}
	sortErrors(e.list)
	return e.list
}

func sortErrors(l ErrorList) {
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && l[j].Span.Start < l[j-1].Span.Start; j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
}
