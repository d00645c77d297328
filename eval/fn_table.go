package eval

import (
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/internal/suggest"

	"github.com/spelunk-dev/spelunk/ast"
)

// funcSpec is one eval function's signature and implementation. Exactly
// one of fn, ctx and special is set:
//
//   - fn: computed from its argument values; folded at compile time when
//     every argument is constant and pure is set;
//   - ctx: also reads the run (now(), time zone, regex timeout);
//   - special: compiles itself from its compiled arguments (lazy
//     evaluation as in if/case, constant regexes, per-value predicates).
//
// Arity (min..max, max < 0 = unbounded) is checked at compile time.
type funcSpec struct {
	min, max int
	ret      vtype
	pure     bool
	fn       func(args []Value) Value
	ctx      func(c *ectx, args []Value) Value
	special  func(p *exprProg, call *ast.CallExpr, args []*cexpr) *cexpr
}

// functions is the signature table of every eval function, merged from the
// families (fn_*.go). It is built once and never modified.
var functions = mergeFuncs(condFuncs, stringFuncs, mvFuncs, mathFuncs, trigFuncs, bitFuncs, timeFuncs, convFuncs, cryptoFuncs, infoFuncs, jsonTypeFuncs, jsonFuncs, netFuncs)

func mergeFuncs(families ...map[string]*funcSpec) map[string]*funcSpec {
	all := map[string]*funcSpec{}
	for _, f := range families {
		for name, s := range f {
			if _, dup := all[name]; dup {
				panic("eval: function " + name + " defined twice")
			}
			all[name] = s
		}
	}
	return all
}

// FunctionNames lists the eval functions spelunk implements, sorted.
func FunctionNames() []string {
	names := make([]string, 0, len(functions))
	for n := range functions {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// laterFuncs are Splunk eval functions spelunk does not implement yet:
// calling one is an "unsupported" error rather than an unknown function.
// It is empty: every eval function of the Search Reference (9.x, 10.x) is
// implemented or listed in unsupportedFuncs. Names once listed here that
// the Search Reference's "Evaluation functions" pages do not have are
// unknown functions (with a did-you-mean): mvmax, mvmin, mvsum,
// mvreverse (max(), min(), sum() take multivalues; mvsort), mvtojson_array
// (mv_to_json_array), tojson (a command), toarray, tobool, tomv,
// toobject, ltrim_chars (ltrim's second argument is the characters),
// sha512_256, xor (XOR is an operator), relative_time_to, strptime_from,
// csv and getfields.
var laterFuncs = []string{}

// unsupportedFuncs are eval functions of Splunk's documentation that
// spelunk does not implement, each with the reason the error gives.
var unsupportedFuncs = map[string]string{
	// [D SPL2 Search Reference, "Informational functions":
	// cluster(<field>,<threshold>,<match>,<delims>) "generates a cluster
	// label"]: an SPL2 function; SPL clusters with the cluster command.
	"cluster": "cluster() is an SPL2 eval function, not one of SPL's; SPL's cluster command is not supported either (its similarity measure is not documented)",
}

// call compiles a function call: the name must be known and the arity
// right. Names match case-insensitively [I: the corpus calls LIKE(...)
// and CASE(...) in production detections].
func (p *exprProg) call(x *ast.CallExpr) *cexpr {
	lname := strings.ToLower(x.Name)
	spec, ok := functions[lname]
	if !ok {
		reason, unsup := unsupportedFuncs[lname]
		switch {
		case unsup:
			p.e.unsupportedFunc(x.Loc, "eval function %s() is not supported: %s", x.Name, reason)
		case slices.Contains(laterFuncs, lname):
			p.e.unsupportedFunc(x.Loc, "eval function %s() is not supported yet", x.Name)
		default:
			p.e.addf(x.Loc, "unknown function %s()%s", x.Name, didYouMean(lname, FunctionNames()))
		}
		return nil
	}
	n := len(x.Args)
	if n < spec.min || (spec.max >= 0 && n > spec.max) {
		p.e.addf(x.Loc, "function %s() takes %s, got %d", x.Name, arity(spec.min, spec.max), n)
		return nil
	}
	args := make([]*cexpr, n)
	allConst := true
	for i, a := range x.Args {
		if args[i] = p.compile(a); args[i] == nil {
			return nil
		}
		allConst = allConst && args[i].isConst
	}
	if spec.special != nil {
		r := spec.special(p, x, args)
		if r != nil {
			if !r.isConst {
				f := r.fn
				r.fn = func(c *ectx) Value { return c.bound(f(c)) }
			}
			r.node = x
			if r.typ == tAny {
				r.typ = spec.ret
			}
		}
		return r
	}
	fns := make([]evalFn, n)
	for i, a := range args {
		fns[i] = a.fn
	}
	var fn evalFn
	if spec.fn != nil {
		impl := spec.fn
		fn = func(c *ectx) Value {
			base := len(c.stack)
			for _, f := range fns {
				c.stack = append(c.stack, f(c))
			}
			r := c.bound(impl(c.stack[base:]))
			clear(c.stack[base:])
			c.stack = c.stack[:base]
			return r
		}
	} else {
		impl := spec.ctx
		fn = func(c *ectx) Value {
			base := len(c.stack)
			for _, f := range fns {
				c.stack = append(c.stack, f(c))
			}
			r := c.bound(impl(c, c.stack[base:]))
			clear(c.stack[base:])
			c.stack = c.stack[:base]
			return r
		}
	}
	r := &cexpr{fn: fn, typ: spec.ret, node: x}
	if spec.pure && spec.fn != nil && allConst {
		return fold(r)
	}
	return r
}

func arity(min, max int) string {
	switch {
	case max < 0:
		return plural(min, "argument") + " or more"
	case min == max:
		return plural(min, "argument")
	}
	return itoa(min) + " to " + plural(max, "argument")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}

// didYouMean names the known word nearest to s (edit distance at most a
// third of its length, at least 2), or returns "".
func didYouMean(s string, known []string) string {
	best, bestD := "", len(s)/3+1
	if bestD < 2 {
		bestD = 2
	}
	for _, k := range known {
		if d := suggest.Distance(s, k); d <= bestD && (best == "" || d < suggest.Distance(s, best)) {
			best = k
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean " + best + "()?"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
