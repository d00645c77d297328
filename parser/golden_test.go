package parser_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/golden"
	"github.com/spelunk-dev/spelunk/parser"
)

// TestGoldenParse reads testdata/parse/*.txtar: the query in in.spl, and
// the expected canonical form (string.spl), pretty form (format.spl) and
// tree (ast.json).
func TestGoldenParse(t *testing.T) {
	runGolden(t, "testdata/parse/*.txtar", func(t *testing.T, in string) []txtar.File {
		q, err := parser.Parse(in)
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		js, err := ast.JSON(q)
		if err != nil {
			t.Fatalf("JSON: %v", err)
		}
		return []txtar.File{
			{Name: "string.spl", Data: []byte(q.String() + "\n")},
			{Name: "format.spl", Data: []byte(ast.Format(q) + "\n")},
			{Name: "ast.json", Data: append(js, '\n')},
		}
	})
}

// TestGoldenErrors reads testdata/errors/*.txtar: the query in in.spl and
// the exact rendering of its error, Error() then Snippet().
func TestGoldenErrors(t *testing.T) {
	runGolden(t, "testdata/errors/*.txtar", func(t *testing.T, in string) []txtar.File {
		_, err := parser.Parse(in)
		if err == nil {
			t.Fatalf("Parse(%q) succeeded, want an error", in)
		}
		var pe *parser.Error
		if !errors.As(err, &pe) {
			t.Fatalf("error is %T, want *parser.Error", err)
		}
		return []txtar.File{{Name: "error", Data: []byte(pe.Error() + "\n" + pe.Snippet() + "\n")}}
	})
}

// runGolden runs produce on the in.spl of each archive matching pattern and
// compares its files with the archive's, or rewrites them with -update.
func runGolden(t *testing.T, pattern string, produce func(t *testing.T, in string) []txtar.File) {
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no golden files match %s", pattern)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var in string
			want := map[string][]byte{}
			for _, f := range ar.Files {
				if f.Name == "in.spl" {
					in = strings.TrimSuffix(string(f.Data), "\n")
				} else {
					want[f.Name] = f.Data
				}
			}
			got := produce(t, in)
			if golden.Update() {
				ar.Files = append([]txtar.File{{Name: "in.spl", Data: []byte(in + "\n")}}, got...)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, g := range got {
				if !bytes.Equal(want[g.Name], g.Data) {
					t.Errorf("%s differs; run go test ./parser -update and review the diff\n%s", g.Name, golden.Diff(g.Name, string(want[g.Name]), string(g.Data)))
				}
			}
		})
	}
}
