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

// Match reports whether all of s matches. A nil Like matches nothing.
func (l *Like) Match(s string) bool {
	if l == nil {
		return false
	}
	if l.exact || len(l.segs) == 0 {
		return s == l.lit // the zero Like is the empty pattern
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

// likeFrom matches segments separated by '%' against all of s in time
// linear in len(s) times the pattern's length, without backtracking: the
// first segment must match at the start; each middle segment is matched
// at its leftmost position after the previous one (segments have a fixed
// number of characters, so the leftmost match ends earliest and leaves
// the most room for the rest); the last segment must end at the end of s,
// at any position after the middle ones. Positions advance one character
// (a UTF-8 sequence, or one invalid byte) at a time, so '_' never starts
// inside a character.
func likeFrom(segs [][]likeTok, s string) bool {
	n, ok := matchSeg(segs[0], s)
	if !ok {
		return false
	}
	if len(segs) == 1 {
		return n == len(s)
	}
	cur := n
	valid := utf8.ValidString(s)
	for _, seg := range segs[1 : len(segs)-1] {
		_, end, ok := findSeg(seg, s, cur, valid)
		if !ok {
			return false
		}
		cur = end
	}
	last := segs[len(segs)-1]
	for p := cur; p <= len(s); p = nextChar(s, p) {
		if n, ok := matchSeg(last, s[p:]); ok && p+n == len(s) {
			return true
		}
		if p == len(s) {
			break
		}
	}
	return false
}

// findSeg returns the leftmost character position p >= from at which seg
// matches s, and where that match ends. When s and a leading literal are
// both valid UTF-8, every byte at which the literal is found is a
// character boundary, so it is found with strings.Index; a literal that is
// not valid UTF-8 (a stray continuation byte) could be found inside a
// character, and is tried character by character instead.
func findSeg(seg []likeTok, s string, from int, valid bool) (p, end int, ok bool) {
	jump := valid && len(seg) > 0 && !seg[0].any && utf8.ValidString(seg[0].lit)
	for p = from; p <= len(s); {
		if jump {
			i := strings.Index(s[p:], seg[0].lit)
			if i < 0 {
				return 0, 0, false
			}
			p += i
		}
		if n, ok := matchSeg(seg, s[p:]); ok {
			return p, p + n, true
		}
		if p == len(s) {
			break
		}
		p = nextChar(s, p)
	}
	return 0, 0, false
}

// nextChar is the position of the character after the one at p (p < len(s)).
func nextChar(s string, p int) int {
	_, size := utf8.DecodeRuneInString(s[p:])
	return p + size
}
