package parser

import (
	"fmt"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// segment is one command of a pipeline: the byte range [start, end) of the
// query between two top-level pipes.
type segment struct {
	start, end int
	pipe       int // offset of the '|' before it; -1 for the first segment
}

// splitPipeline cuts query[start:end] at every '|' that is outside double
// quotes, ```comments```, [subsearches] and parentheses. It reports unterminated strings and
// unbalanced brackets, and empty commands between pipes.
//
// Inside double quotes a backslash escapes the next byte (so \" and \\ do
// not end the string); outside quotes a backslash escapes only '"' and '\'
// (a\"b is one word) and is otherwise an ordinary byte, as in
// path=C:\Windows\*.
func splitPipeline(query string, start, end int) ([]segment, error) {
	type open struct {
		c   byte
		pos int
	}
	var stack []open
	var segs []segment
	cur := segment{start: start, pipe: -1}
	for i := start; i < end; {
		switch c := query[i]; c {
		case '\\':
			if i+1 < end && (query[i+1] == '"' || query[i+1] == '\\') {
				i += 2
				continue
			}
		case '"':
			j := skipString(query, i, end)
			if j < 0 {
				return nil, errorf(query, i, "unterminated quoted string")
			}
			i = j
			continue
		case '`':
			if isComment(query, i, end) {
				j := skipComment(query, i, end)
				if j < 0 {
					return nil, errorf(query, i, "unterminated ``` comment")
				}
				i = j
				continue
			}
		case '(', '[':
			stack = append(stack, open{c, i})
		case ')', ']':
			want := byte('(')
			if c == ']' {
				want = '['
			}
			if len(stack) == 0 {
				return nil, errorf(query, i, "unexpected %q without a matching %q", c, want)
			}
			if top := stack[len(stack)-1]; top.c != want {
				return nil, errorf(query, i, "unexpected %q: the %q at %s is not closed", c, top.c, lineColOf(query, top.pos))
			}
			stack = stack[:len(stack)-1]
		case '|':
			if len(stack) == 0 {
				cur.end = i
				segs = append(segs, cur)
				cur = segment{start: i + 1, pipe: i}
			}
		}
		i++
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		closer := byte(')')
		if top.c == '[' {
			closer = ']'
		}
		return nil, errorf(query, top.pos, "unclosed %q: missing %q", top.c, closer)
	}
	cur.end = end
	segs = append(segs, cur)

	// A blank first segment is the text before a leading pipe.
	if ts, te := trimBounds(query, segs[0].start, segs[0].end); ts == te && len(segs) > 1 {
		segs = segs[1:]
	}
	for k, s := range segs {
		if ts, te := trimBounds(query, s.start, s.end); ts < te {
			continue
		}
		switch {
		case s.pipe < 0:
			return nil, errorf(query, s.end, "empty search")
		case k+1 < len(segs):
			return nil, errorf(query, s.end, "empty command between pipes")
		default:
			return nil, errorf(query, s.pipe, "missing command after %q", '|')
		}
	}
	return segs, nil
}

// skipString returns the offset just past the double-quoted string that
// starts at query[i], or -1 when it is not closed before end.
func skipString(query string, i, end int) int {
	for j := i + 1; j < end; j++ {
		switch query[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// skipBrackets returns the offset just past the ']' matching the '[' at
// query[i], skipping quoted strings, or -1 when it is not closed before end.
func skipBrackets(query string, i, end int) int {
	depth := 0
	for j := i; j < end; j++ {
		switch query[j] {
		case '"':
			k := skipString(query, j, end)
			if k < 0 {
				return -1
			}
			j = k - 1
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return -1
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// lineColOf renders the line:col of byte offset pos, as Error does.
func lineColOf(query string, pos int) string {
	e := Error{Pos: ast.Pos(pos), Query: query}
	line, col := e.LineCol()
	return fmt.Sprintf("%d:%d", line, col)
}
