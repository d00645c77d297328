package ast_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/parser"
)

func mustParse(t *testing.T, q string) *ast.Query {
	t.Helper()
	tree, err := parser.Parse(q)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func TestFormat(t *testing.T) {
	tests := []struct{ in, want string }{
		{`a=1 | stats count`, "search a=1\n| stats count"},
		{`| tstats count by x | rename x AS y`, "| tstats count by x\n| rename x AS y"},
		{
			`| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe) Processes.process=*node* by Processes.dest Processes.user Processes.parent_process Processes.process_name Processes.process Processes.process_id Processes.parent_process_id span=1h | search *`,
			`| tstats summariesonly=false allow_old_summaries=true fillnull_value=null
    count min(_time) as firstTime max(_time) as lastTime
    from datamodel=Endpoint.Processes
    where (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe)
      Processes.process=*node*
    by Processes.dest Processes.user Processes.parent_process Processes.process_name
       Processes.process Processes.process_id Processes.parent_process_id span=1h
| search *`,
		},
		{
			`search index=main sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational EventCode=1 (Image=*\\cmd.exe OR Image=*\\powershell.exe) | table a`,
			"search index=main\n    sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational\n    EventCode=1\n    (Image=*\\\\cmd.exe OR Image=*\\\\powershell.exe)\n| table a",
		},
		{
			`| rename Processes.process_name AS process_name, Processes.parent_process_name AS parent_process_name, Processes.dest AS dest`,
			"| rename Processes.process_name AS process_name,\n    Processes.parent_process_name AS parent_process_name, Processes.dest AS dest",
		},
	}
	for _, tt := range tests {
		got := ast.Format(mustParse(t, tt.in))
		if got != tt.want {
			t.Errorf("Format(%q) =\n%s\nwant\n%s", tt.in, got, tt.want)
		}
		for _, line := range strings.Split(got, "\n") {
			if strings.HasSuffix(line, " ") {
				t.Errorf("trailing blank in %q", line)
			}
		}
	}
}

func TestJSON(t *testing.T) {
	q := mustParse(t, `| tstats count from datamodel=Endpoint.Processes where p="a\"b" NOT x IN (1, 2) by d span=1h | search [| inputlookup t] | collect y=1`)
	b, err := ast.JSON(q)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b) {
		t.Fatalf("invalid JSON:\n%s", b)
	}
	var tree map[string]any
	if err := json.Unmarshal(b, &tree); err != nil {
		t.Fatal(err)
	}
	if tree["type"] != "Query" {
		t.Errorf("root type = %v", tree["type"])
	}
	cmds := tree["commands"].([]any)
	ts := cmds[0].(map[string]any)
	if ts["type"] != "TstatsCommand" || ts["datamodel"] != "Endpoint.Processes" || ts["bySpan"] != "1h" {
		t.Errorf("tstats = %v", ts)
	}
	if span := ts["span"].([]any); span[0] != 2.0 || span[1] == 0.0 {
		t.Errorf("tstats span = %v", span)
	}
	where := ts["where"].(map[string]any)
	cmp := where["terms"].([]any)[0].(map[string]any)
	val := cmp["value"].(map[string]any)
	if cmp["type"] != "SearchCompare" || val["raw"] != `a\"b` || val["value"] != `a"b` || val["quoted"] != true {
		t.Errorf("compare = %v", cmp)
	}
	if !strings.Contains(string(b), `"span": [2, `) {
		t.Errorf("spans are not kept on one line:\n%s", b)
	}
	sub := cmds[1].(map[string]any)["expr"].(map[string]any)
	if sub["type"] != "SearchSubsearch" {
		t.Errorf("subsearch = %v", sub)
	}
	if g := cmds[2].(map[string]any); g["type"] != "GenericCommand" || g["name"] != "collect" || g["args"] != "y=1" {
		t.Errorf("generic = %v", g)
	}
}

func TestJSONNodeBuiltInCode(t *testing.T) {
	n := &ast.SearchTerm{Loc: ast.Span{Start: ast.NoPos, End: ast.NoPos}, Value: ast.NewLiteral("a b")}
	b, err := ast.JSON(n)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"type\": \"SearchTerm\",\n  \"span\": [-1, -1],\n  \"value\": {\n    \"raw\": \"a b\",\n    \"quoted\": true\n  }\n}"
	if string(b) != want {
		t.Errorf("JSON =\n%s\nwant\n%s", b, want)
	}
}
