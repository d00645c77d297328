package eval

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/spelunk-dev/spelunk/ast"
)

// Text functions [D S-textfn]. Functions that take one string read the
// first value of a multivalue, except lower and upper, which map every
// value [D].
var stringFuncs = map[string]*funcSpec{
	"lower": {min: 1, max: 1, pure: true, ret: tStr, fn: func(a []Value) Value { return mapValues(a[0], strings.ToLower) }},
	"upper": {min: 1, max: 1, pure: true, ret: tStr, fn: func(a []Value) Value { return mapValues(a[0], strings.ToUpper) }},
	// len(s): characters (UTF-8 code points) [D].
	"len": {min: 1, max: 1, pure: true, ret: tNum, fn: func(a []Value) Value {
		if a[0].k == kindNull {
			return Null()
		}
		return Num(float64(utf8.RuneCountInString(first(a[0]).String())))
	}},
	// substr(s, start[, length]): SQLite semantics, 1-based, negative start
	// counts from the end [D].
	"substr": {min: 2, max: 3, pure: true, ret: tStr, fn: fnSubstr},
	// replace(s, regex, repl): every match replaced, \1.. groups [D].
	"replace": {min: 3, max: 3, ret: tStr, special: func(p *exprProg, call *ast.CallExpr, a []*cexpr) *cexpr {
		re := p.regexArg(a[1], call)
		if re == nil {
			return nil
		}
		sf, rf := a[0].fn, a[2].fn
		return &cexpr{typ: tStr, fn: func(c *ectx) Value {
			v, rv := sf(c), rf(c)
			if v.k == kindNull || rv.k == kindNull {
				return Null()
			}
			r, err := re(c)
			if err != nil || r == nil {
				if err != nil {
					c.fail(err)
				}
				return Null()
			}
			repl := first(rv).String()
			if v.k == kindMulti {
				out := make([]string, len(v.mv))
				for i, s := range v.mv {
					if c.replaceTooLong(r, s, repl) {
						return Null()
					}
					if out[i], err = r.Replace(s, repl); err != nil {
						c.fail(err)
						return Null()
					}
				}
				return mvOf(out)
			}
			if c.replaceTooLong(r, v.String(), repl) {
				return Null()
			}
			s, err := r.Replace(v.String(), repl)
			if err != nil {
				c.fail(err)
				return Null()
			}
			return Str(s)
		}}
	}},
	// trim(s[, chars]), ltrim, rtrim: default chars space and tab [D].
	"trim":  {min: 1, max: 2, pure: true, ret: tStr, fn: trimFunc(strings.Trim)},
	"ltrim": {min: 1, max: 2, pure: true, ret: tStr, fn: trimFunc(strings.TrimLeft)},
	"rtrim": {min: 1, max: 2, pure: true, ret: tStr, fn: trimFunc(strings.TrimRight)},
	// urldecode(s): %XX sequences and '+' (space) decoded; an invalid
	// sequence stays as written [I].
	"urldecode": {min: 1, max: 1, pure: true, ret: tStr, fn: func(a []Value) Value {
		if a[0].k == kindNull {
			return Null()
		}
		return Str(urlDecode(first(a[0]).String()))
	}},
	// printf(format, args...): C-style formatting (%d %i %u %s %f %e %g %x
	// %X %o %c %%, flags, width, precision) [D S-textfn].
	"printf": {min: 1, max: -1, ret: tStr, ctx: fnPrintf},
}

// mapValues applies f to every value of v.
func mapValues(v Value, f func(string) string) Value {
	switch v.k {
	case kindNull:
		return v
	case kindMulti:
		out := make([]string, len(v.mv))
		for i, s := range v.mv {
			out[i] = f(s)
		}
		return mvOf(out)
	}
	return Str(f(v.String()))
}

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

func fnSubstr(a []Value) Value {
	if a[0].k == kindNull || a[1].k == kindNull {
		return Null()
	}
	start, ok := toNum(first(a[1]))
	if !ok {
		return Null()
	}
	rs := []rune(first(a[0]).String())
	n := int64(len(rs))
	p1, p2 := int64(start), n+1
	if len(a) == 3 {
		if a[2].k == kindNull {
			return Null()
		}
		l, ok := toNum(first(a[2]))
		if !ok {
			return Null()
		}
		p2 = int64(l)
	}
	neg := p2 < 0
	if neg {
		p2 = -p2
	}
	switch {
	case p1 < 0:
		p1 += n
		if p1 < 0 {
			p2 += p1
			if p2 < 0 {
				p2 = 0
			}
			p1 = 0
		}
	case p1 > 0:
		p1--
	case p2 > 0:
		p2--
	}
	if neg {
		p1 -= p2
		if p1 < 0 {
			p2 += p1
			p1 = 0
		}
	}
	if p1 > n {
		p1 = n // a start past the end: empty
	}
	if p1+p2 > n {
		p2 = n - p1
		if p2 < 0 {
			p2 = 0
		}
	}
	return Str(string(rs[p1 : p1+p2]))
}

func trimFunc(trim func(string, string) string) func([]Value) Value {
	return func(a []Value) Value {
		if a[0].k == kindNull {
			return Null()
		}
		chars := " \t"
		if len(a) == 2 {
			if a[1].k == kindNull {
				return Null()
			}
			chars = first(a[1]).String()
		}
		return Str(trim(first(a[0]).String(), chars))
	}
}

func urlDecode(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '+':
			b.WriteByte(' ')
		case s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
