package parser_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/parser"
)

// FuzzParse checks that Parse never panics, always returns *parser.Error on
// failure, and that what parses prints back (String and Format) to an equal
// tree.
func FuzzParse(f *testing.F) {
	for _, q := range roundTripQueries {
		f.Add(q)
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
