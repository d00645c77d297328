package parser_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/parser"
)

// tree prints an expression fully parenthesised, to show its structure.
func tree(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.BinaryExpr:
		return "(" + tree(e.L) + " " + string(e.Op) + " " + tree(e.R) + ")"
	case *ast.UnaryExpr:
		return "(" + string(e.Op) + " " + tree(e.X) + ")"
	case *ast.ParenExpr:
		return "[" + tree(e.X) + "]"
	case *ast.CallExpr:
		args := make([]string, len(e.Args))
		for i, a := range e.Args {
			args[i] = tree(a)
		}
		return e.Name + "{" + strings.Join(args, ", ") + "}"
	case *ast.InExpr:
		list := make([]string, len(e.List))
		for i, a := range e.List {
			list[i] = tree(a)
		}
		return "(" + tree(e.X) + " IN {" + strings.Join(list, ", ") + "})"
	case *ast.FieldExpr:
		if e.Quoted {
			return "F'" + e.Name + "'"
		}
		return "F:" + e.Name
	case *ast.StringExpr:
		return "S" + `"` + e.Raw + `"`
	case *ast.NumberExpr:
		return "N:" + e.Raw
	}
	return "?"
}

func TestParseExpr(t *testing.T) {
	tests := []struct{ in, tree, str string }{
		{`a+b*c`, `(F:a + (F:b * F:c))`, `a + b * c`},
		{`a*b+c`, `((F:a * F:b) + F:c)`, `a * b + c`},
		{`a-b-c`, `((F:a - F:b) - F:c)`, `a - b - c`},
		{`a-(b-c)`, `(F:a - [(F:b - F:c)])`, `a - (b - c)`},
		{`a=1 OR b=2 AND c=3`, `((F:a = N:1) OR ((F:b = N:2) AND (F:c = N:3)))`, `a = 1 OR b = 2 AND c = 3`},
		{`a XOR b or c`, `(F:a XOR (F:b OR F:c))`, `a XOR b OR c`},
		{`not a=1 and b`, `((NOT (F:a = N:1)) AND F:b)`, `NOT a = 1 AND b`},
		{`!x`, `(NOT F:x)`, `NOT x`},
		{`-1`, `(- N:1)`, `-1`},
		{`- -x`, `(- (- F:x))`, `--x`},
		{`-a*b`, `((- F:a) * F:b)`, `-a * b`},
		{`a = NOT b = c`, `((F:a = (NOT F:b)) = F:c)`, `a = NOT b = c`},
		{`x==1`, `(F:x == N:1)`, `x == 1`},
		{`a."x".b`, `((F:a . S"x") . F:b)`, `a . "x" . b`},
		{`Processes.dest."x"`, `(F:Processes.dest . S"x")`, `Processes.dest . "x"`},
		{`"%".mandatory_job."%"`, `((S"%" . F:mandatory_job) . S"%")`, `"%" . mandatory_job . "%"`},
		{`a. b`, `(F:a . F:b)`, `a . b`},
		{`'Actor{}.ID'`, `F'Actor{}.ID'`, `'Actor{}.ID'`},
		{`a{}.b`, `F:a{}.b`, `a{}.b`},
		{`'it\'s'`, `F'it's'`, `'it\'s'`},
		{`"a \"q\" \d"`, `S"a \"q\" \d"`, `"a \"q\" \d"`},
		{`1.5e3 + 0x1F + .5`, `((N:1.5e3 + N:0x1F) + N:.5)`, `1.5e3 + 0x1F + .5`},
		{`case(a=1,"x",true(),"y")`, `case{(F:a = N:1), S"x", true{}, S"y"}`, `case(a = 1, "x", true(), "y")`},
		{`mvfilter(match(x,"a"))`, `mvfilter{match{F:x, S"a"}}`, `mvfilter(match(x, "a"))`},
		{`x IN ("a","b")`, `(F:x IN {S"a", S"b"})`, `x IN ("a", "b")`},
		{`x in("a") AND y`, `((F:x IN {S"a"}) AND F:y)`, `x IN ("a") AND y`},
		{`in(x,"a")`, `in{F:x, S"a"}`, `in(x, "a")`},
		{`x LIKE "a%"`, `(F:x LIKE S"a%")`, `x LIKE "a%"`},
		{`like(x, "a%") or x like "b"`, `(like{F:x, S"a%"} OR (F:x LIKE S"b"))`, `like(x, "a%") OR x LIKE "b"`},
		{`LIKE(x,"a")`, `LIKE{F:x, S"a"}`, `LIKE(x, "a")`},
		{"a ``` note | x ``` + 1", `(F:a + N:1)`, `a + 1`},
		{`if(x>1 AND y<=2, "(", ")")`, `if{((F:x > N:1) AND (F:y <= N:2)), S"(", S")"}`, `if(x > 1 AND y <= 2, "(", ")")`},
		{`disk:threads/2`, `(F:disk:threads / N:2)`, `disk:threads / 2`},
		{`$tok$ % 2`, `(F:$tok$ % N:2)`, `$tok$ % 2`},
	}
	for _, tt := range tests {
		e, err := parser.ParseExpr(tt.in)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tt.in, err)
			continue
		}
		if got := tree(e); got != tt.tree {
			t.Errorf("ParseExpr(%q) tree = %s, want %s", tt.in, got, tt.tree)
		}
		if got := e.String(); got != tt.str {
			t.Errorf("ParseExpr(%q).String() = %s, want %s", tt.in, got, tt.str)
		}
		again, err := parser.ParseExpr(e.String())
		if err != nil {
			t.Errorf("ParseExpr(%q) again: %v", e.String(), err)
			continue
		}
		if tree(again) != tree(e) {
			t.Errorf("round trip of %q: %s, want %s", tt.in, tree(again), tree(e))
		}
	}
}

func TestParseExprSpans(t *testing.T) {
	e, err := parser.ParseExpr(` if(a, "b") . c `)
	if err != nil {
		t.Fatal(err)
	}
	b := e.(*ast.BinaryExpr)
	if s := b.Span(); s.Start != 1 || s.End != 15 {
		t.Errorf("binary span = %v, want [1, 15)", s)
	}
	if s := b.L.Span(); s.Start != 1 || s.End != 11 {
		t.Errorf("call span = %v, want [1, 11)", s)
	}
}

func TestParseExprErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{``, `1:1: empty expression`},
		{`a +`, `1:4: expression: unexpected end of command: expected an expression`},
		{`(a`, `1:1: expression: unclosed '(': missing ')'`},
		{`f(a b)`, `1:5: expression: unexpected "b" in the arguments of f(): expected ',' or ')'`},
		{`x IN ()`, `1:7: expression: empty IN list`},
		{`a b`, `1:3: expression: unexpected "b"`},
		{`a # b`, `1:3: unexpected character '#' in an expression`},
		{`'abc`, `1:1: unterminated quoted field name`},
	}
	for _, tt := range tests {
		_, err := parser.ParseExpr(tt.in)
		var pe *parser.Error
		if !errors.As(err, &pe) {
			t.Errorf("ParseExpr(%q) error = %v, want *parser.Error", tt.in, err)
			continue
		}
		if got := pe.Error(); got != tt.want {
			t.Errorf("ParseExpr(%q) error = %q, want %q", tt.in, got, tt.want)
		}
	}
}
