package macros

import "unicode/utf8"

// posMap maps byte offsets of a macro definition to Locations in the file it
// was written in. Definitions loaded from YAML carry an exact per-byte table
// (quotes, escapes and folded lines make decoded offsets differ from file
// offsets); others advance from the definition's start Location.
type posMap struct {
	file  string
	lines []int32 // per decoded byte; nil when idx is used
	cols  []int32
	idx   *lineIndex
	fixed *Location // when set, every byte maps here (generated text)
}

// fixedPosMap maps every byte of a generated text (an iseval result, an app
// macro placeholder) to at.
func fixedPosMap(at Location) posMap { return posMap{fixed: &at} }

func textPosMap(text string, at Location) posMap {
	return posMap{idx: newLineIndex(text, at)}
}

// loc returns the Location of byte off of the definition; off may be the
// definition's length (just past its end).
func (p posMap) loc(off int) Location {
	if p.fixed != nil {
		return *p.fixed
	}
	if p.idx != nil {
		return p.idx.loc(off)
	}
	n := len(p.lines)
	switch {
	case n == 0:
		return Location{File: p.file}
	case off < 0:
		off = 0
	case off >= n:
		return Location{File: p.file, Line: int(p.lines[n-1]), Col: int(p.cols[n-1]) + 1 + off - n}
	}
	return Location{File: p.file, Line: int(p.lines[off]), Col: int(p.cols[off])}
}

// alignScalar builds the per-byte table of a YAML scalar: value is the decoded
// text, raw the whole file, start the byte offset where the scalar's text
// begins (after an opening quote, or on the first line of a block scalar).
// Decoded bytes are matched greedily against the raw bytes; bytes that
// decoding removed (quotes, escapes, indentation, line folding) are skipped.
// Columns count characters of raw. A decoded byte with no nearby raw counterpart (an escape such as \u00e9)
// takes the current raw position. Best effort, never fails.
func alignScalar(file string, raw []byte, start int, value string) posMap {
	lineStarts := []int{0}
	for i, c := range raw {
		if c == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	// The offsets asked for mostly grow, so the character count of the
	// last one is reused: long one-line definitions stay linear. A
	// character is a byte that starts one (counts are additive even when
	// an offset falls inside a multibyte character).
	lastLine, lastOff, lastChars := -1, 0, 0
	toLoc := func(off int) (int32, int32) {
		lo, hi := 0, len(lineStarts)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if lineStarts[mid] <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		if lo != lastLine || off < lastOff {
			lastLine, lastOff, lastChars = lo, lineStarts[lo], 0
		}
		for _, c := range raw[lastOff:off] { // characters: bytes that start one
			if utf8.RuneStart(c) {
				lastChars++
			}
		}
		lastOff = off
		return int32(lo + 1), int32(lastChars + 1)
	}
	r := min(max(start, 0), len(raw))
	if value == "" {
		line, col := toLoc(r)
		return textPosMap("", Location{File: file, Line: int(line), Col: int(col)})
	}
	p := posMap{file: file, lines: make([]int32, len(value)), cols: make([]int32, len(value))}
	const maxSkip = 16 // non-blank raw bytes a decoded byte may skip
	for i := 0; i < len(value); i++ {
		v := value[i]
		found := -1
		skipped := 0
		for j := r; j < len(raw); j++ {
			c := raw[j]
			if c == v || (c == '\n' && (v == ' ' || v == '\n')) {
				found = j
				break
			}
			if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				skipped++
				if skipped > maxSkip {
					break
				}
			}
		}
		at := r
		if found >= 0 {
			at = found
			r = found + 1
		}
		p.lines[i], p.cols[i] = toLoc(min(at, max(len(raw)-1, 0)))
	}
	return p
}

// byteOffset converts a 1-based line and rune column (as yaml.v3 reports
// them) into a byte offset of raw.
func byteOffset(raw []byte, line, col int) int {
	off := 0
	for l := 1; l < line && off < len(raw); off++ {
		if raw[off] == '\n' {
			l++
		}
	}
	for c := 1; c < col && off < len(raw) && raw[off] != '\n'; c++ {
		_, n := utf8.DecodeRune(raw[off:])
		off += n
	}
	return off
}
