package macros

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/spelunk-dev/spelunk/diag"
)

// TestErrorCodes checks that every expansion error carries the code set
// where it is raised.
func TestErrorCodes(t *testing.T) {
	lib := NewLibrary()
	lib.Add(Macro{Name: "loop", Definition: "`loop`"})
	lib.Add(Macro{Name: "one", Args: []string{"a"}, Definition: "$a$"})
	lib.Add(Macro{Name: "ev", Definition: `"x"`, IsEval: true})
	lib.Add(Macro{Name: "val", Args: []string{"a"}, Definition: "$a$", Validation: "isnum($a$)"})
	lib.Add(Macro{Name: "deep", Definition: "`deeper`"})
	lib.Add(Macro{Name: "deeper", Definition: "x"})
	failing := func(string, map[string]string) (string, error) { return "", errors.New("boom") }
	cases := []struct {
		text string
		opts Options
		code diag.Code
	}{
		{"| `nope`", Options{}, diag.CodeUnknownMacro},
		{"| `one(a,b)`", Options{}, diag.CodeMacroArity},
		{"| `loop`", Options{}, diag.CodeMacroCycle},
		{"| `unclosed", Options{}, diag.CodeMacroSyntax},
		{"| `one(a`", Options{}, diag.CodeMacroSyntax},
		{"| `deep`", Options{MaxDepth: 1}, diag.CodeMacroLimit},
		{"| `deeper` `deeper`", Options{MaxCalls: 1}, diag.CodeMacroLimit},
		{"| `deeper` xxxxxxxxxx", Options{MaxSize: 4}, diag.CodeMacroLimit},
		{"| `ev`", Options{}, diag.CodeMacroError},
		{"| `ev`", Options{EvalString: failing}, diag.CodeMacroError},
		{"| `val(1)`", Options{}, diag.CodeMacroError},
	}
	for _, tc := range cases {
		_, err := lib.Expand(tc.text, Location{File: "q", Line: 1, Col: 1}, tc.opts)
		var me *Error
		if !errors.As(err, &me) {
			t.Errorf("%s: want *Error, got %v", tc.text, err)
			continue
		}
		if me.Code != tc.code {
			t.Errorf("%s: code %s, want %s (%s)", tc.text, me.Code, tc.code, me.Msg)
		}
	}
	_, err := lib.Expand("| `nope(1)`", Location{}, Options{})
	if me := (*Error)(nil); !errors.As(err, &me) || me.Called != "nope" {
		t.Errorf("Called: %v", err)
	}
}

// TestLoadErrorCodes checks the codes of macro file problems and that
// their columns count characters.
func TestLoadErrorCodes(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, text string
		code       diag.Code
		loc        string
	}{
		{"bad.conf", "[m]\ndefinition = x\n[é]\n", diag.CodeMacroDefinition, "bad.conf:3:1"},
		{"noval.conf", "[m]\n  = x\n", diag.CodeMacroDefinition, "noval.conf:2:3"},
		{"bad.yml", "name: m\ndefinition: [1]\n", diag.CodeMacroDefinition, "bad.yml:2:13"},
		{"args.yml", "name: m\narguments: [\"ok\", \"a b\"]\ndefinition: x\n", diag.CodeMacroDefinition, "args.yml:2:19"},
		{"broken.yml", "name: [\n", diag.CodeMacroDefinition, "broken.yml:1"},
		{"missing.yml", "", diag.CodeReadError, "missing.yml"},
	}
	for _, tc := range cases {
		path := filepath.Join(dir, tc.name)
		if tc.text != "" {
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		err := NewLibrary().LoadFile(path)
		var me *Error
		if !errors.As(err, &me) {
			t.Errorf("%s: want *Error, got %v", tc.name, err)
			continue
		}
		me.Loc.File = filepath.Base(me.Loc.File)
		if me.Code != tc.code || me.Loc.String() != tc.loc {
			t.Errorf("%s: %s at %s, want %s at %s (%s)", tc.name, me.Code, me.Loc, tc.code, tc.loc, me.Msg)
		}
	}
}

// TestColumnsCountCharacters checks the columns of definitions written
// after multibyte text, in conf and YAML files and in a searched text.
func TestColumnsCountCharacters(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "macros.conf")
	if err := os.WriteFile(conf, []byte("[c]\ndefinition = x=\"é\" `bad\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	if err := lib.LoadFile(conf); err != nil {
		t.Fatal(err)
	}
	_, err := lib.Expand("x=\"é\" | `c`", Location{File: "q", Line: 1, Col: 1}, Options{})
	var me *Error
	if !errors.As(err, &me) {
		t.Fatalf("want *Error, got %v", err)
	}
	// definition = x="é" `bad: the backtick is the 20th character (21st byte)
	me.Loc.File = filepath.Base(me.Loc.File)
	if got := me.Loc.String(); got != "macros.conf:2:20" || me.Code != diag.CodeMacroSyntax {
		t.Errorf("got %s %s", me.Code, me)
	}
	x, err := NewLibrary().Expand("x=\"é\"\n| y=\"ü\" z", Location{File: "q", Line: 3, Col: 5}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for off, want := range map[int]string{5: "q:3:9", 6: "q:3:10", 14: "q:4:7", 16: "q:4:9"} {
		if got := x.Origin(off).Loc.String(); got != want {
			t.Errorf("offset %d: %s, want %s", off, got, want)
		}
	}
}
