package parser_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/parser"
)

// TestHostileQueries: text that once took minutes to parse or print, or
// exhausted memory, is refused cleanly or handled in time linear in its
// length (the test's own timeout is the bound).
func TestHostileQueries(t *testing.T) {
	t.Run("too long", func(t *testing.T) {
		long := "search " + strings.Repeat("x", parser.DefaultMaxQueryLen)
		for name, parse := range map[string]func(string) error{
			"Parse":       func(s string) error { _, err := parser.Parse(s); return err },
			"ParseSearch": func(s string) error { _, err := parser.ParseSearch(s); return err },
			"ParseExpr":   func(s string) error { _, err := parser.ParseExpr(s); return err },
		} {
			var pe *parser.Error
			if err := parse(long); !errors.As(err, &pe) || pe.Code != diag.CodeLimitExceeded {
				t.Errorf("%s of %d bytes: %v, want a %s *parser.Error", name, len(long), err, diag.CodeLimitExceeded)
			}
		}
		var pe *parser.Error
		if _, err := parser.ParseWith("search x=1 OR x=2", parser.Options{MaxQueryLen: 10}); !errors.As(err, &pe) || pe.Code != diag.CodeLimitExceeded || pe.Pos != 10 {
			t.Errorf("ParseWith, a limit of 10: %v", err)
		}
		if _, err := parser.ParseWith(long, parser.Options{MaxQueryLen: 2 * parser.DefaultMaxQueryLen}); err != nil {
			t.Errorf("ParseWith, a higher limit: %v", err)
		}
	})
	for name, q := range map[string]string{
		"where OR chain":       "| makeresults | where x=0" + strings.Repeat(" OR x=1", 5000),
		"eval + chain":         "| makeresults | eval y=1" + strings.Repeat(" + 1", 5000),
		"search OR chain":      "search x=0" + strings.Repeat(" OR x=1", 5000),
		"mixed operator chain": "| makeresults | where x=0" + strings.Repeat(" OR x=1 AND y=2", 2500),
	} {
		t.Run(name, func(t *testing.T) {
			tree, err := parser.Parse(q)
			if err != nil {
				t.Fatal(err)
			}
			for _, printed := range []string{tree.String(), ast.Format(tree)} {
				again, err := parser.Parse(printed)
				if err != nil {
					t.Fatalf("print does not parse: %v", err)
				}
				if d := cmp.Diff(tree, again, ignoreSpans); d != "" {
					t.Fatalf("print parses differently:\n%.2000s", d)
				}
			}
		})
	}
}
