package parser

import (
	"fmt"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// Error is a syntax error at a byte offset of the query.
//
// Error() renders it as "line:col: msg" where line and col are 1-based and
// col counts runes (characters), not bytes, so that it matches what an
// editor shows. Pos itself is a byte offset.
type Error struct {
	Pos   ast.Pos   // byte offset of the offending text in Query
	Msg   string    // lower case, no position
	Query string    // the whole text that was parsed
	Code  diag.Code // diag.CodeParseError
}

// Error implements error: "line:col: msg".
func (e *Error) Error() string {
	if e == nil {
		return "parser: nil Error"
	}
	return e.Position("").String() + ": " + e.Msg
}

// Position returns where the error is in Query, as written in file (the
// zero Pos for a nil Error).
func (e *Error) Position(file string) diag.Pos {
	if e == nil {
		return diag.Pos{}
	}
	return diag.At(file, e.Query, int(e.Pos))
}

// LineCol returns the 1-based line and column of Pos; the column counts
// runes from the start of the line.
func (e *Error) LineCol() (line, col int) {
	p := e.Position("")
	return p.Line, p.Col
}

// Snippet returns the source line holding Pos, then a caret line pointing at
// the column, each prefixed with " | " (see diag.Caret):
//
//	| tstats count frm datamodel=X
//	|              ^
//
// Tabs before the column are kept in the caret line so the caret lines up.
// A nil Error has no snippet.
func (e *Error) Snippet() string {
	if e == nil {
		return ""
	}
	return diag.Caret(e.Query, int(e.Pos))
}

// errorf returns an *Error at byte offset pos of query.
func errorf(query string, pos int, format string, args ...any) *Error {
	return &Error{Pos: ast.Pos(pos), Msg: fmt.Sprintf(format, args...), Query: query, Code: diag.CodeParseError}
}
