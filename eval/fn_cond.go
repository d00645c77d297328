package eval

import (
	"net/netip"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
	"github.com/spelunk-dev/spelunk/internal/pcre"
	"github.com/spelunk-dev/spelunk/parser"
)

// Comparison and conditional functions [D S-cmpfn].
var condFuncs = map[string]*funcSpec{
	// if(c, t, f): t when c is true, else f (also when c is null) [D].
	"if": {min: 3, max: 3, special: func(_ *exprProg, _ *ast.CallExpr, a []*cexpr) *cexpr {
		c, t, f := a[0].fn, a[1].fn, a[2].fn
		return &cexpr{typ: sameType(a[1], a[2]), fn: func(x *ectx) Value {
			if isTrue(c(x)) {
				return t(x)
			}
			return f(x)
		}}
	}},
	// case(c1, v1, ...): the vi of the first true ci; null when none [D].
	"case": {min: 2, max: -1, special: func(p *exprProg, call *ast.CallExpr, a []*cexpr) *cexpr {
		if len(a)%2 != 0 {
			p.e.addf(call.Loc, "function case() takes condition/value pairs, got %d arguments", len(a))
			return nil
		}
		fns := make([]evalFn, len(a))
		for i := range a {
			fns[i] = a[i].fn
		}
		return &cexpr{fn: func(x *ectx) Value {
			for i := 0; i < len(fns); i += 2 {
				if isTrue(fns[i](x)) {
					return fns[i+1](x)
				}
			}
			return Null()
		}}
	}},
	// coalesce(a, ...): the first non-null argument (an empty string is a
	// value) [D].
	"coalesce": {min: 1, max: -1, special: func(_ *exprProg, _ *ast.CallExpr, a []*cexpr) *cexpr {
		fns := make([]evalFn, len(a))
		for i := range a {
			fns[i] = a[i].fn
		}
		return &cexpr{fn: func(x *ectx) Value {
			for _, f := range fns {
				if v := f(x); v.k != kindNull {
					return v
				}
			}
			return Null()
		}}
	}},
	// validate(c1, s1, ...): the si of the first ci that is not true; null
	// when all hold [D].
	"validate": {min: 2, max: -1, special: func(p *exprProg, call *ast.CallExpr, a []*cexpr) *cexpr {
		if len(a)%2 != 0 {
			p.e.addf(call.Loc, "function validate() takes condition/value pairs, got %d arguments", len(a))
			return nil
		}
		return &cexpr{fn: func(x *ectx) Value {
			for i := 0; i < len(a); i += 2 {
				if !isTrue(a[i].fn(x)) {
					return a[i+1].fn(x)
				}
			}
			return Null()
		}}
	}},
	"null":  {min: 0, max: 0, pure: true, fn: func([]Value) Value { return Null() }},
	"true":  {min: 0, max: 0, pure: true, ret: tBool, fn: func([]Value) Value { return valTrue }},
	"false": {min: 0, max: 0, pure: true, ret: tBool, fn: func([]Value) Value { return valFalse }},
	// nullif(a, b): null when a equals b, else a [D].
	"nullif": {min: 2, max: 2, pure: true, fn: func(a []Value) Value {
		if isTrue(compareOp(ast.BinEq, a[0], a[1])) {
			return Null()
		}
		return a[0]
	}},
	// in(x, v1, ...): x equals one of the values exactly [D].
	"in": {min: 2, max: -1, pure: true, ret: tBool, fn: func(a []Value) Value {
		if a[0].k == kindNull {
			return Null()
		}
		for _, v := range a[1:] {
			if isTrue(compareOp(ast.BinEq, a[0], v)) {
				return valTrue
			}
		}
		return valFalse
	}},
	// like(s, pattern): SQL LIKE, % any run, _ one character, \ escapes;
	// case-sensitive [I: "the eval expression is case-sensitive"; §12
	// decision]. A multivalue matches when any value does.
	"like": {min: 2, max: 2, ret: tBool, special: func(p *exprProg, call *ast.CallExpr, a []*cexpr) *cexpr {
		return p.likeExpr(a[0], a[1], call)
	}},
	// match(s, regex): the PCRE regex matches somewhere in s [D]; any
	// value of a multivalue.
	"match": {min: 2, max: 2, ret: tBool, special: func(p *exprProg, call *ast.CallExpr, a []*cexpr) *cexpr {
		re := p.regexArg(a[1], call)
		if re == nil {
			return nil
		}
		sf := a[0].fn
		return &cexpr{typ: tBool, fn: func(x *ectx) Value {
			v := sf(x)
			if v.k == kindNull {
				return Null()
			}
			r, err := re(x)
			if err != nil {
				x.fail(err)
				return Null()
			}
			if r == nil {
				return Null()
			}
			for _, s := range values(v) {
				ok, err := r.Match(s)
				if err != nil {
					x.fail(err)
					return Null()
				}
				if ok {
					return valTrue
				}
			}
			return valFalse
		}}
	}},
	// cidrmatch(cidr, ip): ip (IPv4 or IPv6) is in the subnet [D]; an
	// address that does not parse is false.
	"cidrmatch": {min: 2, max: 2, pure: true, ret: tBool, fn: func(a []Value) Value {
		if a[0].k == kindNull || a[1].k == kindNull {
			return Null()
		}
		c := first(a[0]).String()
		if !strings.Contains(c, "/") {
			c += "/32"
			if strings.Contains(c, ":") {
				c = c[:len(c)-3] + "/128"
			}
		}
		pfx, err := netip.ParsePrefix(c)
		if err != nil {
			return valFalse
		}
		pfx = pfx.Masked()
		for _, s := range values(a[1]) {
			if ip, err := netip.ParseAddr(s); err == nil && (pfx.Contains(ip) || pfx.Contains(ip.Unmap())) {
				return valTrue
			}
		}
		return valFalse
	}},
	// searchmatch("search terms"): the row matches the search-language
	// expression (field=value case-insensitive, keywords against _raw or
	// else any field) [D S-cmpfn].
	"searchmatch": {min: 1, max: 1, ret: tBool, special: compileSearchmatch},
}

// sameType is the static type of a value that is one of a or b.
func sameType(a, b *cexpr) vtype {
	if a.typ == b.typ {
		return a.typ
	}
	return tAny
}

// fail records the first run-time error of an expression.
func (c *ectx) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// regexArg compiles a pattern argument: once at compile time when it is a
// constant, else per distinct pattern at run time.
func (p *exprProg) regexArg(a *cexpr, call *ast.CallExpr) func(*ectx) (*pcre.Regexp, error) {
	if a.isConst {
		if a.val.k == kindNull {
			return func(*ectx) (*pcre.Regexp, error) { return nil, nil }
		}
		r, err := pcre.Compile(a.val.String(), p.opts.RegexTimeout)
		if err != nil {
			p.e.addf(a.node.Span(), "%s(): %v", call.Name, err)
			return nil
		}
		return func(*ectx) (*pcre.Regexp, error) { return r, nil }
	}
	cache := pcre.NewCache(p.opts.RegexTimeout)
	f := a.fn
	return func(c *ectx) (*pcre.Regexp, error) {
		v := f(c)
		if v.k == kindNull {
			return nil, nil
		}
		return cache.Get(first(v).String())
	}
}

// likeExpr compiles like(s, pat) and `s LIKE pat`.
func (p *exprProg) likeExpr(s, pat *cexpr, node ast.Expr) *cexpr {
	sf := s.fn
	if pat.isConst {
		if pat.val.k == kindNull {
			return constExpr(Null(), node)
		}
		m := glob.CompileLike(pat.val.String())
		return &cexpr{typ: tBool, fn: func(c *ectx) Value {
			v := sf(c)
			if v.k == kindNull {
				return Null()
			}
			for _, x := range values(v) {
				if m.Match(x) {
					return valTrue
				}
			}
			return valFalse
		}}
	}
	pf := pat.fn
	return &cexpr{typ: tBool, fn: func(c *ectx) Value {
		v, pv := sf(c), pf(c)
		if v.k == kindNull || pv.k == kindNull {
			return Null()
		}
		m := glob.CompileLike(first(pv).String())
		for _, x := range values(v) {
			if m.Match(x) {
				return valTrue
			}
		}
		return valFalse
	}}
}

// compileSearchmatch compiles searchmatch("terms") with the search
// command's matching (cmd_search.go).
func compileSearchmatch(p *exprProg, call *ast.CallExpr, a []*cexpr) *cexpr {
	if !a[0].isConst {
		p.e.addf(call.Loc, "searchmatch() takes a quoted search string")
		return nil
	}
	se, err := parser.ParseSearch(a[0].val.String())
	if err != nil {
		p.e.addf(call.Loc, "searchmatch(): %v", err)
		return nil
	}
	var names []string
	env := &condEnv{
		field: func(name string, _ ast.Span) (string, bool) {
			p.slot(name)
			names = append(names, name)
			return name, true
		},
		term: func(t *ast.SearchTerm) *cond {
			return &cond{op: condTerm, term: compileTerm(t.Value.Value()), span: t.Loc}
		},
		errs: p.e,
	}
	cd := compileCond(se, env)
	if cd == nil {
		return nil
	}
	return &cexpr{typ: tBool, fn: func(c *ectx) Value {
		if c.rs == nil {
			return boolVal(cd.op == condAll)
		}
		return boolVal(matchRow(cd, c.row, c.rs))
	}}
}
