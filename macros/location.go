package macros

import (
	"sort"
	"strconv"
	"strings"
)

// Location is a position in a file: 1-based line and column (column in bytes).
type Location struct {
	File string // file name as given by the caller or loader; may be empty
	Line int    // 1-based line; 0 when unknown
	Col  int    // 1-based byte column; 0 when unknown
}

// String renders l as "file:line:col", omitting the file when it is empty and
// the column (or line and column) when they are unknown.
func (l Location) String() string {
	var b strings.Builder
	b.WriteString(l.File)
	if l.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(l.Line))
		if l.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(l.Col))
		}
	}
	return b.String()
}

// isZero reports whether l carries no position at all.
func (l Location) isZero() bool { return l == Location{} }

// locator maps byte offsets of a text to Locations; off may equal the
// text's length.
type locator interface {
	loc(off int) Location
}

// lineIndex maps byte offsets of a text to Locations, given where the text's
// first byte sits.
type lineIndex struct {
	at    Location
	nls   []int // offsets of '\n' bytes in the text
	limit int   // length of the text
}

func newLineIndex(text string, at Location) *lineIndex {
	ix := &lineIndex{at: at, limit: len(text)}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			ix.nls = append(ix.nls, i)
		}
	}
	return ix
}

// loc returns the Location of byte off (off may equal the text length).
func (ix *lineIndex) loc(off int) Location {
	off = max(0, min(off, ix.limit))
	n := sort.SearchInts(ix.nls, off) // newlines strictly before off
	l := ix.at
	if n == 0 {
		if l.Col > 0 {
			l.Col += off
		}
		return l
	}
	if l.Line > 0 {
		l.Line += n
	}
	l.Col = off - ix.nls[n-1]
	return l
}
