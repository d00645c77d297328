package eval

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/parser"
)

func TestLookupCommand(t *testing.T) {
	for _, tc := range []struct {
		name   string
		want   CommandInfo
		wantOK bool
	}{
		{"stats", CommandInfo{Name: "stats", Status: CommandSupported}, true},
		{"tstats", CommandInfo{Name: "tstats", Status: CommandSupported, Position: PositionFirstUnlessAppend}, true},
		{"inputlookup", CommandInfo{Name: "inputlookup", Status: CommandSupported, Position: PositionFirstUnlessAppend}, true},
		{"bucket", CommandInfo{Name: "bin", Aliases: []string{"bucket"}, Status: CommandSupported}, true},
		{"mstats", CommandInfo{Name: "mstats", Status: CommandRefused, Reason: "it reads Splunk metrics indexes"}, true},
		{"cyberchef", CommandInfo{Name: "cyberchef", Status: CommandRefused, Reason: "it is a command of the CyberChef for Splunk app", App: "CyberChef for Splunk"}, true},
		{"abstract", CommandInfo{Name: "abstract", Status: CommandUnsupported}, true},
		{"statz", CommandInfo{}, false},
		{"Stats", CommandInfo{}, false},
	} {
		got, ok := LookupCommand(tc.name)
		if ok != tc.wantOK || got.Name != tc.want.Name || got.Status != tc.want.Status || got.Reason != tc.want.Reason ||
			got.Position != tc.want.Position || got.App != tc.want.App || !slices.Equal(got.Aliases, tc.want.Aliases) {
			t.Errorf("LookupCommand(%q) = %+v, %v; want %+v, %v", tc.name, got, ok, tc.want, tc.wantOK)
		}
	}
	if mk, _ := LookupCommand("multikv"); mk.Status != CommandUnsupported || mk.Reason == "" {
		t.Errorf("multikv = %+v, want unsupported with a reason", mk)
	}
}

func TestCommandsSortedAndCopied(t *testing.T) {
	cmds := Commands()
	if !slices.IsSortedFunc(cmds, func(a, b CommandInfo) int { return cmp.Compare(a.Name, b.Name) }) {
		t.Error("Commands() not sorted by name")
	}
	for _, c := range cmds {
		if c.Name == "bucket" || c.Name == "kv" {
			t.Errorf("alias %q listed as a command", c.Name)
		}
		if c.Name == "bin" {
			c.Aliases[0] = "changed"
		}
	}
	if bin, _ := LookupCommand("bin"); bin.Aliases[0] != "bucket" {
		t.Error("Commands() shares the registry's alias slice")
	}
}

// TestCompileCommandDispatch pins the registry's error paths: refused,
// unsupported with a reason, misplaced generating commands, unimplemented
// and unknown names, and a hand-built node the entry does not compile.
func TestCompileCommandDispatch(t *testing.T) {
	for _, tc := range []struct {
		q    string
		code diag.Code
		msg  string
	}{
		{"| makeresults | mstats avg(x) WHERE index=m", diag.CodeRefused, `command "mstats" is refused: not supported locally: it reads Splunk metrics indexes`},
		{"| makeresults | multikv", diag.CodeUnsupportedCommand, `command "multikv" is not supported: its header detection`},
		{"| makeresults | tstats count", diag.CodeCompileError, "tstats must be the first command of the search"},
		{"| makeresults | makeresults", diag.CodeCompileError, "makeresults must be the first command of the search"},
		{"| makeresults | datamodel Endpoint Processes search", diag.CodeCompileError, "datamodel must be the first command of the search"},
		{"| makeresults | from datamodel:Endpoint", diag.CodeCompileError, "from must be the first command of the search"},
		{"| makeresults | inputlookup t.csv", diag.CodeCompileError, "inputlookup must be the first command of the search unless append=true"},
		{"| makeresults | abstract", diag.CodeUnsupportedCommand, `command "abstract" is not supported yet`},
		{"| makeresults | statz count", diag.CodeCompileError, `unknown command "statz": not a Splunk search command; did you mean "stats"?`},
	} {
		q, err := parser.Parse(tc.q)
		if err != nil {
			t.Fatalf("%s: %v", tc.q, err)
		}
		_, err = Compile(q, Options{})
		var ce *Error
		if !errors.As(err, &ce) || ce.Code != tc.code || !strings.HasPrefix(ce.Msg, tc.msg) {
			t.Errorf("%s: got %v (%T), want %s %q", tc.q, err, err, tc.code, tc.msg)
		}
	}
	// A generic node carrying a supported name is an unimplemented command.
	q := &ast.Query{Commands: []ast.Command{&ast.GenericCommand{Name: "eval", Args: "x=1"}}}
	_, err := Compile(q, Options{})
	var ce *Error
	if !errors.As(err, &ce) || ce.Class() != CodeUnsupported || ce.Msg != `command "eval" is not supported yet` {
		t.Errorf("generic eval: got %v", err)
	}
}
