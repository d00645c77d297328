package macros

import (
	"strings"
	"unicode/utf8"
)

// span is a half-open byte range [start, end) of a source text.
type span struct{ start, end int }

// skipString returns the offset just past the double-quoted string that
// starts at s[i] == '"', honouring backslash escapes, and whether the
// closing quote was found (len(s) otherwise).
func skipString(s string, i int) (int, bool) {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1, true
		}
	}
	return len(s), false
}

// findCall returns the span of the next macro call in s at or after from,
// backticks included. Double-quoted strings, triple-backtick comments and
// backslash-escaped bytes are skipped. A call's body may itself contain
// double-quoted strings (so `f("a`b")` is one call). If a backtick opens a
// call that never closes, found is true and closed false.
func findCall(s string, from int) (c span, found, closed bool) {
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			j, _ := skipString(s, i)
			i = j - 1
		case '`':
			if strings.HasPrefix(s[i:], "```") {
				j := strings.Index(s[i+3:], "```")
				if j < 0 {
					return span{}, false, false // unterminated comment: left to the parser
				}
				i += 3 + j + 2
				continue
			}
			for j := i + 1; j < len(s); j++ {
				switch s[j] {
				case '"':
					k, ok := skipString(s, j)
					if !ok {
						return span{i, len(s)}, true, false
					}
					j = k - 1
				case '`':
					return span{i, j + 1}, true, true
				}
			}
			return span{i, len(s)}, true, false
		}
	}
	return span{}, false, false
}

// validName reports whether name can be a macro name: letters, digits and
// _ . : - (macros.conf stanza names in practice).
func validName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isNameByte(name[i]) {
			return false
		}
	}
	return true
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '.' || c == ':' || c == '-'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// trimSpan shrinks sp of s by surrounding whitespace.
func trimSpan(s string, sp span) span {
	for sp.start < sp.end && isSpace(s[sp.start]) {
		sp.start++
	}
	for sp.end > sp.start && isSpace(s[sp.end-1]) {
		sp.end--
	}
	return sp
}

// parseCall splits the call s[c.start:c.end] (backticks included) into its
// name and argument spans. msg is non-empty when the call is malformed.
func parseCall(s string, c span) (name string, args []span, msg string) {
	body := trimSpan(s, span{c.start + 1, c.end - 1})
	i := body.start
	for i < body.end && isNameByte(s[i]) {
		i++
	}
	name = s[body.start:i]
	if name == "" {
		return "", nil, "malformed macro call " + quoteCall(s[c.start:c.end]) + ": missing macro name"
	}
	for i < body.end && isSpace(s[i]) {
		i++
	}
	if i == body.end {
		return name, nil, ""
	}
	if s[i] != '(' || s[body.end-1] != ')' {
		return "", nil, "malformed macro call " + quoteCall(s[c.start:c.end]) + ": expected `name` or `name(arguments)`"
	}
	inner := span{i + 1, body.end - 1}
	if trimSpan(s, inner).start == inner.end {
		return name, nil, ""
	}
	depth := 0
	argStart := inner.start
	for j := inner.start; j < inner.end; j++ {
		switch s[j] {
		case '"':
			k, ok := skipString(s, j)
			if !ok || k > inner.end {
				return "", nil, "malformed macro call " + quoteCall(s[c.start:c.end]) + ": unterminated string in arguments"
			}
			j = k - 1
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return "", nil, "malformed macro call " + quoteCall(s[c.start:c.end]) + ": unbalanced parentheses in arguments"
			}
		case ',':
			if depth == 0 {
				args = append(args, trimSpan(s, span{argStart, j}))
				argStart = j + 1
			}
		}
	}
	if depth != 0 {
		return "", nil, "malformed macro call " + quoteCall(s[c.start:c.end]) + ": unbalanced parentheses in arguments"
	}
	args = append(args, trimSpan(s, span{argStart, inner.end}))
	return name, args, ""
}

// quoteCall renders call text for a message, shortened when long.
func quoteCall(text string) string {
	const maxLen = 60
	if len(text) > maxLen {
		text = text[:maxLen]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
		text += "..."
	}
	return text
}
