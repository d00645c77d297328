package query

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spelunk-dev/spelunk/eval"

	"github.com/spelunk-dev/spelunk/macros"
)

// SearchError is a problem with a search, located where the user wrote the
// offending text: in the detection file or query, or inside the definition
// of the macro the text was expanded from.
type SearchError struct {
	Stage   string          // "expand", "parse" or "compile"
	Loc     macros.Location // where the offending text was written
	Msg     string
	Snippet string        // the expanded search line with a caret under the offending byte; may be empty
	Macro   string        // the macro whose definition holds the text; empty when the search itself does
	Via     []macros.Call // the macro calls that led there, outermost first
	// Code classifies compile and run errors as eval does
	// (eval.CodeUnsupported, eval.CodeRefused, eval.CodeInvalid); empty
	// for expansion and parse errors.
	Code string
	// Err is the error of the macros, parser or eval package this one
	// locates (errors.As reaches it); nil when there is none.
	Err error
}

// Unwrap returns the error e locates.
func (e *SearchError) Unwrap() error { return e.Err }

// Error renders the error on one line: "file:line:col: message (in macro `m`)".
func (e *SearchError) Error() string {
	s := e.Loc.String() + ": " + e.Msg
	if e.Macro != "" {
		s += " (in expansion of macro `" + e.Macro + "`)"
	}
	return s
}

// Detail renders the error with its snippet and macro call chain, for a
// terminal.
func (e *SearchError) Detail() string {
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

// Positioned builds a SearchError for byte offset pos of the expanded text.
func Positioned(stage string, x *macros.Expansion, pos int, msg string) *SearchError {
	o := x.Origin(pos)
	return &SearchError{
		Stage: stage, Loc: o.Loc, Msg: msg, Macro: o.Macro, Via: o.Via,
		Snippet: CaretSnippet(x.Text, pos),
	}
}

// CaretSnippet shows the line of text holding pos, cut to about 100 bytes
// around it, and a caret under pos.
func CaretSnippet(text string, pos int) string {
	if pos < 0 {
		pos = 0
	}
	if pos > len(text) {
		pos = len(text)
	}
	start := strings.LastIndexByte(text[:pos], '\n') + 1
	end := strings.IndexByte(text[pos:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += pos
	}
	line, col := text[start:end], pos-start
	const width = 100
	prefix := ""
	if col > width*3/4 {
		cut := col - width/2
		line, col, prefix = line[cut:], col-cut, "..."
	}
	suffix := ""
	if len(line) > width {
		line, suffix = line[:width], "..."
	}
	return " | " + prefix + line + suffix + "\n | " + strings.Repeat(" ", len(prefix)+col) + "^"
}

// firstEvalError returns the eval error to report for err: the first
// invalid one of a list (the search's own bug wins over spelunk's gaps),
// else the first; nil when err is no eval error.
func firstEvalError(err error) *eval.Error {
	var list eval.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		for _, e := range list {
			if evalCode(e) == eval.CodeInvalid {
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

// evalCode is e.Code with the transition rule of classifyEvalError: an
// uncoded error saying "not supported" is unsupported, else invalid.
func evalCode(e *eval.Error) string {
	if e.Code != "" {
		return e.Code
	}
	if strings.Contains(e.Msg, "not supported") {
		return eval.CodeUnsupported
	}
	return eval.CodeInvalid
}
