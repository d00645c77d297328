package parser_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/eval/spltest"
	"github.com/spelunk-dev/spelunk/parser"
)

// FuzzParse checks that Parse never panics, always returns *parser.Error on
// failure, and that what parses prints back (String and Format) to an equal
// tree. The round-trip queries and every conformance query are seeds.
func FuzzParse(f *testing.F) {
	queries, err := spltest.Queries("../eval/testdata/conformance")
	if err != nil {
		f.Fatal(err)
	}
	for _, qs := range [][]string{roundTripQueries, queries} {
		for _, q := range qs {
			f.Add(q)
		}
	}
	for _, q := range []string{`a | | b`, `x="`, `(((`, `[[]]`, `| tstats count frm x`, `a\"b`, `x IN (,)`, `x=(y`} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 4096 {
			return
		}
		tree, err := parser.Parse(q)
		if err != nil {
			var pe *parser.Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) returned %T, want *parser.Error", q, err)
			}
			if pe.Pos < 0 || int(pe.Pos) > len(q) {
				t.Fatalf("Parse(%q): error position %d outside the query", q, pe.Pos)
			}
			_ = pe.Snippet()
			return
		}
		for _, printed := range []string{tree.String(), ast.Format(tree)} {
			again, err := parser.Parse(printed)
			if err != nil {
				t.Fatalf("Parse(%q) ok but its print %q fails: %v", q, printed, err)
			}
			if d := cmp.Diff(tree, again, ignoreSpans); d != "" {
				t.Fatalf("Parse(%q) and Parse(%q) differ:\n%s", q, printed, d)
			}
		}
	})
}

// FuzzParseExpr checks that ParseExpr never panics, fails only with
// *parser.Error, and that what parses prints back to an equal tree and the
// printer is a fixed point.
func FuzzParseExpr(f *testing.F) {
	for _, s := range []string{
		`a+b*c`, `a=1 OR b=2 AND c=3`, `not a=1 and b`, `!x`, `- -x`, `a = NOT b = c`, `a."x".b`,
		`'Actor{}.ID' . "\"q\""`, `case(a=1,"x",true(),"y")`, `x IN ("a","b")`, `in(x,"a")`,
		`x LIKE "a%"`, `1.5e3 + 0x1F + .5`, "a ``` c ``` + 1", `if(x>1, "(", ")")`, `(a`, `f(a b)`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		e, err := parser.ParseExpr(s)
		if err != nil {
			var pe *parser.Error
			if !errors.As(err, &pe) {
				t.Fatalf("ParseExpr(%q) returned %T, want *parser.Error", s, err)
			}
			if pe.Pos < 0 || int(pe.Pos) > len(s) {
				t.Fatalf("ParseExpr(%q): error position %d outside the input", s, pe.Pos)
			}
			return
		}
		printed := e.String()
		again, err := parser.ParseExpr(printed)
		if err != nil {
			t.Fatalf("ParseExpr(%q) ok but its print %q fails: %v", s, printed, err)
		}
		if d := cmp.Diff(e, again, ignoreSpans); d != "" {
			t.Fatalf("ParseExpr(%q) and ParseExpr(%q) differ:\n%s", s, printed, d)
		}
		if p2 := again.String(); p2 != printed {
			t.Fatalf("String is not a fixed point: %q then %q", printed, p2)
		}
	})
}
