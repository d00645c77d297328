package macros

import (
	"errors"
	"strings"
)

// testEvalString is a toy evaluator for iseval tests: it understands
// `"text"` (a string literal, returned as is) and `upper("text")`; anything
// else is an error.
func testEvalString(expr string, _ map[string]string) (string, error) {
	expr = strings.TrimSpace(expr)
	up := false
	if s, ok := strings.CutPrefix(expr, "upper("); ok && strings.HasSuffix(s, ")") {
		expr, up = s[:len(s)-1], true
	}
	if len(expr) < 2 || expr[0] != '"' || expr[len(expr)-1] != '"' {
		return "", errors.New("cannot evaluate " + expr)
	}
	s := expr[1 : len(expr)-1]
	if up {
		s = strings.ToUpper(s)
	}
	return s, nil
}

// testValidate is a toy validation evaluator: `isnum(V)` is Boolean (V all
// digits); `msg(V)` returns the string "bad V" unless V is "ok" (NULL);
// anything else is an error.
func testValidate(expr string, _ map[string]string) (bool, string, error) {
	arg := func(fn string) (string, bool) {
		s, ok := strings.CutPrefix(expr, fn+"(")
		if !ok || !strings.HasSuffix(s, ")") {
			return "", false
		}
		return s[:len(s)-1], true
	}
	if v, ok := arg("isnum"); ok {
		return v != "" && strings.Trim(v, "0123456789") == "", "", nil
	}
	if v, ok := arg("msg"); ok {
		if v == "ok" {
			return true, "", nil
		}
		return false, "bad " + v, nil
	}
	return false, "", errors.New("cannot evaluate " + expr)
}
