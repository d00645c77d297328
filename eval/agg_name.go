package eval

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// aggName is the output field of an aggregate: its AS name, else
// func(field), else for func(eval(expr)) the expression as Splunk names
// it — the text as written. The tree does not keep that text, so the
// expression is printed compactly (no blanks around symbolic operators or
// after commas, blanks around word operators), which is how such
// expressions are usually written [I].
func aggName(a ast.Aggregate) string {
	if a.As != "" || a.Eval == nil {
		return a.Name()
	}
	return a.Func + "(eval(" + compactExpr(a.Eval) + "))"
}

// compactExpr prints x without optional blanks.
func compactExpr(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.ParenExpr:
		return "(" + compactExpr(x.X) + ")"
	case *ast.UnaryExpr:
		if x.Op == ast.UnaryNot {
			return "NOT " + compactExpr(x.X)
		}
		return string(x.Op) + compactExpr(x.X)
	case *ast.BinaryExpr:
		op := string(x.Op)
		switch x.Op {
		case ast.BinAnd, ast.BinOr, ast.BinXor, ast.BinLike:
			op = " " + op + " "
		}
		return compactExpr(x.L) + op + compactExpr(x.R)
	case *ast.CallExpr:
		args := make([]string, len(x.Args))
		for i, a := range x.Args {
			args[i] = compactExpr(a)
		}
		return x.Name + "(" + strings.Join(args, ",") + ")"
	case *ast.InExpr:
		args := make([]string, len(x.List))
		for i, a := range x.List {
			args[i] = compactExpr(a)
		}
		return compactExpr(x.X) + " IN (" + strings.Join(args, ",") + ")"
	}
	return x.String()
}
