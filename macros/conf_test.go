package macros

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseMacroConf(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []Macro // Name, Args, Definition, Loc, IsEval, Validation, ErrorMsg, Description
		err       string
	}{
		{
			name: "settings",
			src: "\ufeff# header\r\n[m(2)]\r\nargs=a,b\r\ndefinition=  x $a$ $b$  \r\niseval = FALSE\r\n" +
				"validation = isnum($a$)\r\nerrormsg = a must be numeric\r\ndescription = two args\r\nother = ignored\r\n",
			want: []Macro{{Name: "m", Args: []string{"a", "b"}, Definition: "x $a$ $b$",
				Loc: Location{File: "f.conf", Line: 4, Col: 14}, Validation: "isnum($a$)",
				ErrorMsg: "a must be numeric", Description: "two args"}},
		},
		{
			name: "continuation keeps the next line as written",
			src:  "[m]\ndefinition = a \\\n  # not a comment \\\nb\niseval = yes\n",
			want: []Macro{{Name: "m", Definition: "a \n  # not a comment \nb", Loc: Location{File: "f.conf", Line: 2, Col: 14}, IsEval: true}},
		},
		{
			name: "args ignored without arity; empty definition; merged stanza",
			src:  "[a]\nargs = x\ndefinition =\n[b]\ndefinition = 1\n[b]\ndefinition = 2\n",
			want: []Macro{
				{Name: "a", Definition: "", Loc: Location{File: "f.conf", Line: 3, Col: 1}},
				{Name: "b", Definition: "2", Loc: Location{File: "f.conf", Line: 7, Col: 14}},
			},
		},
		{
			name: "default stanza and global settings are ignored",
			src:  "definition = global\n[default]\ndefinition = d\n[x(0)]\ndefinition = X\n",
			want: []Macro{{Name: "x", Definition: "X", Loc: Location{File: "f.conf", Line: 5, Col: 14}}},
		},
		{name: "no definition", src: "[m]\nargs = a\n", err: "f.conf:1:1: macro stanza [m] has no definition"},
		{name: "no args", src: "\n  [m(1)]\ndefinition = x\n", err: "f.conf:2:3: macro stanza [m(1)] takes 1 argument but has no args setting"},
		{name: "arity mismatch", src: "[m(1)]\nargs = a, b\ndefinition = x\n", err: "f.conf:2:1: macro stanza [m(1)] takes 1 argument but args names 2"},
		{name: "bad arg name", src: "[m(1)]\nargs = a b\ndefinition = x\n", err: "f.conf:2:1: invalid macro argument name \"a b\" (letters, digits, _ and - only)"},
		{name: "duplicate arg", src: "[m(2)]\nargs = a,a\ndefinition = x\n", err: "f.conf:2:1: duplicate macro argument \"a\""},
		{name: "bad stanza", src: "[has space]\ndefinition = x\n", err: "f.conf:1:1: invalid macro stanza [has space]: want [name] or [name(N)] with a name of letters, digits, _ . : -"},
		{name: "unclosed stanza", src: "[m\ndefinition = x\n", err: "f.conf:1:1: stanza header must end with ']'"},
		{name: "no equals", src: "[m]\ndefinition x\n", err: "f.conf:2:1: expected `key = value` or a [stanza] header"},
		{name: "no key", src: "[m]\n = x\n", err: "f.conf:2:2: setting has no key before '='"},
		{name: "bad bool", src: "[m]\ndefinition = x\niseval = maybe\n", err: "f.conf:3:1: iseval must be true or false, not \"maybe\""},
		{name: "huge arity", src: "[m(99999999999999999999)]\ndefinition = x\n", err: "f.conf:1:1: invalid argument count in stanza [m(99999999999999999999)]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ents, err := parseMacroConf("f.conf", []byte(tc.src))
			if tc.err != "" {
				var e *Error
				if !errors.As(err, &e) || err.Error() != tc.err {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []Macro
			for _, e := range ents {
				got = append(got, e.m)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestConfPositions checks that every definition byte maps to where it was
// written, across continuation lines and CRLF line ends.
func TestConfPositions(t *testing.T) {
	src := "[m]\r\ndefinition = ab \\\r\n\tcd\r\n"
	ents, err := parseMacroConf("f.conf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	e := ents[0]
	if e.m.Definition != "ab \n\tcd" {
		t.Fatalf("definition %q", e.m.Definition)
	}
	want := []string{"f.conf:2:14", "f.conf:2:15", "f.conf:2:16", "f.conf:2:17", "f.conf:3:1", "f.conf:3:2", "f.conf:3:3", "f.conf:3:4"}
	var got []string
	for i := 0; i <= len(e.m.Definition); i++ {
		got = append(got, e.pos.loc(i).String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestIsConfFormat(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       bool
	}{
		{"macros.conf", "name: x", true},
		{"x.CONF", "", true},
		{"x.yml", "[m]\ndefinition = x\n", false},
		{"x.yaml", "", false},
		{"macros", "# c\n\n  [m]\ndefinition = x\n", true},
		{"macros", "\ufeff[m]\n", true},
		{"macros", "name: m\ndefinition: x\n", false},
		{"macros", "", false},
	} {
		if got := isConfFormat(tc.name, []byte(tc.data)); got != tc.want {
			t.Errorf("isConfFormat(%q, %q) = %v", tc.name, tc.data, got)
		}
	}
}

func TestLoadConfFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.yml":        "name: a\ndefinition: A\n",
		"macros.conf":  "[a]\ndefinition = from conf\n[c(1)]\nargs = x\ndefinition = C $x$\n",
		"bad.conf":     "[bad(1)]\ndefinition = x\n",
		"local/extra":  "[extra]\ndefinition = E\n",
		"local/y.yaml": "name: y\ndefinition: Y\n",
	})
	lib := NewLibrary()
	err := lib.LoadDir(dir)
	if err == nil || !strings.HasSuffix(err.Error(), "bad.conf:1:1: macro stanza [bad(1)] takes 1 argument but has no args setting") {
		t.Fatalf("err = %v", err)
	}
	// Files load in name order: macros.conf after a.yml, so it wins.
	if m, _ := lib.Lookup("a", 0); m.Definition != "from conf" {
		t.Errorf("a = %q", m.Definition)
	}
	if m, ok := lib.Lookup("c", 1); !ok || m.Loc != (Location{File: filepath.Join(dir, "macros.conf"), Line: 5, Col: 14}) {
		t.Errorf("c(1) = %+v, %v", m, ok)
	}
	// LoadFile sniffs a stanza file without a .conf name.
	if err := lib.LoadFile(filepath.Join(dir, "local", "extra")); err != nil {
		t.Fatal(err)
	}
	if _, ok := lib.Lookup("extra", 0); !ok {
		t.Error("extra not loaded")
	}
	if err := lib.LoadFile(filepath.Join(dir, "bad.conf")); err == nil {
		t.Error("LoadFile(bad.conf) succeeded")
	}
}
