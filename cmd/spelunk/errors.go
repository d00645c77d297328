package main

import (
	"errors"

	"github.com/spelunk-dev/spelunk/internal/termsafe"
	"github.com/spelunk-dev/spelunk/query"
)

// describe renders an error for the terminal: search errors with their
// position ("file:line:col", the column in characters), caret snippet and
// macro chain, others as they are. parse prints syntax errors the same
// way (parseArg). Control characters the error quotes from input (log
// values, detection names, searches) are escaped (termsafe.Text).
func describe(err error) string {
	var se *query.SearchError
	if errors.As(err, &se) {
		return termsafe.Text(se.Detail())
	}
	return termsafe.Text(err.Error())
}

// safeErr is err's message with control characters escaped, for errors
// that quote input but need no search-error detail.
func safeErr(err error) string { return termsafe.Text(err.Error()) }
