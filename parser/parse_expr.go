package parser

import "github.com/spelunk-dev/spelunk/ast"

// ParseExpr parses an eval expression, the syntax of eval's right-hand
// sides and of where, such as `if(x > 1, "a", lower(y)) . "-" . z`.
// Errors are *Error.
func ParseExpr(expr string) (e ast.Expr, err error) {
	if err := checkLen(expr, 0); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			e, err = nil, errorf(expr, 0, "internal error: %v", r)
		}
	}()
	return parseExprRange(expr, 0, len(expr))
}

// parseExprRange parses query[start:end] as an eval expression.
func parseExprRange(query string, start, end int) (ast.Expr, error) {
	s, e := trimBounds(query, start, end)
	if s == e {
		return nil, errorf(query, e, "empty expression")
	}
	g, err := runParser(evalExprParser, query, s, e, lexWholeExpr, "expression")
	if err != nil {
		return nil, err
	}
	return g.X, nil
}
