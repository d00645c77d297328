package sqlgen

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// ipv4RE matches a dotted quad as net/netip reads it (no leading zeros).
const ipv4RE = `(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}`

// matchValue is the SQL test that the non-null string s (SQL) matches the
// search-syntax value v (escapes applied): whole value, case-insensitive,
// '*' any run, CIDR subnets. n is where v was written, for refusals.
func (g *gen) matchValue(s, v string, n ast.Node) (string, error) {
	if strings.Contains(v, "/") && !strings.Contains(v, "*") {
		if p, err := netip.ParsePrefix(v); err == nil {
			return g.cidr(s, v, p.Masked(), n)
		}
	}
	lv := strings.ToLower(v)
	if strings.Trim(lv, "*") == "" && lv != "" {
		return "TRUE", nil
	}
	if !strings.Contains(lv, "*") {
		return "(" + g.d.lower(s) + " = " + g.d.str(lv) + ")", nil
	}
	var b strings.Builder
	for _, r := range lv {
		switch r {
		case '*':
			b.WriteByte('%')
		case '%', '_', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return g.d.like(g.d.lower(s), b.String()), nil
}

// cidr tests s against an IPv4 subnet: an address in it (also written as
// an IPv4-mapped IPv6 address ::ffff:a.b.c.d), or the CIDR text itself.
func (g *gen) cidr(s, text string, p netip.Prefix, n ast.Node) (string, error) {
	if !p.Addr().Is4() {
		return "", refuse(n, "IPv6 subnet %s does not compile to SQL yet", text)
	}
	a := p.Addr().As4()
	lo := uint64(a[0])<<24 | uint64(a[1])<<16 | uint64(a[2])<<8 | uint64(a[3])
	hi := lo + (uint64(1) << (32 - p.Bits())) - 1
	ip := func(x string) string {
		return fmt.Sprintf("(%s*16777216 + %s*65536 + %s*256 + %s)",
			g.d.ipv4Octet(x, 1), g.d.ipv4Octet(x, 2), g.d.ipv4Octet(x, 3), g.d.ipv4Octet(x, 4))
	}
	ls := g.d.lower(s)
	mapped := g.d.strAfterPrefix(ls, "::ffff:")
	return fmt.Sprintf("(%s = %s OR (CASE WHEN %s THEN %s BETWEEN %d AND %d WHEN %s THEN %s BETWEEN %d AND %d ELSE FALSE END))",
		ls, g.d.str(strings.ToLower(text)),
		g.d.fullMatch(s, ipv4RE), ip(s), lo, hi,
		g.d.fullMatch(ls, "::ffff:"+ipv4RE), ip(mapped), lo, hi), nil
}
