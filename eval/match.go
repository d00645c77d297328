package eval

import (
	"net/netip"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// Value matching in search syntax (the search command and tstats' where
// clause) [D S-search, S-wild, S-case]:
//
//   - field=value compares the whole value, case-insensitively;
//   - '*' in the value matches any run of characters (also none), anywhere,
//     quoted or not; it cannot be escaped; every other character, '?'
//     included, is literal;
//   - a value in CIDR form (10.0.0.0/8, 2001:db8::/32) matches IP addresses
//     in that subnet (and, [U], the CIDR text itself);
//   - <, <=, >, >= compare numerically when both sides are numbers, else
//     bytewise ("abc" > "5").

type patKind uint8

const (
	patExact patKind = iota
	patPrefix
	patSuffix
	patContains
	patGlob
	patAny
	patCIDR
)

// pattern is one compiled search value, matched against a non-null field
// value.
type pattern struct {
	kind   patKind
	lit    string   // lower-cased literal (exact, prefix, suffix, contains, CIDR text)
	segs   []string // glob: lower-cased pieces between '*'s; first/last may be ""
	prefix netip.Prefix
}

// compilePattern compiles the search value v (escapes already applied).
func compilePattern(v string) *pattern {
	if strings.Contains(v, "/") && !strings.Contains(v, "*") {
		if p, err := netip.ParsePrefix(v); err == nil {
			return &pattern{kind: patCIDR, lit: lower(v), prefix: p.Masked()}
		}
	}
	lv := lower(v)
	n := strings.Count(lv, "*")
	switch {
	case n == 0:
		return &pattern{kind: patExact, lit: lv}
	case strings.Trim(lv, "*") == "":
		return &pattern{kind: patAny}
	case n == 1 && strings.HasSuffix(lv, "*"):
		return &pattern{kind: patPrefix, lit: lv[:len(lv)-1]}
	case n == 1 && strings.HasPrefix(lv, "*"):
		return &pattern{kind: patSuffix, lit: lv[1:]}
	case n == 2 && len(lv) > 2 && lv[0] == '*' && lv[len(lv)-1] == '*':
		return &pattern{kind: patContains, lit: lv[1 : len(lv)-1]}
	}
	return &pattern{kind: patGlob, segs: strings.Split(lv, "*")}
}

// match reports whether the field value s matches.
func (p *pattern) match(s string) bool {
	switch p.kind {
	case patAny:
		return true
	case patCIDR:
		if a, err := netip.ParseAddr(s); err == nil {
			return p.prefix.Contains(a.Unmap()) || p.prefix.Contains(a)
		}
		return lower(s) == p.lit
	}
	ls := lower(s)
	switch p.kind {
	case patExact:
		return ls == p.lit
	case patPrefix:
		return strings.HasPrefix(ls, p.lit)
	case patSuffix:
		return strings.HasSuffix(ls, p.lit)
	case patContains:
		return strings.Contains(ls, p.lit)
	}
	return globMatch(p.segs, ls)
}

// globMatch matches s against pieces separated by '*' (split form): the
// first piece must be a prefix, the last a suffix, the others must appear
// in order in between. Leftmost matching of the middle pieces is optimal
// for '*'-only globs.
func globMatch(segs []string, s string) bool {
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

// lower lower-cases s, without allocating when s has no upper-case ASCII
// letter and no non-ASCII byte.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// relation is a compiled <, <=, >, >= against a literal.
type relation struct {
	op    ast.CompareOp
	lit   string
	num   float64
	isNum bool
}

func newRelation(op ast.CompareOp, v string) *relation {
	f, ok := parseNumber(v)
	return &relation{op: op, lit: v, num: f, isNum: ok}
}

// matchString compares the field value s with the literal.
func (r *relation) matchString(s string) bool {
	if r.isNum {
		if f, ok := parseNumber(s); ok {
			return r.matchNum(f)
		}
	}
	return r.holds(strings.Compare(s, r.lit))
}

// matchNum compares a numeric field value with the literal.
func (r *relation) matchNum(f float64) bool {
	if !r.isNum {
		return r.holds(strings.Compare(formatNumber(f), r.lit))
	}
	switch {
	case f < r.num:
		return r.holds(-1)
	case f > r.num:
		return r.holds(1)
	case f == r.num:
		return r.holds(0)
	}
	return false // NaN
}

// holds reports whether the comparison result c (field vs literal) satisfies
// the operator.
func (r *relation) holds(c int) bool {
	switch r.op {
	case ast.OpLt:
		return c < 0
	case ast.OpLe:
		return c <= 0
	case ast.OpGt:
		return c > 0
	case ast.OpGe:
		return c >= 0
	}
	return false
}
