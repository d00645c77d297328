package macros

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestYAMLLocator checks that every non-blank byte of a search written as a
// multi-line YAML scalar maps to the file position holding that byte, and
// that an expansion error inside it is located on the right line.
func TestYAMLLocator(t *testing.T) {
	for _, tc := range []struct{ name, src, wantErr string }{
		{"plain", "name: x\nsearch: search a=1\n  | `m` | eval y=\"é\"\n  | `nope`\n", "f.yml:4:5: unknown macro `nope` (0 arguments)"},
		{"single quoted", "search: 'search a=''1''\n\n  | `m`   | `nope`'\n", "f.yml:3:13: unknown macro `nope` (0 arguments)"},
		{"double quoted", "search: \"search a=\\\"1\\\"\\t\n  | `m` |\\\n  `nope`\"\n", "f.yml:3:3: unknown macro `nope` (0 arguments)"},
		{"folded", "search: >-\n  search a=1\n  | `m`\n\n    | keep\n  | `nope`\n", "f.yml:6:5: unknown macro `nope` (0 arguments)"},
		{"literal", "id: 1\nsearch: |\n    search a=1\n    | `m` | `nope`\nother: x\n", "f.yml:4:13: unknown macro `nope` (0 arguments)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			var doc yaml.Node
			if err := yaml.Unmarshal(src, &doc); err != nil {
				t.Fatal(err)
			}
			var v *yaml.Node
			top := doc.Content[0]
			for i := 0; i+1 < len(top.Content); i += 2 {
				if top.Content[i].Value == "search" {
					v = top.Content[i+1]
				}
			}
			locate := YAMLLocator("f.yml", src, v)
			lines := strings.Split(tc.src, "\n")
			for i := 0; i < len(v.Value); i++ {
				c := v.Value[i]
				if c == ' ' || c == '\n' || c == '\t' || c == '"' {
					continue // folded blanks and escapes have no byte of their own
				}
				l := locate(i)
				if l.File != "f.yml" || l.Line < 1 || l.Line > len(lines) || l.Col < 1 || l.Col > len(lines[l.Line-1]) {
					t.Fatalf("byte %d %q at %v: outside the file", i, c, l)
				}
				if got := lines[l.Line-1][l.Col-1]; got != c {
					t.Errorf("byte %d %q at %v holds %q", i, c, l, got)
				}
			}
			lib := NewLibrary()
			lib.Add(Macro{Name: "m", Definition: "search b=2"})
			_, err := lib.ExpandFunc(v.Value, locate, Options{})
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("err = %v, want %s", err, tc.wantErr)
			}
		})
	}
}

func TestYAMLLocatorDegenerate(t *testing.T) {
	for _, n := range []*yaml.Node{nil, {Kind: yaml.MappingNode, Line: 1, Column: 1}} {
		if l := YAMLLocator("f.yml", []byte("x: 1\n"), n)(3); l != (Location{File: "f.yml"}) {
			t.Errorf("%v: %v", n, l)
		}
	}
	lib := NewLibrary()
	x, err := lib.ExpandFunc("`drop_dm_object_name(P)`", nil, Options{})
	if err != nil || x.Text != "rename P.* AS *" || x.Calls[0].Loc != (Location{}) {
		t.Errorf("nil locate: %+v, %v", x, err)
	}
}
