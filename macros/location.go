package macros

import (
	"sort"
	"unicode/utf8"

	"github.com/spelunk-dev/spelunk/diag"
)

// Location is a position in a file: 1-based line and column, the column
// counted in characters (runes), not bytes. It is diag.Pos, spelunk's one
// position type; String renders "file:line:col". The macros package leaves
// Offset 0.
type Location = diag.Pos

// locator maps byte offsets of a text to Locations; off may equal the
// text's length.
type locator interface {
	loc(off int) Location
}

// lineIndex maps byte offsets of a text to Locations, given where the text's
// first byte sits.
type lineIndex struct {
	at   Location
	text string
	nls  []int // offsets of '\n' bytes in the text
}

func newLineIndex(text string, at Location) *lineIndex {
	ix := &lineIndex{at: at, text: text}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			ix.nls = append(ix.nls, i)
		}
	}
	return ix
}

// loc returns the Location of byte off (off may equal the text length);
// columns count characters.
func (ix *lineIndex) loc(off int) Location {
	off = max(0, min(off, len(ix.text)))
	n := sort.SearchInts(ix.nls, off) // newlines strictly before off
	l := ix.at
	if n == 0 {
		if l.Col > 0 {
			l.Col += utf8.RuneCountInString(ix.text[:off])
		}
		return l
	}
	if l.Line > 0 {
		l.Line += n
	}
	l.Col = 1 + utf8.RuneCountInString(ix.text[ix.nls[n-1]+1:off])
	return l
}
