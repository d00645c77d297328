package glob

import (
	"net/netip"
	"strings"
)

// Value matching in search syntax (the search command and tstats' where
// clause) [D S-search, S-wild, S-case]:
//
//   - field=value compares the whole value, case-insensitively;
//   - '*' in the value matches any run of characters (also none), anywhere,
//     quoted or not; it cannot be escaped; every other character, '?'
//     included, is literal;
//   - a value in CIDR form (10.0.0.0/8, 2001:db8::/32) matches IP addresses
//     in that subnet (and, [U], the CIDR text itself).

type searchKind uint8

const (
	searchExact searchKind = iota
	searchPrefix
	searchSuffix
	searchContains
	searchGlob
	searchAny
	searchCIDR
)

// Search is one compiled search value, matched against a non-null field
// value.
type Search struct {
	kind   searchKind
	lit    string   // lower-cased literal (exact, prefix, suffix, contains, CIDR text)
	segs   []string // glob: lower-cased pieces between '*'s; first/last may be ""
	prefix netip.Prefix
}

// CompileSearch compiles the search value v (escapes already applied).
func CompileSearch(v string) *Search {
	if strings.Contains(v, "/") && !strings.Contains(v, "*") {
		if p, err := netip.ParsePrefix(v); err == nil {
			return &Search{kind: searchCIDR, lit: Lower(v), prefix: p.Masked()}
		}
	}
	lv := Lower(v)
	n := strings.Count(lv, "*")
	switch {
	case n == 0:
		return &Search{kind: searchExact, lit: lv}
	case strings.Trim(lv, "*") == "":
		return &Search{kind: searchAny}
	case n == 1 && strings.HasSuffix(lv, "*"):
		return &Search{kind: searchPrefix, lit: lv[:len(lv)-1]}
	case n == 1 && strings.HasPrefix(lv, "*"):
		return &Search{kind: searchSuffix, lit: lv[1:]}
	case n == 2 && len(lv) > 2 && lv[0] == '*' && lv[len(lv)-1] == '*':
		return &Search{kind: searchContains, lit: lv[1 : len(lv)-1]}
	}
	return &Search{kind: searchGlob, segs: strings.Split(lv, "*")}
}

// MatchesAll reports whether the value is only wildcards (`*`), which
// matches every non-null value.
func (p *Search) MatchesAll() bool { return p != nil && p.kind == searchAny }

// Match reports whether the field value s matches. A nil Search matches
// nothing.
func (p *Search) Match(s string) bool {
	if p == nil {
		return false
	}
	switch p.kind {
	case searchAny:
		return true
	case searchCIDR:
		if a, err := netip.ParseAddr(s); err == nil {
			return p.prefix.Contains(a.Unmap()) || p.prefix.Contains(a)
		}
		return Lower(s) == p.lit
	}
	ls := Lower(s)
	switch p.kind {
	case searchExact:
		return ls == p.lit
	case searchPrefix:
		return strings.HasPrefix(ls, p.lit)
	case searchSuffix:
		return strings.HasSuffix(ls, p.lit)
	case searchContains:
		return strings.Contains(ls, p.lit)
	}
	return matchSegs(p.segs, ls)
}

// Lower lower-cases s, without allocating when s has no upper-case ASCII
// letter and no non-ASCII byte.
func Lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// Exact returns the lower-cased literal of a value without wildcards
// (which matches a field value equal to it ignoring case), and whether the
// value is one.
func (p *Search) Exact() (string, bool) {
	if p == nil || p.kind != searchExact {
		return "", false
	}
	return p.lit, true
}
