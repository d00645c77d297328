package eval

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// Error is a compile-time or run-time error tied to the part of the search
// that caused it. Span holds byte offsets into the search text the parser
// read; the CLI maps them to line:col.
type Error struct {
	Span ast.Span
	Msg  string
	// Code is the error's stable code, set where it is raised:
	// diag.CodeUnsupportedCommand, CodeUnsupportedFunc, CodeUnsupported
	// (an option or form), CodeRefused, CodeCompileError, CodeRuntimeError
	// or CodeLimitExceeded. Its class (Class) is what callers that only
	// need to know whose fault the error is compare; an empty code is of
	// class invalid.
	Code diag.Code
}

// Class returns the class of the error's code: CodeUnsupported,
// CodeRefused or CodeInvalid (and diag.ClassLimit for row limits); a nil
// Error is of class invalid, as an empty code is.
func (e *Error) Class() diag.Class {
	if e == nil {
		return diag.Code("").Class()
	}
	return e.Code.Class()
}

// Position returns where the error is in text, the search the parser
// read, written in file: line and column in characters. An error without
// a span is at the start.
func (e *Error) Position(file, text string) diag.Pos {
	if e == nil {
		return diag.At(file, text, 0)
	}
	return diag.At(file, text, max(int(e.Span.Start), 0))
}

// The classes of Error.Code, under the names they had when an Error held
// only its class. Compare them with Error.Class.
const (
	// CodeUnsupported: a command, function or option spelunk does not
	// implement yet.
	CodeUnsupported = diag.ClassUnsupported
	// CodeRefused: something that cannot run locally by design (metrics
	// indexes, ML models, sending mail, running scripts).
	CodeRefused = diag.ClassRefused
	// CodeInvalid: the search itself is wrong (unknown function, bad arity,
	// wildcard mismatch, ...).
	CodeInvalid = diag.ClassInvalid
)

// Error returns "offset N: msg", or just msg when the span is unknown
// (negative).
func (e *Error) Error() string {
	if e == nil {
		return "eval: nil Error"
	}
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

// errAt returns an error in the search itself (diag.CodeCompileError;
// Program.Run reports one a stage returns while running as
// diag.CodeRuntimeError).
func errAt(span ast.Span, format string, args ...any) *Error {
	return codedAt(span, diag.CodeCompileError, format, args...)
}

// codedAt returns an error with the given code.
func codedAt(span ast.Span, code diag.Code, format string, args ...any) *Error {
	return &Error{Span: span, Msg: fmt.Sprintf(format, args...), Code: code}
}

// limitAt reports a stage that produced more rows than allowed.
func limitAt(span ast.Span, format string, args ...any) *Error {
	return codedAt(span, diag.CodeLimitExceeded, format, args...)
}

// errs collects compile errors.
type errs struct{ list ErrorList }

func (e *errs) add(err *Error) { e.list = append(e.list, err) }

func (e *errs) addf(span ast.Span, format string, args ...any) {
	e.add(errAt(span, format, args...))
}

// unsupported reports an option or form spelunk will implement later.
func (e *errs) unsupported(span ast.Span, format string, args ...any) {
	e.add(codedAt(span, diag.CodeUnsupported, format, args...))
}

// unsupportedCommand reports a command spelunk will implement later; span
// is the command's.
func (e *errs) unsupportedCommand(span ast.Span, format string, args ...any) {
	e.add(codedAt(span, diag.CodeUnsupportedCommand, format, args...))
}

// unsupportedFunc reports a function (eval, stats, convert) spelunk will
// implement later; span is the call's.
func (e *errs) unsupportedFunc(span ast.Span, format string, args ...any) {
	e.add(codedAt(span, diag.CodeUnsupportedFunc, format, args...))
}

// refused reports something that cannot run locally by design.
func (e *errs) refused(span ast.Span, format string, args ...any) {
	e.add(codedAt(span, diag.CodeRefused, format, args...))
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
