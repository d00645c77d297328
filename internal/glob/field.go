package glob

import "strings"

// Glob is a case-sensitive pattern with '*' wildcards, as field names
// (rename, convert, table, fields, stats AS) and lookup WILDCARD values take
// them. The zero Glob matches only the empty string.
type Glob struct {
	raw  string
	segs []string // split on '*'; one element when there is no wildcard
}

// New compiles the pattern s.
func New(s string) Glob { return Glob{raw: s, segs: strings.Split(s, "*")} }

// String returns the pattern as written.
func (g Glob) String() string { return g.raw }

// Stars is the number of wildcards.
func (g Glob) Stars() int { return max(len(g.segs)-1, 0) }

// Match reports whether all of s matches.
func (g Glob) Match(s string) bool {
	if len(g.segs) <= 1 {
		return s == g.raw
	}
	return matchSegs(g.segs, s)
}

// Capture returns what each '*' matched in s (the leftmost, shortest
// choice for all but the last) and whether s matches.
func (g Glob) Capture(s string) ([]string, bool) {
	if len(g.segs) <= 1 {
		return nil, s == g.raw
	}
	first, last := g.segs[0], g.segs[len(g.segs)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return nil, false
	}
	s = s[len(first) : len(s)-len(last)]
	caps := make([]string, 0, g.Stars())
	for _, seg := range g.segs[1 : len(g.segs)-1] {
		i := strings.Index(s, seg)
		if i < 0 {
			return nil, false
		}
		caps = append(caps, s[:i])
		s = s[i+len(seg):]
	}
	return append(caps, s), true
}

// Expand fills g's wildcards with caps in order (a missing capture
// leaves its wildcard empty); a pattern without wildcards is returned as
// written.
func (g Glob) Expand(caps []string) string {
	if len(g.segs) <= 1 {
		return g.raw
	}
	var b strings.Builder
	for i, seg := range g.segs {
		b.WriteString(seg)
		if i < len(caps) && i < len(g.segs)-1 {
			b.WriteString(caps[i])
		}
	}
	return b.String()
}

// matchSegs matches s against pieces separated by '*' (split form, at
// least two): the first piece must be a prefix, the last a suffix, the
// others must appear in order in between. Leftmost matching of the middle
// pieces is optimal for '*'-only globs.
func matchSegs(segs []string, s string) bool {
	first, last := segs[0], segs[len(segs)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	s = s[len(first) : len(s)-len(last)]
	for _, seg := range segs[1 : len(segs)-1] {
		i := strings.Index(s, seg)
		if i < 0 {
			return false
		}
		s = s[i+len(seg):]
	}
	return true
}
