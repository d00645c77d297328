package parser

import (
	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// DefaultMaxQueryLen is the longest text, in bytes, Parse, ParseSearch and
// ParseExpr accept (1 MiB, the default bound on a macro expansion).
const DefaultMaxQueryLen = 1 << 20

// Options configure ParseWith.
type Options struct {
	// MaxQueryLen bounds the bytes of the query; longer text is refused
	// with an error of code diag.CodeLimitExceeded before it is read.
	// 0 = DefaultMaxQueryLen.
	MaxQueryLen int
}

// ParseWith is Parse with options.
func ParseWith(query string, opts Options) (q *ast.Query, err error) {
	if err := checkLen(query, opts.MaxQueryLen); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			q, err = nil, errorf(query, 0, "internal error: %v", r)
		}
	}()
	return parseRange(query, 0, len(query), 0)
}

// checkLen refuses text longer than max bytes (0: DefaultMaxQueryLen).
func checkLen(text string, max int) *Error {
	if max <= 0 {
		max = DefaultMaxQueryLen
	}
	if len(text) <= max {
		return nil
	}
	e := errorf(text, max, "the query is %d bytes long, longer than the limit of %d bytes", len(text), max)
	e.Code = diag.CodeLimitExceeded
	return e
}
