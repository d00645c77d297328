package eval

import (
	"math"
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// Multivalue functions [D S-mvfn]. A single value is a multivalue of one;
// null is a multivalue of none.
var mvFuncs = map[string]*funcSpec{
	// commands(s): the commands of the search string s, in order
	// [D S-mvfn: commands("search foo | stats count | sort count") is
	// search, stats, sort]. Pipes inside quotes or brackets do not
	// split; a search not starting with a command starts with search [I].
	"commands": {min: 1, max: 1, pure: true, fn: func(a []Value) Value {
		if a[0].k == kindNull {
			return Null()
		}
		return mvOf(searchCommands(first(a[0]).String()))
	}},
	// split(s, delim): "" splits into characters [D].
	"split": {min: 2, max: 2, pure: true, fn: func(a []Value) Value {
		if a[0].k == kindNull || a[1].k == kindNull {
			return Null()
		}
		s, d := first(a[0]).String(), first(a[1]).String()
		if d == "" {
			var out []string
			for _, r := range s {
				out = append(out, string(r))
			}
			return mvOf(out)
		}
		return mvOf(strings.Split(s, d))
	}},
	// mvcount(x): number of values; null when x is null [D].
	"mvcount": {min: 1, max: 1, pure: true, ret: tNum, fn: func(a []Value) Value {
		if a[0].k == kindNull {
			return Null()
		}
		return Num(float64(len(values(a[0]))))
	}},
	// mvindex(x, start[, end]): 0-based, negative from the end, end
	// inclusive; out of range is null [D].
	"mvindex": {min: 2, max: 3, pure: true, fn: fnMvindex},
	"mvjoin": {min: 2, max: 2, ret: tStr, ctx: func(c *ectx, a []Value) Value {
		if a[0].k == kindNull || a[1].k == kindNull {
			return Null()
		}
		vs, sep := values(a[0]), first(a[1]).String()
		n := (len(vs) - 1) * len(sep)
		for _, v := range vs {
			n += len(v)
		}
		if n > c.opts.maxValueLen() {
			return c.valueTooLong(n)
		}
		if !c.reserve(n) {
			return Null()
		}
		return Str(strings.Join(vs, sep))
	}},
	// mvappend(v, ...): all values of all arguments, nulls skipped [D].
	"mvappend": {min: 1, max: -1, pure: true, fn: func(a []Value) Value {
		var out []string
		for _, v := range a {
			out = append(out, values(v)...)
		}
		return mvOf(out)
	}},
	// mvdedup(x): first occurrences, in order [D].
	"mvdedup": {min: 1, max: 1, pure: true, fn: func(a []Value) Value {
		if a[0].k != kindMulti {
			return a[0]
		}
		seen := make(map[string]bool, len(a[0].mv))
		var out []string
		for _, s := range a[0].mv {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		return mvOf(out)
	}},
	// mvsort(x): bytewise ascending [D].
	"mvsort": {min: 1, max: 1, pure: true, fn: func(a []Value) Value {
		if a[0].k != kindMulti {
			return a[0]
		}
		out := slices.Clone(a[0].mv)
		slices.Sort(out)
		return mvOf(out)
	}},
	// mvzip(a, b[, delim]): pairs joined by delim (default ","), as many as
	// the shorter has [D].
	"mvzip": {min: 2, max: 3, pure: true, fn: func(a []Value) Value {
		if a[0].k == kindNull || a[1].k == kindNull {
			return Null()
		}
		d := ","
		if len(a) == 3 {
			d = first(a[2]).String()
		}
		x, y := values(a[0]), values(a[1])
		n := min(len(x), len(y))
		out := make([]string, n)
		for i := 0; i < n; i++ {
			out[i] = x[i] + d + y[i]
		}
		return mvOf(out)
	}},
	// mvrange(start, end[, step]): numbers from start up to, not including,
	// end [D]; more values than the multivalue limit (Options.MaxMultivalue)
	// is an error.
	"mvrange": {min: 2, max: 3, ctx: func(c *ectx, a []Value) Value {
		s, ok1 := toNum(first(a[0]))
		e, ok2 := toNum(first(a[1]))
		step := 1.0
		if len(a) == 3 {
			var ok bool
			if step, ok = toNum(first(a[2])); !ok {
				return Null()
			}
		}
		if !ok1 || !ok2 || step == 0 || math.IsNaN(s) || math.IsNaN(e) || math.IsNaN(step) {
			return Null()
		}
		if n := math.Ceil((e - s) / step); n > float64(c.opts.maxMultivalue()) {
			return c.failLimit("mvrange would make %.0f values, more than the limit of %d", n, c.opts.maxMultivalue())
		}
		var out []string
		for x := s; (step > 0 && x < e) || (step < 0 && x > e); x += step {
			if len(out) >= c.opts.maxMultivalue() {
				return c.failLimit("mvrange makes more values than the limit of %d", c.opts.maxMultivalue())
			}
			out = append(out, formatNumber(x))
		}
		return mvOf(out)
	}},
	// mvfind(x, regex): index of the first value the regex matches; null
	// when none [D].
	"mvfind": {min: 2, max: 2, ret: tNum, special: func(p *exprProg, call *ast.CallExpr, a []*cexpr) *cexpr {
		re := p.regexArg(a[1], call)
		if re == nil {
			return nil
		}
		xf := a[0].fn
		return &cexpr{typ: tNum, fn: func(c *ectx) Value {
			v := xf(c)
			r, err := re(c)
			if err != nil {
				c.fail(err)
				return Null()
			}
			if v.k == kindNull || r == nil {
				return Null()
			}
			for i, s := range values(v) {
				ok, err := r.Match(s)
				if err != nil {
					c.fail(err)
					return Null()
				}
				if ok {
					return Num(float64(i))
				}
			}
			return Null()
		}}
	}},
	// mvfilter(pred): the values of the one field pred names for which
	// pred is true [D].
	"mvfilter": {min: 1, max: 1, special: func(p *exprProg, call *ast.CallExpr, a []*cexpr) *cexpr {
		names := fieldsOf(call.Args[0])
		if len(names) != 1 {
			p.e.addf(call.Loc, "mvfilter() takes an expression that names exactly one field, got %d", len(names))
			return nil
		}
		s := p.slot(names[0])
		pred := a[0].fn
		return &cexpr{fn: func(c *ectx) Value {
			v := readSlot(c, s)
			if v.k == kindNull {
				return v
			}
			var out []string
			oldOv, oldV := c.ov, c.ovv
			for _, x := range values(v) {
				c.ov, c.ovv = s, fieldValue(Str(x))
				if isTrue(pred(c)) {
					out = append(out, x)
				}
			}
			c.ov, c.ovv = oldOv, oldV
			return mvOf(out)
		}}
	}},
	// mvmap(x, expr): expr for every value of the field x (expr names x
	// for the current value); null results are dropped [D].
	"mvmap": {min: 2, max: 2, special: func(p *exprProg, call *ast.CallExpr, a []*cexpr) *cexpr {
		f, ok := unparen(call.Args[0]).(*ast.FieldExpr)
		if !ok {
			p.e.addf(call.Loc, "mvmap() takes a field as its first argument")
			return nil
		}
		s := p.slot(f.Name)
		body := a[1].fn
		return &cexpr{fn: func(c *ectx) Value {
			v := readSlot(c, s)
			if v.k == kindNull {
				return v
			}
			var out []string
			oldOv, oldV := c.ov, c.ovv
			for _, x := range values(v) {
				c.ov, c.ovv = s, fieldValue(Str(x))
				if r := storable(body(c)); r.k != kindNull {
					out = append(out, values(r)...)
				}
			}
			c.ov, c.ovv = oldOv, oldV
			return mvOf(out)
		}}
	}},
}

// readSlot reads a field slot as a field reference does.
func readSlot(c *ectx, s int) Value {
	if s == c.ov {
		return c.ovv
	}
	col := c.cols[s]
	if col < 0 || col >= len(c.row) {
		return Null()
	}
	return c.row[col]
}

func unparen(x ast.Expr) ast.Expr {
	for {
		p, ok := x.(*ast.ParenExpr)
		if !ok {
			return x
		}
		x = p.X
	}
}

// fieldsOf lists the distinct fields an expression reads.
func fieldsOf(x ast.Expr) []string {
	var out []string
	var walk func(ast.Expr)
	walk = func(x ast.Expr) {
		switch x := x.(type) {
		case *ast.FieldExpr:
			if !slices.Contains(out, x.Name) {
				out = append(out, x.Name)
			}
		case *ast.ParenExpr:
			walk(x.X)
		case *ast.UnaryExpr:
			walk(x.X)
		case *ast.BinaryExpr:
			walk(x.L)
			walk(x.R)
		case *ast.InExpr:
			walk(x.X)
			for _, e := range x.List {
				walk(e)
			}
		case *ast.CallExpr:
			for _, e := range x.Args {
				walk(e)
			}
		}
	}
	walk(x)
	return out
}

func fnMvindex(a []Value) Value {
	if a[0].k == kindNull || a[1].k == kindNull {
		return Null()
	}
	vals := values(a[0])
	n := len(vals)
	idx := func(v Value) (int, bool) {
		f, ok := toNum(first(v))
		if !ok {
			return 0, false
		}
		i := int(f)
		if i < 0 {
			i += n
		}
		return i, true
	}
	s, ok := idx(a[1])
	if !ok || s < 0 || s >= n {
		return Null()
	}
	if len(a) == 2 {
		return Str(vals[s])
	}
	e, ok := idx(a[2])
	if !ok {
		return Null()
	}
	if e >= n {
		e = n - 1
	}
	if e < s {
		return Null()
	}
	return mvOf(slices.Clone(vals[s : e+1]))
}

// searchCommands splits a search string at its top-level pipes and
// returns the first word of each part (search for a leading part without
// a command, as Splunk implies it).
func searchCommands(s string) []string {
	var parts []string
	depth, quote, start := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && quote:
			i++
		case c == '"':
			quote = !quote
		case quote:
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case c == '|' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	parts = append(parts, s[start:])
	var out []string
	for i, p := range parts {
		f := strings.Fields(p)
		if len(f) == 0 {
			continue
		}
		name := strings.ToLower(f[0])
		if i == 0 && !isCommandName(name) {
			name = "search"
		}
		out = append(out, name)
	}
	return out
}

// isCommandName reports whether the first word of a search is a command
// rather than a search term: a name the registry or Splunk knows.
func isCommandName(name string) bool {
	info, ok := LookupCommand(name)
	return ok && info.Name != ""
}
