package macros

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLocationString(t *testing.T) {
	for _, tc := range []struct {
		loc  Location
		want string
	}{
		{Location{File: "a.yml", Line: 7, Col: 42}, "a.yml:7:42"},
		{Location{Line: 1, Col: 3}, "1:3"},
		{Location{File: "a.yml", Line: 2}, "a.yml:2"},
		{Location{File: "a.yml"}, "a.yml"},
		{Location{}, ""},
	} {
		if got := tc.loc.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.loc, got, tc.want)
		}
	}
}

func TestErrorString(t *testing.T) {
	e := &Error{Loc: Location{File: "detections/endpoint/x.yml", Line: 7, Col: 42}, Msg: "unknown macro `foo_bar` (0 arguments)"}
	if got, want := e.Error(), "detections/endpoint/x.yml:7:42: unknown macro `foo_bar` (0 arguments)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	e.Macro = "outer(1)"
	if got, want := e.Error(), "detections/endpoint/x.yml:7:42: unknown macro `foo_bar` (0 arguments) (in macro `outer(1)`)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := (&Error{Msg: "m"}).Error(); got != "m" {
		t.Errorf("got %q", got)
	}
}

func TestLibraryBuiltins(t *testing.T) {
	lib := NewLibrary()
	if lib.Len() != 1 {
		t.Errorf("Len() = %d, want 1 (drop_dm_object_name)", lib.Len())
	}
	m, ok := lib.Lookup("drop_dm_object_name", 1)
	if !ok || !m.Builtin || m.Definition != "rename $object$.* AS *" || !cmp.Equal(m.Args, []string{"object"}) {
		t.Errorf("drop_dm_object_name = %+v, %v", m, ok)
	}
	if m, ok := lib.Lookup("x_filter", 0); !ok || !m.Builtin || m.Definition != "search *" || m.Name != "x_filter" {
		t.Errorf("x_filter = %+v, %v", m, ok)
	}
	for _, k := range []struct {
		name  string
		arity int
	}{{"x_filter", 1}, {"_filter", 0}, {"drop_dm_object_name", 0}, {"nope", 0}} {
		if _, ok := lib.Lookup(k.name, k.arity); ok {
			t.Errorf("Lookup(%q, %d) found", k.name, k.arity)
		}
	}

	// Later Add wins, built-ins included; Lookup returns a copy.
	lib.Add(Macro{Name: "drop_dm_object_name", Args: []string{"o"}, Definition: "rename $o$.* AS *"})
	lib.Add(Macro{Name: "x_filter", Definition: "search a=1"})
	lib.Add(Macro{Name: "x_filter", Definition: "search a=2"})
	if lib.Len() != 2 {
		t.Errorf("Len() = %d, want 2", lib.Len())
	}
	m, _ = lib.Lookup("drop_dm_object_name", 1)
	if m.Builtin || m.Args[0] != "o" {
		t.Errorf("override not used: %+v", m)
	}
	m.Args[0] = "mutated"
	if m2, _ := lib.Lookup("drop_dm_object_name", 1); m2.Args[0] != "o" {
		t.Error("Lookup result aliases the library")
	}
	x, err := lib.Expand("`x_filter` | `drop_dm_object_name(\"P\")`", Location{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A user definition gets its argument as written (quotes kept).
	if want := `search a=2 | rename "P".* AS *`; x.Text != want {
		t.Errorf("got %q, want %q", x.Text, want)
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.yml":      "name: a\ndefinition: A\n",
		"b.yaml":     "name: b\narguments: [x, y]\ndefinition: \"B $x$ $y$\"\n",
		"notes.txt":  "name: c\ndefinition: C\n",
		"sub/d.yml":  "name: d\ndefinition: D\n",
		"empty.yml":  "",
		"bad1.yml":   "name: bad1\ndefinition: [unclosed\n",
		"bad2.yml":   "name: bad2\ndescription: no definition\n",
		"bad3.yml":   "name: bad3\narguments:\n  - ok\n  - \"not ok\"\ndefinition: x\n",
		"bad4.yml":   "- a list\n",
		"bad5.yml":   "name: has space\ndefinition: x\n",
		"bad6.yml":   "name: bad6\narguments: [a, a]\ndefinition: x\n",
		"bad7.yml":   "name: bad7\narguments: a\ndefinition: x\n",
		"bad8.yml":   "name: bad8\ndefinition:\n  nested: map\n",
		"multi.yaml": "name: m1\ndefinition: M1\n---\nname: m2\ndefinition: M2\n",
	})
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{"secret.yml": "name: secret\ndefinition: S\n"})
	if err := os.Symlink(filepath.Join(outside, "secret.yml"), filepath.Join(dir, "link.yml")); err != nil {
		t.Fatal(err)
	}

	lib := NewLibrary()
	err := lib.LoadDir(dir)
	if err == nil {
		t.Fatal("want errors")
	}
	var msgs []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var me *Error
		if !errors.As(e, &me) {
			t.Errorf("not an *Error: %T %v", e, e)
			continue
		}
		msgs = append(msgs, strings.TrimPrefix(e.Error(), dir+string(filepath.Separator)))
	}
	want := []string{
		"bad1.yml:1: invalid YAML: did not find expected ',' or ']'",
		"bad2.yml:1:1: macro \"bad2\" has no definition",
		"bad3.yml:4:5: invalid macro argument name \"not ok\" (letters, digits, _ and - only)",
		"bad4.yml:1:1: macro file must be a mapping with name and definition",
		"bad5.yml:1:7: invalid macro name \"has space\"",
		"bad6.yml:2:16: duplicate macro argument \"a\"",
		"bad7.yml:2:12: macro arguments must be a list",
		"bad8.yml:3:3: macro definition must be a string",
		"link.yml: cannot read macro file: path escapes from parent",
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	for _, k := range []struct {
		name  string
		arity int
		want  bool
	}{{"a", 0, true}, {"b", 2, true}, {"m1", 0, true}, {"m2", 0, true}, {"c", 0, false}, {"d", 0, false}, {"secret", 0, false}, {"bad3", 0, false}} {
		if _, ok := lib.Lookup(k.name, k.arity); ok != k.want {
			t.Errorf("Lookup(%s, %d) = %v, want %v", k.name, k.arity, ok, k.want)
		}
	}
	m, _ := lib.Lookup("b", 2)
	if want := (Location{File: filepath.Join(dir, "b.yaml"), Line: 3, Col: 14}); m.Loc != want {
		t.Errorf("b.Loc = %v, want %v", m.Loc, want)
	}
	if err := lib.LoadDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("LoadDir(missing) succeeded")
	}
	if err := lib.LoadFile(filepath.Join(dir, "missing.yml")); err == nil {
		t.Error("LoadFile(missing) succeeded")
	}
	if err := lib.LoadFile(filepath.Join(dir, "bad2.yml")); err == nil {
		t.Error("LoadFile(bad2) succeeded")
	}
	if err := lib.LoadFile(filepath.Join(dir, "a.yml")); err != nil {
		t.Error(err)
	}
}

// TestDefinitionPositions checks the per-byte table of YAML scalars with
// escapes, doubled quotes and non-ASCII text.
func TestDefinitionPositions(t *testing.T) {
	src := "name: m\n" +
		"definition: \"a\\x41b é `c`\"\n" + // line 2: "a\x41b é `c`"
		"---\n" +
		"name: n\n" +
		"definition: 'it''s `d`'\n" // line 5
	ents, err := parseMacroYAML("f.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	for _, e := range ents {
		lib.add(e)
	}
	lib.Add(Macro{Name: "c", Definition: "C"})
	lib.Add(Macro{Name: "d", Definition: "D"})
	x, err := lib.Expand("`m` `n`", Location{File: "q", Line: 1, Col: 1}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "aAb é C it's D"; x.Text != want {
		t.Fatalf("got %q, want %q", x.Text, want)
	}
	var got []string
	for _, c := range x.Calls {
		got = append(got, c.Name+"@"+c.Loc.String())
	}
	for _, needle := range []string{"b", "é", "s"} {
		got = append(got, needle+"@"+x.Origin(strings.Index(x.Text, needle)).Loc.String())
	}
	// columns count characters: `c` follows the two-byte é
	want := []string{"m@q:1:1", "c@f.yml:2:23", "n@q:1:5", "d@f.yml:5:20", "b@f.yml:2:19", "é@f.yml:2:21", "s@f.yml:5:18"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func bombLibrary(levels int) *Library {
	lib := NewLibrary()
	for i := range levels {
		lib.Add(Macro{Name: "b" + itoa(i), Definition: "`b" + itoa(i+1) + "` `b" + itoa(i+1) + "`"})
	}
	lib.Add(Macro{Name: "b" + itoa(levels), Definition: "x"})
	return lib
}

// itoa renders 0 <= i < 100 as two digits.
func itoa(i int) string { return fmt.Sprintf("%02d", i) }

func TestBombFailsFast(t *testing.T) {
	lib := bombLibrary(40)
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{}, "too many macro expansions (more than 10000)"},
		{Options{MaxCalls: 1 << 40, MaxSize: 4096}, "expanded search too large (more than 4096 bytes)"},
		{Options{MaxDepth: 10}, "macros nested too deeply (more than 10 levels)"},
	} {
		start := time.Now()
		_, err := lib.Expand("`b00`", Location{}, tc.opts)
		if d := time.Since(start); d > time.Second {
			t.Errorf("%+v: took %v", tc.opts, d)
		}
		var e *Error
		if !errors.As(err, &e) || e.Msg != tc.want {
			t.Errorf("%+v: err = %v, want %q", tc.opts, err, tc.want)
		}
	}
}

func TestExpandConcurrent(t *testing.T) {
	lib := bombLibrary(5)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			x, err := lib.Expand("`b00` | `b01`", Location{}, Options{})
			if err != nil || len(x.Calls) != 63+31 {
				t.Errorf("got %v calls, err %v", len(x.Calls), err)
			}
		})
	}
	wg.Wait()
}
