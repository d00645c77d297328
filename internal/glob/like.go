package glob

import (
	"strings"
	"unicode/utf8"
)

// Like is a compiled SQL LIKE pattern, as SPL's like() and LIKE take it:
// '%' matches any run of characters (none included), '_' exactly one
// character (a UTF-8 sequence, or one byte that is not valid UTF-8), every
// other character itself, case-sensitively; a backslash before '%', '_' or
// another backslash makes it literal.
type Like struct {
	segs  [][]likeTok // split at '%'
	exact bool        // no '%' and no '_'
	lit   string
}

type likeTok struct {
	lit string // a literal run; "" for '_'
	any bool   // '_'
}

// CompileLike compiles the LIKE pattern p.
func CompileLike(p string) *Like {
	var segs [][]likeTok
	var cur []likeTok
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			cur = append(cur, likeTok{lit: lit.String()})
			lit.Reset()
		}
	}
	simple := true
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p) && (p[i+1] == '%' || p[i+1] == '_' || p[i+1] == '\\'):
			lit.WriteByte(p[i+1])
			i++
		case c == '%':
			flush()
			segs = append(segs, cur)
			cur = nil
			simple = false
		case c == '_':
			flush()
			cur = append(cur, likeTok{any: true})
			simple = false
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	segs = append(segs, cur)
	lp := &Like{segs: segs}
	if simple {
		lp.exact = true
		if len(segs[0]) > 0 {
			lp.lit = segs[0][0].lit
		}
	}
	return lp
}

// Match reports whether all of s matches.
func (l *Like) Match(s string) bool {
	if l.exact {
		return s == l.lit
	}
	return likeFrom(l.segs, s)
}

// matchSeg matches seg at the start of s, returning the length used.
func matchSeg(seg []likeTok, s string) (int, bool) {
	i := 0
	for _, t := range seg {
		if t.any {
			if i >= len(s) {
				return 0, false
			}
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		if !strings.HasPrefix(s[i:], t.lit) {
			return 0, false
		}
		i += len(t.lit)
	}
	return i, true
}

// likeFrom matches segments separated by '%' against all of s, trying
// every position for the middle segments (backtracking is bounded by the
// number of segments).
func likeFrom(segs [][]likeTok, s string) bool {
	if len(segs) == 1 {
		n, ok := matchSeg(segs[0], s)
		return ok && n == len(s)
	}
	n, ok := matchSeg(segs[0], s)
	if !ok {
		return false
	}
	rest := s[n:]
	for i := 0; i <= len(rest); i++ {
		if likeFrom(segs[1:], rest[i:]) {
			return true
		}
		if i < len(rest) {
			_, size := utf8.DecodeRuneInString(rest[i:])
			i += size - 1
		}
	}
	return false
}
