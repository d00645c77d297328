package eval

import (
	"net/netip"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// netFuncs are ipmask (Search Reference "Conversion functions") and the
// lookup() eval function.
var netFuncs = map[string]*funcSpec{
	// ipmask(mask, ip): the IPv4 address ip with the bits of mask applied
	// by a bitwise AND [D S-convfn: `ipmask("255.255.255.0",
	// "10.20.30.120")` returns 10.20.30.0; both "must be a valid IPv4
	// address"]. Either not an IPv4 address: null [U]; a multivalue ip:
	// its first value.
	"ipmask": {min: 2, max: 2, pure: true, ret: tStr, fn: func(a []Value) Value {
		if a[0].k == kindNull || a[1].k == kindNull {
			return Null()
		}
		m, err1 := netip.ParseAddr(strings.TrimSpace(first(a[0]).String()))
		ip, err2 := netip.ParseAddr(strings.TrimSpace(first(a[1]).String()))
		if err1 != nil || err2 != nil || !m.Is4() || !ip.Is4() {
			return Null()
		}
		mb, ib := m.As4(), ip.As4()
		for i := range ib {
			ib[i] &= mb[i]
		}
		return Str(netip.AddrFrom4(ib).String())
	}},
	// lookup(table, json_object(input, value, ...) [, json_array(output,
	// ...)]): the first matching row's output fields (every other column
	// when none are named) as a JSON object [D S-jsonfn "lookup"; SR
	// "Comparison and Conditional functions": lookup]. The table must be
	// a constant name, resolved as the lookup command resolves it; a row
	// matches as in the lookup command (the table's match types and case
	// sensitivity). No match, or invalid JSON arguments: null [U]. An
	// output field the row has no value for is left out [U].
	"lookup": {min: 2, max: 3, ret: tStr, special: compileLookupFn},
}

func compileLookupFn(p *exprProg, call *ast.CallExpr, a []*cexpr) *cexpr {
	if !a[0].isConst {
		p.e.addf(call.Loc, "lookup(): the table name must be a constant string")
		return nil
	}
	name := first(a[0].val).String()
	t, err := resolveLookup(call.Loc, name, p.opts.Lookups)
	if err != nil {
		if ee, ok := err.(*Error); ok {
			p.e.add(ee)
		}
		return nil
	}
	in, out := a[1].fn, (evalFn)(nil)
	if len(a) == 3 {
		out = a[2].fn
	}
	return &cexpr{typ: tStr, fn: func(c *ectx) Value {
		inObj, ok := parseJSONArg(in(c))
		if !ok || inObj.Kind != 'o' || len(inObj.Keys) == 0 {
			return Null()
		}
		cols := make([]int, len(inObj.Keys))
		vals := make([]string, len(inObj.Keys))
		for i, k := range inObj.Keys {
			if cols[i] = t.column(k); cols[i] < 0 {
				return Null()
			}
			v := nativeValue(inObj.Kids[i])
			if v.k == kindNull {
				return Null()
			}
			vals[i] = v.String()
		}
		rows := t.match(cols, vals, 1)
		if len(rows) == 0 {
			return Null()
		}
		var outCols []string
		if out != nil {
			arr, ok := parseJSONArg(out(c))
			if !ok || arr.Kind != 'a' {
				return Null()
			}
			for _, k := range arr.Kids {
				outCols = append(outCols, nativeValue(k).String())
			}
		} else {
			for _, col := range t.cols {
				if !containsString(inObj.Keys, col) {
					outCols = append(outCols, col)
				}
			}
		}
		vs := make([]Value, 0, 2*len(outCols))
		for _, col := range outCols {
			ci := t.column(col)
			if ci < 0 {
				continue
			}
			if s, ok := t.cell(rows[0], ci); ok {
				vs = append(vs, Str(col), Str(s))
			}
		}
		return fnJSONObject(vs)
	}}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
