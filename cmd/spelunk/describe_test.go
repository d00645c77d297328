package main

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDescribeEscapes: an error quoting input keeps its lines but not the
// control characters it quotes.
func TestDescribeEscapes(t *testing.T) {
	err := errors.New("x.log:3: bad value \"\x1b]0;title\x07\"\n  line two\t\u202eend")
	assert.Equal(t, "x.log:3: bad value \"\\x1b]0;title\\x07\"\n  line two\t\\u202eend", describe(err))
	assert.Equal(t, describe(err), safeErr(err))
}
