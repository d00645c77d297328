package query

import (
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/macros"
)

// Source is a search's text and where it was written, so that errors
// point into the user's file.
type Source struct {
	// Text is the search as written, macro calls included.
	Text string
	// At is where Text starts; the zero Location means the text was given
	// on its own ("<query>", line 1, column 1).
	At macros.Location
	// Locate maps a byte offset of Text to where that byte was written,
	// for text that is not a contiguous run of its file (a folded YAML
	// scalar); nil: lines and columns are counted from At.
	Locate func(off int) macros.Location
}

// Text is a Source for search text given on its own, reported as
// "<query>".
func Text(text string) Source { return Source{Text: text} }

// locator returns the function that maps Text's bytes to locations.
func (s Source) locator() func(int) macros.Location {
	if s.Locate != nil {
		return s.Locate
	}
	at := s.At
	if at == (macros.Location{}) {
		at = macros.Location{File: "<query>", Line: 1, Col: 1}
	}
	return lineCounter(s.Text, at)
}

// lineCounter locates the bytes of text written at at, counting lines and
// characters as diag does (a column counts characters, not bytes).
func lineCounter(text string, at macros.Location) func(int) macros.Location {
	return func(off int) macros.Location {
		loc, p := at, diag.At("", text, off)
		if p.Line > 1 {
			loc.Line += p.Line - 1
			loc.Col = p.Col
		} else {
			loc.Col += p.Col - 1
		}
		return loc
	}
}
