package macros

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/spelunk-dev/spelunk/diag"
)

// FuzzExpand expands fuzzed text against a library whose definitions are
// partly fuzzed too. Invariants: no panic, termination within the limits,
// errors are *Error, and every offset of a result has an Origin.
func FuzzExpand(f *testing.F) {
	files, _ := filepath.Glob("testdata/expand/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			continue
		}
		for _, fl := range ar.Files {
			if fl.Name == "query.spl" {
				f.Add(string(fl.Data), "`b(x)` $x$ \"`a`\"")
			}
		}
	}
	f.Add("`a` `b(1, 2)` `c(\"x\", (y))`", "`a`")
	f.Add("```", "`b($x$)`")
	f.Add("`b(`a`)`", "$x$$x$$x$$x$$x$$x$$x$$x$ `b($x$$x$)`")
	f.Add("`get_asset(x)` | `get_asset(y)` `e(\"q\")` `e(ok)`", "\"`a`\"")
	opts := Options{MaxDepth: 8, MaxSize: 1 << 12, MaxCalls: 200, AppMacros: true,
		EvalString: testEvalString, Validate: testValidate}
	f.Fuzz(func(t *testing.T, query, def string) {
		if len(query) > 1<<12 || len(def) > 1<<10 {
			t.Skip()
		}
		lib := NewLibrary()
		lib.Add(Macro{Name: "a", Definition: def})
		lib.Add(Macro{Name: "b", Args: []string{"x"}, Definition: "[" + def + "|$x$]"})
		lib.Add(Macro{Name: "c", Args: []string{"x", "y"}, Definition: "`b($y$)` $x$ `a`", Loc: Location{File: "c.yml", Line: 3, Col: 5}})
		lib.Add(Macro{Name: "d_filter", Definition: "`d_filter`"})
		lib.Add(Macro{Name: "e", Args: []string{"x"}, IsEval: true, Definition: "$x$", Validation: "msg($x$)"})
		lib.Add(Macro{Name: "e", IsEval: true, Definition: def})
		x, err := lib.Expand(query, Location{File: "q", Line: 1, Col: 1}, opts)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Msg == "" {
				t.Fatalf("bad error %T %v", err, err)
			}
			return
		}
		checkInvariants(t, x, opts)
		for i := 0; i <= len(x.Text); i++ {
			o := x.Origin(i)
			if o.Macro == "" && (o.Loc.File != "q" || o.Loc.Line < 1 || o.Loc.Col < 1) {
				t.Fatalf("Origin(%d) = %+v", i, o)
			}
			if o.Macro != "" && (len(o.Via) == 0 || o.Via[len(o.Via)-1].Macro.stanza() != o.Macro) {
				t.Fatalf("Origin(%d) = %+v", i, o)
			}
		}
		if !strings.Contains(query, "`") && x.Text != query {
			t.Fatalf("text without backticks changed: %q -> %q", query, x.Text)
		}
	})
}

// FuzzLoadYAML loads fuzzed macro YAML: no panic, and a loaded macro's
// definition positions are within the file.
func FuzzLoadYAML(f *testing.F) {
	f.Add("name: a\ndefinition: 'x `b` $y$'\narguments: [y]\n")
	f.Add("name: a\ndefinition: |-\n  x\n  y\n---\nname: b\ndefinition: \"\\u00e9\\n\"\n")
	f.Add("name: a\ndefinition: >\n  folded\n  text\n")
	f.Fuzz(func(t *testing.T, data string) {
		if len(data) > 1<<12 {
			t.Skip()
		}
		ents, err := parseMacroYAML("f.yml", []byte(data))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("bad error %T %v", err, err)
			}
			return
		}
		lines := strings.Count(data, "\n") + 1
		for _, e := range ents {
			for i := 0; i <= len(e.m.Definition); i++ {
				if l := e.pos.loc(i); l.Line < 1 || l.Line > lines || l.Col < 1 {
					t.Fatalf("definition %q byte %d at %v", e.m.Definition, i, l)
				}
			}
		}
	})
}

// FuzzLoadConf loads fuzzed macros.conf text: no panic, errors are *Error
// with a line inside the file, and every definition byte of a loaded macro
// maps to a position inside the file that holds that byte (or the
// backslash of a continuation, for '\n').
func FuzzLoadConf(f *testing.F) {
	f.Add("[m]\ndefinition = x\n")
	f.Add("# c\n[m(2)]\nargs = a, b\ndefinition = $a$ \\\n  $b$\niseval = true\nvalidation = isnum($a$)\nerrormsg = no\n")
	f.Add("[default]\ndefinition = d\n[x(1)]\nargs=q\ndefinition=\r\n")
	f.Add("\ufeff[a]\r\ndefinition = a\\\r\n")
	f.Fuzz(func(t *testing.T, data string) {
		if len(data) > 1<<12 {
			t.Skip()
		}
		ents, err := parseMacroConf("f.conf", []byte(data))
		lines := strings.Split(data, "\n")
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Loc.Line < 1 || e.Loc.Line > len(lines) {
				t.Fatalf("bad error %T %v", err, err)
			}
			return
		}
		for _, e := range ents {
			if len(e.m.Args) > 0 && e.m.stanza() == e.m.Name {
				t.Fatalf("stanza of %+v", e.m)
			}
			d := e.m.Definition
			for i := 0; i < len(d); i++ {
				l := e.pos.loc(i)
				if l.Line < 1 || l.Line > len(lines) || l.Col < 1 || l.Col > utf8.RuneCountInString(lines[l.Line-1]) {
					t.Fatalf("definition %q byte %d at %v", d, i, l)
				}
				want := d[i]
				if want == '\n' {
					want = '\\'
				}
				// the column counts characters: the byte lies in the
				// character that starts there
				line := lines[l.Line-1]
				off := diag.OffsetOf(line, 1, l.Col)
				_, n := utf8.DecodeRuneInString(line[off:])
				if strings.IndexByte(line[off:off+n], want) < 0 {
					t.Fatalf("definition %q byte %d at %v holds %q", d, i, l, line[off:off+n])
				}
			}
		}
	})
}
