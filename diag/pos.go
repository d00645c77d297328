package diag

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a source text.
//
// Line and Col are 1-based; Col counts characters (runes) from the start
// of the line, as an editor shows it, never bytes. Offset is the byte
// offset of the position in the file's text when known (Line > 0 and the
// position was computed from the text); positions built from a line and
// column alone leave it 0.
type Pos struct {
	File   string // file name as given by the caller; may be empty
	Line   int    // 1-based line; 0 when unknown
	Col    int    // 1-based column in characters; 0 when unknown
	Offset int    // byte offset in the file's text; see the type's doc
}

// At returns the position of byte offset off of text, written in file.
// off is clamped to [0, len(text)]; an offset inside a multibyte
// character counts as that character.
func At(file, text string, off int) Pos {
	off = clampOffset(text, off)
	start := strings.LastIndexByte(text[:off], '\n') + 1
	return Pos{
		File:   file,
		Line:   1 + strings.Count(text[:start], "\n"),
		Col:    1 + utf8.RuneCountInString(text[start:off]),
		Offset: off,
	}
}

// OffsetOf returns the byte offset of 1-based line and character column
// col of text; past the end of a line it returns the line's end, past the
// last line the text's length.
func OffsetOf(text string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(text) && text[off] != '\n'; c++ {
		_, n := utf8.DecodeRuneInString(text[off:])
		off += n
	}
	return off
}

// String renders p as "file:line:col", omitting the file when it is empty
// and the column (or line and column) when they are unknown.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Col))
		}
	}
	return b.String()
}

// IsZero reports whether p carries no position at all.
func (p Pos) IsZero() bool { return p == Pos{} }

// clampOffset clamps off to [0, len(text)] and moves it back to the start
// of the character it falls in.
func clampOffset(text string, off int) int {
	off = max(0, min(off, len(text)))
	for off > 0 && off < len(text) && !utf8.RuneStart(text[off]) {
		off--
	}
	return off
}
