package eval

import (
	"math"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// Expressions of eval, where and the stats family's eval(...) compile to
// closures (evalFn) over an ectx holding the current row. Field references
// compile to slots; a stage binds slots to its input's columns once per run
// (exprProg.bind), so reading a field costs an index. See value_ops.go for
// the value model and the null rules.
//
// Logic is three-valued [U: spl_semantics.md §12, decision]: a comparison
// with a null operand is null, NOT null is null, AND is false when any
// operand is false, else null when any is null; OR is true when any operand
// is true, else null when any is null; where keeps a row only when its
// expression is true. So `where x!="a"` and `where NOT x="a"` both drop
// rows without x (unlike the search command, §4).

// evalFn evaluates a compiled expression on the row in c.
type evalFn func(c *ectx) Value

// ectx is the state an expression reads.
type ectx struct {
	row   Row
	rs    *rowSet // the rows row belongs to (field names)
	cols  []int   // slot → column (-1: no such field)
	env   *runEnv
	opts  *Options
	ov    int // slot whose value is overridden (mvfilter, mvmap), -1: none
	ovv   Value
	stack []Value // argument scratch for function calls
	err   error   // the first run-time error (a regex timeout); the stage reports it
}

// newEctx returns a context for the rows of rs, whose columns for p's
// slots are cols.
func newEctx(env *runEnv, rs *rowSet, cols []int) *ectx {
	return &ectx{env: env, opts: env.opts, rs: rs, cols: cols, ov: -1, stack: make([]Value, 0, 16)}
}

// vtype is an expression's static type.
type vtype uint8

const (
	tAny  vtype = iota // depends on the data
	tBool              // a boolean: cannot be assigned to a field
	tNum
	tStr
)

// cexpr is a compiled expression.
type cexpr struct {
	fn      evalFn
	typ     vtype
	isConst bool  // fn always returns val
	val     Value // the constant value
	node    ast.Expr
}

func constExpr(v Value, node ast.Expr) *cexpr {
	t := tAny
	switch v.k {
	case kindBool:
		t = tBool
	case kindNum:
		t = tNum
	case kindStr:
		t = tStr
	}
	return &cexpr{fn: func(*ectx) Value { return v }, typ: t, isConst: true, val: v, node: node}
}

// exprProg is the field table shared by the expressions of one stage.
type exprProg struct {
	names []string
	slots map[string]int
	opts  *Options
	e     *errs
}

func newExprProg(opts *Options, e *errs) *exprProg {
	return &exprProg{slots: map[string]int{}, opts: opts, e: e}
}

// slot returns the slot of a field name.
func (p *exprProg) slot(name string) int {
	if s, ok := p.slots[name]; ok {
		return s
	}
	p.names = append(p.names, name)
	p.slots[name] = len(p.names) - 1
	return len(p.names) - 1
}

// bind maps every slot to rs's column.
func (p *exprProg) bind(rs *rowSet) []int {
	cols := make([]int, len(p.names))
	for i, n := range p.names {
		cols[i] = rs.col(n)
	}
	return cols
}

// compile compiles x; it returns nil after reporting an error.
func (p *exprProg) compile(x ast.Expr) *cexpr {
	switch x := x.(type) {
	case nil:
		p.e.addf(ast.Span{Start: ast.NoPos, End: ast.NoPos}, "missing expression")
		return nil
	case *ast.ParenExpr:
		return p.compile(x.X)
	case *ast.StringExpr:
		return constExpr(Str(x.Value()), x)
	case *ast.NumberExpr:
		f, ok := parseNumberLiteral(x.Raw)
		if !ok {
			p.e.addf(x.Loc, "bad number %q", x.Raw)
			return nil
		}
		return constExpr(Num(f), x)
	case *ast.FieldExpr:
		return p.field(x.Name, x)
	case *ast.UnaryExpr:
		return p.unary(x)
	case *ast.BinaryExpr:
		return p.binary(x)
	case *ast.InExpr:
		return p.in(x)
	case *ast.CallExpr:
		return p.call(x)
	}
	p.e.unsupported(x.Span(), "expression %T is not supported", x)
	return nil
}

// field compiles a field reference.
func (p *exprProg) field(name string, node ast.Expr) *cexpr {
	s := p.slot(name)
	return &cexpr{node: node, fn: func(c *ectx) Value {
		if s == c.ov {
			return c.ovv
		}
		col := c.cols[s]
		if col < 0 || col >= len(c.row) {
			return Null()
		}
		return fieldValue(c.row[col])
	}}
}

// parseNumberLiteral reads a numeric literal: decimal, exponent, or 0x hex.
func parseNumberLiteral(raw string) (float64, bool) {
	if h, ok := strings.CutPrefix(strings.ToLower(raw), "0x"); ok {
		n, err := strconv.ParseUint(h, 16, 64)
		return float64(n), err == nil
	}
	return parseNumber(raw)
}

// fold evaluates e once when it is constant... (callers pass pure nodes).
func fold(e *cexpr) *cexpr {
	v := e.fn(&ectx{ov: -1})
	c := constExpr(v, e.node)
	if e.typ == tBool {
		c.typ = tBool
	}
	return c
}

func (p *exprProg) unary(x *ast.UnaryExpr) *cexpr {
	a := p.compile(x.X)
	if a == nil {
		return nil
	}
	var r *cexpr
	switch x.Op {
	case ast.UnaryNot:
		f := a.fn
		r = &cexpr{typ: tBool, fn: func(c *ectx) Value { return not(f(c)) }}
	case ast.UnaryMinus, ast.UnaryPlus:
		f, neg := a.fn, x.Op == ast.UnaryMinus
		r = &cexpr{typ: tNum, fn: func(c *ectx) Value {
			n, ok := toNum(first(f(c)))
			if !ok {
				return Null()
			}
			if neg {
				n = -n
			}
			return Num(n)
		}}
	default:
		p.e.addf(x.Loc, "unknown operator %q", string(x.Op))
		return nil
	}
	r.node = x
	if a.isConst {
		return fold(r)
	}
	return r
}

func not(v Value) Value {
	if v.k != kindBool {
		return Null()
	}
	return boolVal(v.f == 0)
}

func (p *exprProg) binary(x *ast.BinaryExpr) *cexpr {
	l, r := p.compile(x.L), p.compile(x.R)
	if l == nil || r == nil {
		return nil
	}
	lf, rf := l.fn, r.fn
	var out *cexpr
	switch x.Op {
	case ast.BinAnd:
		out = &cexpr{typ: tBool, fn: func(c *ectx) Value {
			a := lf(c)
			if a.k == kindBool && a.f == 0 {
				return valFalse
			}
			b := rf(c)
			switch {
			case b.k == kindBool && b.f == 0:
				return valFalse
			case a.k == kindBool && b.k == kindBool:
				return valTrue
			}
			return Null()
		}}
	case ast.BinOr:
		out = &cexpr{typ: tBool, fn: func(c *ectx) Value {
			a := lf(c)
			if isTrue(a) {
				return valTrue
			}
			b := rf(c)
			switch {
			case isTrue(b):
				return valTrue
			case a.k == kindBool && b.k == kindBool:
				return valFalse
			}
			return Null()
		}}
	case ast.BinXor:
		out = &cexpr{typ: tBool, fn: func(c *ectx) Value {
			a, b := lf(c), rf(c)
			if a.k != kindBool || b.k != kindBool {
				return Null()
			}
			return boolVal((a.f != 0) != (b.f != 0))
		}}
	case ast.BinEq, ast.BinEqEq, ast.BinNe, ast.BinLt, ast.BinLe, ast.BinGt, ast.BinGe:
		op := x.Op
		out = &cexpr{typ: tBool, fn: func(c *ectx) Value { return compareOp(op, lf(c), rf(c)) }}
	case ast.BinLike:
		out = p.likeExpr(l, r, x)
		if out == nil {
			return nil
		}
	case ast.BinAdd:
		out = &cexpr{typ: tAny, fn: func(c *ectx) Value { return add(lf(c), rf(c)) }}
	case ast.BinSub, ast.BinMul, ast.BinDiv, ast.BinMod:
		op := x.Op
		out = &cexpr{typ: tNum, fn: func(c *ectx) Value { return arith(op, lf(c), rf(c)) }}
	case ast.BinConcat:
		out = &cexpr{typ: tStr, fn: func(c *ectx) Value { return concatBounded(c, lf(c), rf(c)) }}
	default:
		p.e.addf(x.Loc, "unknown operator %q", string(x.Op))
		return nil
	}
	out.node = x
	if l.isConst && r.isConst {
		return fold(out)
	}
	return out
}

// compareOp applies a comparison operator. A multivalue operand compares
// each of its values; the comparison holds when any value does [U].
func compareOp(op ast.BinaryOp, a, b Value) Value {
	if a.k == kindNull || b.k == kindNull {
		return Null()
	}
	if a.k == kindMulti || b.k == kindMulti {
		neg := op == ast.BinNe
		if neg {
			op = ast.BinEq
		}
		hit := false
		for _, x := range values(a) {
			for _, y := range values(b) {
				if isTrue(compareOp(op, fieldValue(Str(x)), fieldValue(Str(y)))) {
					hit = true
				}
			}
		}
		return boolVal(hit != neg)
	}
	if a.k == kindBool || b.k == kindBool {
		if op == ast.BinEq || op == ast.BinEqEq {
			return boolVal(a.k == b.k && a.f == b.f)
		}
		if op == ast.BinNe {
			return boolVal(a.k != b.k || a.f != b.f)
		}
		return Null()
	}
	c, ok := compareValues(a, b)
	if !ok {
		return boolVal(op == ast.BinNe)
	}
	switch op {
	case ast.BinEq, ast.BinEqEq:
		return boolVal(c == 0)
	case ast.BinNe:
		return boolVal(c != 0)
	case ast.BinLt:
		return boolVal(c < 0)
	case ast.BinLe:
		return boolVal(c <= 0)
	case ast.BinGt:
		return boolVal(c > 0)
	case ast.BinGe:
		return boolVal(c >= 0)
	}
	return Null()
}

// add is `+`: the sum of two numbers, the concatenation of two strings,
// null otherwise [D S-eval].
func add(a, b Value) Value {
	a, b = first(a), first(b)
	switch {
	case a.k == kindNum && b.k == kindNum:
		return Num(a.f + b.f)
	case a.k == kindStr && b.k == kindStr:
		return Str(a.s + b.s)
	}
	return Null()
}

// arith is - * / %: null unless both operands are numbers; division or
// modulo by zero is null [D S-eval].
func arith(op ast.BinaryOp, a, b Value) Value {
	x, ok1 := toNum(first(a))
	y, ok2 := toNum(first(b))
	if !ok1 || !ok2 {
		return Null()
	}
	switch op {
	case ast.BinSub:
		return Num(x - y)
	case ast.BinMul:
		return Num(x * y)
	case ast.BinDiv:
		if y == 0 {
			return Null()
		}
		return Num(x / y)
	case ast.BinMod:
		if y == 0 {
			return Null()
		}
		return Num(math.Mod(x, y))
	}
	return Null()
}

// concat is `.`: both operands as text (numbers as written or in their
// shortest form); null when either is null [I, spl_semantics.md §11 case
// 23]. A multivalue contributes its first value [U].
func concat(a, b Value) Value {
	a, b = first(a), first(b)
	if a.k == kindNull || b.k == kindNull {
		return Null()
	}
	return Str(a.String() + b.String())
}

// in compiles `x IN (v1, ...)`: true when x equals one of the values
// exactly (case-sensitive, no wildcards) [D S-cmpfn].
func (p *exprProg) in(x *ast.InExpr) *cexpr {
	a := p.compile(x.X)
	if a == nil {
		return nil
	}
	var list []evalFn
	for _, e := range x.List {
		c := p.compile(e)
		if c == nil {
			return nil
		}
		list = append(list, c.fn)
	}
	af := a.fn
	return &cexpr{typ: tBool, node: x, fn: func(c *ectx) Value {
		v := af(c)
		if v.k == kindNull {
			return Null()
		}
		for _, f := range list {
			if isTrue(compareOp(ast.BinEq, v, f(c))) {
				return valTrue
			}
		}
		return valFalse
	}}
}
