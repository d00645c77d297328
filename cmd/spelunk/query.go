package main

import (
	"io"
	"strings"

	"github.com/spelunk-dev/spelunk/macros"
)

// readQuery returns the QUERY argument, reading stdin when it is "-", and
// the location to report positions against.
func readQuery(e *env, q string) (string, macros.Location, error) {
	if q != "-" {
		return q, macros.Location{File: "<query>", Line: 1, Col: 1}, nil
	}
	b, err := io.ReadAll(io.LimitReader(e.stdin, 16<<20))
	if err != nil {
		return "", macros.Location{}, err
	}
	return strings.TrimRight(string(b), "\r\n"), macros.Location{File: "<stdin>", Line: 1, Col: 1}, nil
}
