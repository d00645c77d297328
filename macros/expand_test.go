package macros

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/google/go-cmp/cmp"

	"github.com/spelunk-dev/spelunk/internal/golden"
)

// queryAt is where query.spl sections start in txtar cases.
var queryAt = Location{File: "query.spl", Line: 1, Col: 1}

// TestExpandTxtar runs testdata/expand/*.txtar. Sections:
//
//	macros.yml, macros/*.yml  macro YAML (one or more documents per file)
//	macros.conf, macros/*.conf  macros.conf stanzas
//	options                   optional limits, one "MaxDepth=5" per line;
//	                          "AppMacros=1" sets Options.AppMacros;
//	                          "Eval=1" installs testEvaluator's hooks
//	query.spl                 the search (its final newline is dropped)
//	want.spl | error          expected expansion, or expected Error() text
//	origin                    optional: "needle | rendering" per line; the
//	                          rendering of Origin at the first occurrence of
//	                          needle in the expansion
//	calls                     optional: one rendered Call per line
//	warnings                  optional: one Warning per line
//
// With -update the want.spl/error, origin and calls sections are rewritten.
func TestExpandTxtar(t *testing.T) {
	files, err := filepath.Glob("testdata/expand/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runTxtar(t, file)
		})
	}
}

func runTxtar(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary()
	var opts Options
	var query *string
	var loadErr error
	for _, f := range ar.Files {
		switch {
		case f.Name == "macros.yml" || f.Name == "macros.conf" || strings.HasPrefix(f.Name, "macros/"):
			if err := lib.loadBytes(f.Name, f.Data); err != nil && loadErr == nil {
				loadErr = err
			}
		case f.Name == "options":
			opts = parseOptions(t, string(f.Data))
		case f.Name == "query.spl":
			q := strings.TrimSuffix(string(f.Data), "\n")
			query = &q
		}
	}
	if query == nil {
		t.Fatal("no query.spl section")
	}
	got := map[string]string{}
	start := time.Now()
	var x *Expansion
	if loadErr != nil {
		got["error"] = loadErr.Error() + "\n"
	} else {
		x, err = lib.Expand(*query, queryAt, opts)
		if err != nil {
			got["error"] = err.Error() + "\n"
		} else {
			got["want.spl"] = x.Text + "\n"
			checkInvariants(t, x, opts)
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("expansion took %v", d)
	}
	for _, f := range ar.Files {
		switch f.Name {
		case "origin":
			got["origin"] = renderOrigins(t, x, string(f.Data))
		case "calls":
			got["calls"] = renderCalls(x)
		case "warnings":
			got["warnings"] = renderWarnings(x)
		}
	}
	if golden.Update() {
		var keep []txtar.File
		for _, f := range ar.Files {
			if f.Name == "want.spl" || f.Name == "error" {
				continue
			}
			if g, ok := got[f.Name]; ok {
				f.Data = []byte(g)
			}
			keep = append(keep, f)
		}
		for _, name := range []string{"want.spl", "error"} {
			if g, ok := got[name]; ok {
				keep = append(keep, txtar.File{Name: name, Data: []byte(g)})
			}
		}
		ar.Files = keep
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	seen := false
	for _, f := range ar.Files {
		g, ok := got[f.Name]
		if f.Name == "want.spl" || f.Name == "error" {
			seen = true
			if !ok {
				t.Errorf("section %s: no such result; got %q", f.Name, got)
				continue
			}
		}
		if ok {
			if diff := cmp.Diff(string(f.Data), g); diff != "" {
				t.Errorf("section %s (-want +got):\n%s", f.Name, diff)
			}
		}
	}
	if !seen {
		t.Errorf("no want.spl or error section; got %q", got)
	}
}

func parseOptions(t *testing.T, s string) Options {
	var o Options
	for _, line := range strings.Fields(s) {
		k, v, _ := strings.Cut(line, "=")
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("options: %q: %v", line, err)
		}
		switch k {
		case "MaxDepth":
			o.MaxDepth = n
		case "MaxSize":
			o.MaxSize = n
		case "MaxCalls":
			o.MaxCalls = n
		case "AppMacros":
			o.AppMacros = n != 0
		case "Eval":
			if n != 0 {
				o.EvalString, o.Validate = testEvalString, testValidate
			}
		default:
			t.Fatalf("options: unknown %q", k)
		}
	}
	return o
}

// renderOrigin renders an Origin as "loc [macro m] [via a@loc > b@loc]".
func renderOrigin(o Origin) string {
	var b strings.Builder
	b.WriteString(o.Loc.String())
	if o.Macro != "" {
		fmt.Fprintf(&b, " macro %s", o.Macro)
	}
	for i, c := range o.Via {
		if i == 0 {
			b.WriteString(" via ")
		} else {
			b.WriteString(" > ")
		}
		fmt.Fprintf(&b, "%s@%s", c.Macro.stanza(), c.Loc)
	}
	return b.String()
}

func renderOrigins(t *testing.T, x *Expansion, spec string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSuffix(spec, "\n"), "\n") {
		needle, _, _ := strings.Cut(line, " | ")
		res := "NOT FOUND"
		if x != nil {
			if i := strings.Index(x.Text, needle); i >= 0 {
				res = renderOrigin(x.Origin(i))
			} else if needle == "<EOF>" {
				res = renderOrigin(x.Origin(len(x.Text)))
			}
		}
		fmt.Fprintf(&b, "%s | %s\n", needle, res)
	}
	return b.String()
}

func renderWarnings(x *Expansion) string {
	if x == nil {
		return ""
	}
	var b strings.Builder
	for _, w := range x.Warnings {
		fmt.Fprintf(&b, "%s [%s %s]\n", w, w.Macro, w.App)
	}
	return b.String()
}

func renderCalls(x *Expansion) string {
	if x == nil {
		return ""
	}
	var b strings.Builder
	for _, c := range x.Calls {
		fmt.Fprintf(&b, "%s%s(%s) @%s [%d,%d) %q\n", strings.Repeat("  ", c.Depth), c.Name,
			strings.Join(c.Args, "|"), c.Loc, c.Start, c.End, x.Text[c.Start:c.End])
	}
	return b.String()
}

// checkInvariants asserts what must hold for every successful expansion.
func checkInvariants(t *testing.T, x *Expansion, opts Options) {
	t.Helper()
	o := opts.withDefaults()
	if len(x.Text) > o.MaxSize {
		t.Errorf("text is %d bytes, limit %d", len(x.Text), o.MaxSize)
	}
	if len(x.Calls) > o.MaxCalls {
		t.Errorf("%d calls, limit %d", len(x.Calls), o.MaxCalls)
	}
	for i, c := range x.Calls {
		if c.Start < 0 || c.End < c.Start || c.End > len(x.Text) || c.Depth >= o.MaxDepth {
			t.Errorf("call %d %s: bad span [%d,%d) or depth %d", i, c.Name, c.Start, c.End, c.Depth)
		}
		if p := x.parents[i]; p >= 0 && (x.Calls[p].Start > c.Start || x.Calls[p].End < c.End || x.Calls[p].Depth+1 != c.Depth) {
			t.Errorf("call %d %s not nested in its parent %d", i, c.Name, p)
		}
	}
	for _, p := range []int{-1, 0, len(x.Text) / 2, len(x.Text) - 1, len(x.Text), len(x.Text) + 5} {
		_ = x.Origin(p)
	}
}
