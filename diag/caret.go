package diag

import (
	"strings"
	"unicode/utf8"
)

// caretWidth is how many characters of a long line Caret shows.
const caretWidth = 100

// Caret renders the line of text holding byte offset off and, under it, a
// caret under the character at off, each line prefixed with " | ":
//
//	| tstats count frm datamodel=X
//	|              ^
//
// Columns count characters, so the caret sits under a character that
// follows multibyte text; tabs before the column are repeated in the caret
// line so it lines up in a terminal. A line longer than 100 characters is
// cut around the column, the cut ends marked with "...". off is clamped to
// the text; an offset inside a multibyte character points at that
// character. This is the one renderer of positions in spelunk: the CLI, the
// check findings and the parser's Snippet all use it.
func Caret(text string, off int) string {
	off = clampOffset(text, off)
	start := strings.LastIndexByte(text[:off], '\n') + 1
	end := strings.IndexByte(text[off:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += off
	}
	line := []rune(strings.TrimRight(text[start:end], "\r"))
	col := utf8.RuneCountInString(text[start:off])
	col = min(col, len(line))
	prefix, suffix := "", ""
	if col > caretWidth*3/4 {
		cut := col - caretWidth/2
		line, col, prefix = line[cut:], col-cut, "..."
	}
	if len(line) > caretWidth {
		line, suffix = line[:caretWidth], "..."
	}
	var pad strings.Builder
	pad.WriteString(strings.Repeat(" ", len(prefix)))
	for _, r := range line[:col] {
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return " | " + prefix + string(line) + suffix + "\n | " + pad.String() + "^"
}

// CaretAt is Caret at 1-based line p.Line and character column p.Col of
// text, for a position known by line and column (say, in a macro file read
// back from disk); a position without a line renders at p.Offset.
func CaretAt(text string, p Pos) string {
	if p.Line > 0 {
		return Caret(text, OffsetOf(text, p.Line, max(p.Col, 1)))
	}
	return Caret(text, p.Offset)
}
