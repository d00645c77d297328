package parser

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/spelunk-dev/spelunk/ast"
)

// Error is a syntax error at a byte offset of the query.
//
// Error() renders it as "line:col: msg" where line and col are 1-based and
// col counts runes (characters), not bytes, so that it matches what an
// editor shows. Pos itself is a byte offset.
type Error struct {
	Pos   ast.Pos // byte offset of the offending text in Query
	Msg   string  // lower case, no position
	Query string  // the whole text that was parsed
}

// Error implements error: "line:col: msg".
func (e *Error) Error() string {
	line, col := e.LineCol()
	return fmt.Sprintf("%d:%d: %s", line, col, e.Msg)
}

// LineCol returns the 1-based line and column of Pos; the column counts
// runes from the start of the line.
func (e *Error) LineCol() (line, col int) {
	start, _ := e.lineBounds()
	pos := e.clampedPos()
	line = 1 + strings.Count(e.Query[:start], "\n")
	col = 1 + utf8.RuneCountInString(e.Query[start:pos])
	return line, col
}

// Snippet returns the source line holding Pos, then a caret line pointing at
// the column, each prefixed with " | ":
//
//	| tstats count frm datamodel=X
//	|              ^
//
// Tabs before the column are kept in the caret line so the caret lines up.
func (e *Error) Snippet() string {
	start, end := e.lineBounds()
	pos := e.clampedPos()
	var caret strings.Builder
	for _, r := range e.Query[start:pos] {
		if r == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	line := strings.TrimRight(e.Query[start:end], "\r")
	return " | " + line + "\n | " + caret.String() + "^"
}

func (e *Error) clampedPos() int {
	p := int(e.Pos)
	if p < 0 {
		p = 0
	}
	if p > len(e.Query) {
		p = len(e.Query)
	}
	for p > 0 && p < len(e.Query) && !utf8.RuneStart(e.Query[p]) {
		p--
	}
	return p
}

// lineBounds returns the byte range of the line holding Pos, without its
// newline.
func (e *Error) lineBounds() (start, end int) {
	p := e.clampedPos()
	start = strings.LastIndexByte(e.Query[:p], '\n') + 1
	end = strings.IndexByte(e.Query[p:], '\n')
	if end < 0 {
		end = len(e.Query)
	} else {
		end += p
	}
	return start, end
}

// errorf returns an *Error at byte offset pos of query.
func errorf(query string, pos int, format string, args ...any) *Error {
	return &Error{Pos: ast.Pos(pos), Msg: fmt.Sprintf(format, args...), Query: query}
}
