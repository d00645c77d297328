package main

import (
	"errors"

	"github.com/spelunk-dev/spelunk/query"
)

// describe renders an error for the terminal: search errors with their
// position ("file:line:col", the column in characters), caret snippet and
// macro chain, others as they are. parse prints syntax errors the same
// way (parseArg).
func describe(err error) string {
	var se *query.SearchError
	if errors.As(err, &se) {
		return se.Detail()
	}
	return err.Error()
}
