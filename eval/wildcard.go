package eval

import "strings"

// fieldGlob is a field-name pattern with '*' wildcards, as rename and
// convert take them. Field names are case-sensitive [D S-field].
type fieldGlob struct {
	raw  string
	segs []string // split on '*'; one element when there is no wildcard
}

func newFieldGlob(s string) fieldGlob { return fieldGlob{raw: s, segs: strings.Split(s, "*")} }

// stars is the number of wildcards.
func (g fieldGlob) stars() int { return len(g.segs) - 1 }

// match returns what each '*' matched in name (the leftmost, shortest
// choice for all but the last) and whether name matches.
func (g fieldGlob) match(name string) ([]string, bool) {
	if len(g.segs) == 1 {
		return nil, name == g.raw
	}
	first, last := g.segs[0], g.segs[len(g.segs)-1]
	if len(name) < len(first)+len(last) || !strings.HasPrefix(name, first) || !strings.HasSuffix(name, last) {
		return nil, false
	}
	s := name[len(first) : len(name)-len(last)]
	caps := make([]string, 0, g.stars())
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

// expand fills g's wildcards with caps (as many as g has).
func (g fieldGlob) expand(caps []string) string {
	if len(g.segs) == 1 {
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
