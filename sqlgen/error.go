package sqlgen

import (
	"errors"
	"fmt"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/query"
)

// Error is a search the generator refuses to compile: Span is the offending
// text in the expanded search, Code is diag.CodeUnsupported,
// CodeUnsupportedCommand, CodeUnsupportedFunc or CodeRefused (what SQL
// cannot express faithfully), or CodeCompileError (the search is wrong).
type Error struct {
	Span ast.Span
	Code diag.Code
	Msg  string
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("sql: %s [%s]", e.Msg, e.Code) }

func refuse(n ast.Node, format string, args ...any) *Error {
	return &Error{Span: spanOf(n), Code: diag.CodeUnsupported, Msg: fmt.Sprintf(format, args...)}
}

func refuseCode(n ast.Node, code diag.Code, format string, args ...any) *Error {
	return &Error{Span: spanOf(n), Code: code, Msg: fmt.Sprintf(format, args...)}
}

func spanOf(n ast.Node) ast.Span {
	if n == nil {
		return ast.Span{Start: ast.NoPos, End: ast.NoPos}
	}
	return n.Span()
}

// Locate turns a generator error for search s into a *query.SearchError at
// the place the offending text was written (the query, the detection file
// or a macro's definition); other errors pass unchanged.
func Locate(s *query.Search, err error) error {
	var ge *Error
	if s == nil || s.Expansion == nil || !errors.As(err, &ge) {
		return err
	}
	se := query.Positioned("sql", s.Expansion, max(int(ge.Span.Start), 0), "sql: "+ge.Msg)
	se.Code, se.Err = ge.Code, ge
	return se
}
