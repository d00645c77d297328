package query

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/parser"
)

// SearchError is a problem with a search, located where the user wrote the
// offending text: in the detection file or query, or inside the definition
// of the macro the text was expanded from.
type SearchError struct {
	Stage   string          // "expand", "parse", "compile" or "run"
	Loc     macros.Location // where the offending text was written; columns count characters
	Msg     string
	Snippet string        // the offending line with a caret under the offending character (diag.Caret); may be empty
	Macro   string        // the macro whose definition holds the text; empty when the search itself does
	Via     []macros.Call // the macro calls that led there, outermost first
	// Code is the error's stable code, as the macros, parser or eval
	// error that caused it was raised with (diag.CodeUnknownMacro,
	// diag.CodeParseError, diag.CodeUnsupportedCommand, ...).
	Code diag.Code
	// Err is the error of the macros, parser or eval package this one
	// locates (errors.As reaches it); nil when there is none.
	Err error
}

// Unwrap returns the error e locates.
func (e *SearchError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Class returns the class of the error's code: diag.ClassInvalid,
// ClassUnsupported, ClassRefused, ... (a nil error is of class invalid,
// as an empty code is).
func (e *SearchError) Class() diag.Class {
	if e == nil {
		return diag.Code("").Class()
	}
	return e.Code.Class()
}

// Error renders the error on one line: "file:line:col: message (in macro `m`)".
func (e *SearchError) Error() string {
	if e == nil {
		return "query: nil SearchError"
	}
	s := e.Loc.String() + ": " + e.Msg
	if e.Macro != "" {
		s += " (in expansion of macro `" + e.Macro + "`)"
	}
	return s
}

// Detail renders the error with its snippet and macro call chain, for a
// terminal.
func (e *SearchError) Detail() string {
	if e == nil {
		return e.Error()
	}
	var b strings.Builder
	b.WriteString(e.Error())
	if e.Snippet != "" {
		b.WriteString("\n" + e.Snippet)
	}
	for _, c := range e.Via {
		fmt.Fprintf(&b, "\n  in expansion of `%s` called at %s", CallText(c), c.Loc)
	}
	return b.String()
}

// CallText is a macro call as written, without backticks.
func CallText(c macros.Call) string {
	if len(c.Args) == 0 {
		return c.Name
	}
	return c.Name + "(" + strings.Join(c.Args, ",") + ")"
}

// expandError converts an expansion error; other errors pass unchanged.
// The snippet shows the line of the file the error points into, when that
// file can be read.
func expandError(err error) error {
	var me *macros.Error
	if !errors.As(err, &me) {
		return err
	}
	return &SearchError{Stage: "expand", Loc: me.Loc, Msg: me.Msg, Macro: me.Macro, Code: me.Code,
		Snippet: FileSnippet(me.Loc, nil), Err: err}
}

// parseError converts a syntax error in the expanded search x; other
// errors pass unchanged.
func parseError(x *macros.Expansion, err error) error {
	var pe *parser.Error
	if !errors.As(err, &pe) {
		return err
	}
	se := Positioned("parse", x, int(pe.Pos), pe.Msg)
	se.Code, se.Err = pe.Code, err
	return se
}

// compileError converts the error of compiling (stage "compile") or
// running (stage "run") the expanded search x; errors that are no eval
// errors pass unchanged.
func compileError(stage string, x *macros.Expansion, err error) error {
	ee := firstEvalError(err)
	if ee == nil || x == nil {
		return err
	}
	se := Positioned(stage, x, max(int(ee.Span.Start), 0), ee.Msg)
	se.Code, se.Err = evalCode(ee), ee
	return se
}

// Positioned builds a SearchError for byte offset pos of the expanded text
// (without a position when x is nil).
func Positioned(stage string, x *macros.Expansion, pos int, msg string) *SearchError {
	if x == nil {
		return &SearchError{Stage: stage, Msg: msg}
	}
	o := x.Origin(pos)
	return &SearchError{
		Stage: stage, Loc: o.Loc, Msg: msg, Macro: o.Macro, Via: o.Via,
		Snippet: diag.Caret(x.Text, pos),
	}
}

// firstEvalError returns the eval error to report for err: the first
// invalid one of a list (the search's own bug wins over spelunk's gaps),
// else the first; nil when err is no eval error.
func firstEvalError(err error) *eval.Error {
	var list eval.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		for _, e := range list {
			if evalCode(e).Class() == diag.ClassInvalid {
				return e
			}
		}
		return list[0]
	}
	var ee *eval.Error
	if errors.As(err, &ee) {
		return ee
	}
	return nil
}

// evalCode is e.Code; an error raised without one is a compile error.
func evalCode(e *eval.Error) diag.Code {
	if e.Code == "" {
		return diag.CodeCompileError
	}
	return e.Code
}

// FileSnippet shows the line of the file at loc with a caret under its
// column; data is the file's text when the caller has it, else the file is
// read. "" when there is no line or the file cannot be read (a query
// given on the command line, a built-in macro).
func FileSnippet(loc macros.Location, data []byte) string {
	if loc.Line <= 0 || loc.File == "" || loc.File == BuiltinFile {
		return ""
	}
	if data == nil {
		var err error
		if data, err = os.ReadFile(loc.File); err != nil {
			return ""
		}
	}
	text := string(data)
	if strings.Count(text, "\n")+1 < loc.Line {
		return ""
	}
	return diag.CaretAt(text, loc)
}

// BuiltinFile is the file name the macros package gives its built-in
// definitions; no snippet is drawn from it.
const BuiltinFile = "<builtin>"
