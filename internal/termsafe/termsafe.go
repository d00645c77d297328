// Package termsafe escapes text from untrusted input (log field values,
// lookup cells, detection names, messages that quote them) before it is
// printed on a terminal, so that it cannot carry control sequences: an
// ESC sequence could set the window title, clear the screen or rewrite
// earlier lines, BEL rings, and bidirectional overrides reorder what is
// shown.
//
// Escaped are the C0 controls (U+0000–U+001F, ESC among them), DEL
// (U+007F), the C1 controls (U+0080–U+009F), the bidirectional
// formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E,
// U+2066–U+2069), the line and paragraph separators (U+2028, U+2029) and
// bytes that are not UTF-8. They are written as \n, \r, \t, \xHH (bytes
// and C0/DEL) or \uHHHH; everything else, backslashes included, is kept.
// Machine formats (JSON, CSV) escape by their own rules and do not use
// this package.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Line escapes s for one line of a terminal: every character above,
// newlines and tabs included.
func Line(s string) string { return escape(s, false) }

// Text escapes s for a multi-line message: as Line, but newlines and tabs
// are kept.
func Text(s string) string { return escape(s, true) }

// escape is the one escaping function; keepLayout keeps '\n' and '\t'.
func escape(s string, keepLayout bool) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if needs(r, n, keepLayout) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case !needs(r, n, keepLayout):
			b.WriteString(s[i : i+n])
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += n
	}
	return b.String()
}

// needs reports whether the rune r (n bytes; RuneError with n == 1 is a
// byte that is not UTF-8) must be escaped.
func needs(r rune, n int, keepLayout bool) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return true
	case r == '\n' || r == '\t':
		return !keepLayout
	case r < 0x20 || r == 0x7f:
		return true
	case r < 0x80:
		return false
	case r <= 0x9f:
		return true
	}
	switch r {
	case 0x061c, 0x200e, 0x200f, 0x2028, 0x2029,
		0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
		0x2066, 0x2067, 0x2068, 0x2069:
		return true
	}
	return false
}
