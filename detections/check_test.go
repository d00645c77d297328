package detections

import (
	"context"
	"github.com/spelunk-dev/spelunk/query"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/parser"
)

const checkContent = "testdata/check"

// wantFinding is a finding as a test expects it; Msg is a prefix of the
// message (parser wording may grow a hint), everything else is exact.
type wantFinding struct {
	Sev   Severity
	Stage Stage
	Code  diag.Code
	Loc   string
	Macro string
	Msg   string
}

func TestCheckSyntheticContent(t *testing.T) {
	c := openContent(t, checkContent)
	rep, err := c.Check(context.Background(), CheckOptions{})
	require.NoError(t, err)

	det := func(name string) string { return filepath.Join(checkContent, "detections", name) }
	cases := []struct {
		file     string
		status   Status
		findings []wantFinding
	}{
		{"deprecated/old.yml", StatusDeprecated, nil},
		{"endpoint/bad_yaml.yml", StatusError, []wantFinding{
			{SeverityError, StageLoad, CodeYAMLError, det("endpoint/bad_yaml.yml") + ":4:1", "", "invalid YAML: did not find expected key"},
		}},
		{"endpoint/broken_in_macro.yml", StatusError, []wantFinding{
			{SeverityError, StageParse, CodeParseError, filepath.Join(checkContent, "macros/bad_rename.yml") + ":1:32", "bad_rename", `rename: unexpected "out"`},
		}},
		{"endpoint/broken_search.yml", StatusError, []wantFinding{
			{SeverityError, StageParse, CodeParseError, det("endpoint/broken_search.yml") + ":5:25", "", `tstats: unexpected "frm"`},
		}},
		{"endpoint/macro_arity.yml", StatusError, []wantFinding{
			{SeverityError, StageExpand, CodeMacroArity, det("endpoint/macro_arity.yml") + ":5:103", "",
				"wrong number of arguments to macro `ctime_fmt`: called with 2, defined with 1 argument"},
		}},
		{"endpoint/macro_typo.yml", StatusError, []wantFinding{
			{SeverityError, StageExpand, CodeUnknownMacro, det("endpoint/macro_typo.yml") + ":5:103", "",
				"unknown macro `ctime_fmat` (1 argument); did you mean `ctime_fmt`?"},
		}},
		{"endpoint/no_search.yml", StatusError, []wantFinding{
			{SeverityError, StageLoad, CodeMissingSearch, det("endpoint/no_search.yml") + ":1:1", "", "the detection has no search"},
		}},
		{"endpoint/ok.yml", StatusRunnable, nil},
		{"endpoint/status_deprecated.yml", StatusDeprecated, nil},
		{"endpoint/unknown_macro.yml", StatusError, []wantFinding{
			// the call is on the second line of a folded single-quoted scalar
			{SeverityError, StageExpand, CodeUnknownMacro, det("endpoint/unknown_macro.yml") + ":6:5", "", "unknown macro `no_such_macro` (0 arguments)"},
		}},
		{"endpoint/unsupported_command.yml", StatusUnsupported, []wantFinding{
			{SeverityNote, StageCompile, CodeUnsupportedCommand, det("endpoint/unsupported_command.yml") + ":7:5", "", `command "localize" is not supported yet`},
		}},
	}
	require.Len(t, rep.Detections, len(cases))
	for i, tc := range cases {
		d := rep.Detections[i]
		require.Equal(t, det(tc.file), d.File, "file order")
		assert.Equal(t, tc.status, d.Status, tc.file)
		var got []wantFinding
		for _, f := range d.Findings {
			assert.Equal(t, d.File, f.File)
			assert.Equal(t, d.Name, f.Detection)
			got = append(got, wantFinding{f.Severity, f.Stage, f.Code, f.Loc.String(), f.Macro, f.Message})
		}
		require.Len(t, got, len(tc.findings), "%s: %+v", tc.file, got)
		for j, w := range tc.findings {
			g := got[j]
			assert.True(t, strings.HasPrefix(g.Msg, w.Msg), "%s: message %q does not start with %q", tc.file, g.Msg, w.Msg)
			g.Msg = w.Msg
			assert.Equal(t, w, g, tc.file)
		}
	}
	ok := rep.Detections[7]
	assert.True(t, ok.Expanded && ok.Parsed && ok.RoundTripped)
	assert.Equal(t, "Runnable Detection", ok.Name)
	assert.Equal(t, "00000000-0000-4000-8000-000000000001", ok.ID)

	assert.Equal(t, CheckSummary{
		Total: 9, Expanded: 4, Parsed: 2, RoundTripped: 2, Runnable: 1, Unsupported: 1,
		Errors: 7, Deprecated: 2,
	}, rep.Summary)
	assert.True(t, rep.HasErrors())
	assert.Len(t, rep.Findings(), 8)
}

func TestCheckFindingDetails(t *testing.T) {
	c := openContent(t, checkContent)
	rep, err := c.Check(context.Background(), CheckOptions{})
	require.NoError(t, err)
	byFile := map[string]DetectionCheck{}
	for _, d := range rep.Detections {
		byFile[filepath.Base(d.File)] = d
	}

	f := byFile["broken_in_macro.yml"].Findings[0]
	require.Len(t, f.Via, 1)
	assert.Equal(t, MacroCall{Call: "bad_rename", Loc: macros.Location{
		File: filepath.Join(checkContent, "detections/endpoint/broken_in_macro.yml"), Line: 5, Col: 79,
	}}, f.Via[0])
	assert.Contains(t, f.Snippet, "rename Processes.* out *")

	f = byFile["unknown_macro.yml"].Findings[0]
	assert.Equal(t, " |   | `no_such_macro`'\n |     ^", f.Snippet, "expansion errors show the file's line")
	assert.Equal(t, "testdata/check/detections/endpoint/unknown_macro.yml:6:5: error: unknown macro `no_such_macro` (0 arguments) [spl_unknown_macro]", f.String())

	f = byFile["unsupported_command.yml"].Findings[0]
	assert.Equal(t, "localize", f.Subject)
	assert.Contains(t, f.Snippet, "| localize dest maxspan=5m")
}

func TestCheckDeterministicAndProgress(t *testing.T) {
	c := openContent(t, checkContent)
	one, err := c.Check(context.Background(), CheckOptions{Workers: 1})
	require.NoError(t, err)
	var seen []int
	many, err := c.Check(context.Background(), CheckOptions{Workers: 8, Progress: func(done, total int) {
		assert.Equal(t, len(one.Detections), total)
		seen = append(seen, done)
	}})
	require.NoError(t, err)
	assert.Equal(t, one, many)
	require.Len(t, seen, len(one.Detections))
	for i, n := range seen {
		assert.Equal(t, i+1, n)
	}
}

func TestCheckCancelled(t *testing.T) {
	c := openContent(t, checkContent)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Check(ctx, CheckOptions{})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestCheckNoContent(t *testing.T) {
	env, err := query.New(query.Config{})
	require.NoError(t, err)
	_, err = Open(env)
	assert.ErrorContains(t, err, "no content directory")
	_, err = (*Content)(nil).Check(context.Background(), CheckOptions{})
	assert.ErrorContains(t, err, "no content directory")
}

func TestLoadForCheck(t *testing.T) {
	cases := []struct {
		name, yml string
		code      diag.Code
		loc       string
		msg       string
	}{
		{"not a mapping", "- a\n- b\n", CodeYAMLError, "x.yml:1:1", "a detection file must be a YAML mapping"},
		{"search is a list", "name: n\nsearch:\n  - a\n", CodeYAMLError, "x.yml:3:3", "search: must be a string"},
		{"syntax", "name: [a\n", CodeYAMLError, "x.yml:1:1", "invalid YAML: did not find expected ',' or ']'"},
		{"empty search", "name: n\nsearch: ''\n", CodeMissingSearch, "x.yml:2:9", "the detection has no search"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, f := loadForCheck("x.yml", []byte(tc.yml))
			require.NotNil(t, f)
			assert.Equal(t, tc.code, f.Code)
			assert.Equal(t, tc.loc, f.Loc.String())
			assert.Contains(t, f.Message, tc.msg)
			assert.Equal(t, SeverityError, f.Severity)
		})
	}
	y, f := loadForCheck("x.yml", []byte("name: N\nid: I\nstatus: production\nsearch: '| a'\nother: [1, 2]\n"))
	require.Nil(t, f)
	assert.Equal(t, checkedYAML{ID: "I", Name: "N", Status: "production", Search: "| a",
		SearchLoc: macros.Location{File: "x.yml", Line: 4, Col: 10}, SearchNode: y.SearchNode}, *y)
}

func TestSearchPositions(t *testing.T) {
	cases := []struct {
		name, yml string
		needle    string // the search text at this byte must map to want
		want      string
	}{
		{"one line", "search: '| tstats count | `m`'\n", "`m`", "x.yml:1:27"},
		{"folded single quoted", "search: '| tstats count\n  | `m`'\n", "`m`", "x.yml:2:5"},
		{"folded plain", "search: index=x\n  by x\n  | `m`\n", "`m`", "x.yml:3:5"},
		{"double quoted", "search: \"| a \\\"q\\\"\n  | `m`\"\n", "`m`", "x.yml:2:5"},
		{"literal block", "search: |\n    | tstats count\n    | `m`\n", "`m`", "x.yml:3:7"},
		{"folded block", "search: >-\n  | tstats count\n  | `m`\n", "`m`", "x.yml:3:5"},
		{"quote escape", "search: '| a=''b'' | `m`'\n", "`m`", "x.yml:1:22"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			yml := tc.yml + "name: n\nid: i\n" // required keys, after the search so its lines stay put
			y, f := loadForCheck("x.yml", []byte(yml))
			require.Nil(t, f)
			off := strings.Index(y.Search, tc.needle)
			require.GreaterOrEqual(t, off, 0, y.Search)
			locate := macros.YAMLLocator("x.yml", []byte(yml), y.SearchNode)
			x, err := macros.NewLibrary().ExpandFunc(y.Search[:off], locate, macros.Options{})
			require.NoError(t, err)
			assert.Equal(t, tc.want, x.Origin(off).Loc.String())
		})
	}
}

func TestSameTree(t *testing.T) {
	parse := func(s string) *ast.Query {
		q, err := parser.Parse(s)
		require.NoError(t, err)
		return q
	}
	a := parse("| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.* AS *")
	b := parse("|   tstats  count from datamodel=Endpoint.Processes   by Processes.dest|rename Processes.* AS *")
	assert.NotEqual(t, a.Loc, b.Loc)
	assert.True(t, sameTree(a, b), "spans are ignored")
	assert.False(t, sameTree(a, parse("| tstats count from datamodel=Endpoint.Processes by Processes.user | rename Processes.* AS *")))
	assert.False(t, sameTree(a, parse("| tstats count from datamodel=Endpoint.Processes by Processes.dest")))
	assert.False(t, sameTree(a, nil))
	assert.True(t, sameTree(nil, nil))
	assert.False(t, sameTree(map[string]int{"a": 1}, map[string]int{"a": 2}))
	assert.True(t, sameTree([]float64{1.5}, []float64{1.5}))
}

func TestCheckRoundTrip(t *testing.T) {
	q, err := parser.Parse("| tstats count from datamodel=Endpoint.Processes | rename a AS b")
	require.NoError(t, err)
	assert.Nil(t, checkRoundTrip(q))

	// a tree no parser produces: a generic command whose raw arguments hold
	// a pipe prints as two commands
	bad := &ast.Query{Commands: []ast.Command{
		q.Commands[0],
		&ast.GenericCommand{Name: "frobnicate", Args: "x | y"},
	}}
	p := checkRoundTrip(bad)
	require.NotNil(t, p)
	assert.Equal(t, 1, p.Command)
	assert.Contains(t, p.Msg, "spelunk prints this command as `frobnicate x | y`")

	// printed text that does not parse at all
	bad = &ast.Query{Commands: []ast.Command{q.Commands[0], &ast.GenericCommand{Name: "rename", Args: "a out b"}}}
	p = checkRoundTrip(bad)
	require.NotNil(t, p)
	assert.Equal(t, 1, p.Command)
	assert.Contains(t, p.Msg, "which does not parse back")
}

func TestClassifyEvalError(t *testing.T) {
	// | tstats count from datamodel=Endpoint.Processes | eval x=frob(y) | transaction dest
	// built by hand: the spans are what the parser would give
	q, err := parser.Parse("| tstats count from datamodel=Endpoint.Processes")
	require.NoError(t, err)
	call := ast.Span{Start: 59, End: 66}
	evalCmd := &ast.EvalCommand{Loc: ast.Span{Start: 51, End: 66}, Assignments: []ast.Assignment{{
		Loc: ast.Span{Start: 56, End: 66}, Field: "x",
		Expr: &ast.CallExpr{Loc: call, Name: "frob", Args: []ast.Expr{&ast.FieldExpr{Loc: ast.Span{Start: 64, End: 65}, Name: "y"}}},
	}}}
	txn := &ast.GenericCommand{Loc: ast.Span{Start: 69, End: 85}, Name: "transaction", Args: "dest"}
	q.Commands = append(q.Commands, evalCmd, txn)
	cases := []struct {
		name    string
		err     eval.Error
		code    diag.Code
		sev     Severity
		status  Status
		subject string
	}{
		{"unsupported command", eval.Error{Span: txn.Span(), Code: diag.CodeUnsupportedCommand, Msg: "x"}, CodeUnsupportedCommand, SeverityNote, StatusUnsupported, "transaction"},
		{"unsupported function", eval.Error{Span: call, Code: diag.CodeUnsupportedFunc, Msg: "x"}, CodeUnsupportedFunc, SeverityNote, StatusUnsupported, "frob()"},
		{"unsupported function, no call there", eval.Error{Span: txn.Span(), Code: diag.CodeUnsupportedFunc, Msg: "x"}, CodeUnsupportedFunc, SeverityNote, StatusUnsupported, "transaction"},
		{"unsupported option", eval.Error{Span: ast.Span{Start: txn.Span().Start + 12, End: txn.Span().End}, Code: diag.CodeUnsupported, Msg: "x"}, CodeUnsupported, SeverityNote, StatusUnsupported, "transaction"},
		{"unsupported form spanning the command", eval.Error{Span: txn.Span(), Code: diag.CodeUnsupported, Msg: "x"}, CodeUnsupported, SeverityNote, StatusUnsupported, "transaction"},
		{"refused", eval.Error{Span: txn.Span(), Code: diag.CodeRefused, Msg: "x"}, CodeRefused, SeverityNote, StatusRefused, "transaction"},
		{"invalid", eval.Error{Span: call, Code: diag.CodeCompileError, Msg: "unknown function frob"}, CodeCompileError, SeverityError, StatusError, "eval"},
		{"no code, whatever the message says", eval.Error{Span: txn.Span(), Msg: `command "transaction" is not supported yet`}, CodeCompileError, SeverityError, StatusError, "transaction"},
		{"no code", eval.Error{Span: call, Msg: "bad"}, CodeCompileError, SeverityError, StatusError, "eval"},
		{"no position", eval.Error{Span: ast.Span{Start: ast.NoPos, End: ast.NoPos}, Code: diag.CodeCompileError, Msg: "empty"}, CodeCompileError, SeverityError, StatusError, ""},
		{"limit", eval.Error{Span: txn.Span(), Code: diag.CodeLimitExceeded, Msg: "too many rows"}, diag.CodeLimitExceeded, SeverityError, StatusError, "transaction"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, sev, st, subject := classifyEvalError(q, &tc.err)
			assert.Equal(t, tc.code, code)
			assert.Equal(t, tc.sev, sev)
			assert.Equal(t, tc.status, st)
			assert.Equal(t, tc.subject, subject)
		})
	}
	assert.Equal(t, StatusRefused, worse(StatusUnsupported, StatusRefused))
	assert.Equal(t, StatusError, worse(StatusError, StatusRefused))
	assert.Equal(t, StatusUnsupported, worse(StatusRunnable, StatusUnsupported))
}

func TestNearMacro(t *testing.T) {
	lib := macros.NewLibrary()
	lib.Add(macros.Macro{Name: "process_cmd", Definition: "x=1"})
	lib.Add(macros.Macro{Name: "ctime_fmt", Args: []string{"f"}, Definition: "x=1"})
	s := &searchCheck{lib: lib}
	for name, want := range map[string]string{
		"process_cdm":            "process_cmd", // swapped
		"proces_cmd":             "process_cmd", // deleted
		"processs_cmd":           "process_cmd", // inserted
		"ctime_fmx":              "ctime_fmt",   // replaced
		"drop_dm_object_nam":     "drop_dm_object_name",
		"something_else":         "",
		"process_cmd_filte":      "", // the _filter fallback is never suggested
		strings.Repeat("a", 200): "",
	} {
		assert.Equal(t, want, s.nearMacro(name), name)
	}
}

func TestExpandFindingCodes(t *testing.T) {
	lib := macros.NewLibrary()
	lib.Add(macros.Macro{Name: "loop", Definition: "`loop`"})
	lib.Add(macros.Macro{Name: "one", Args: []string{"a"}, Definition: "$a$"})
	cases := map[string]diag.Code{
		"| `nope`":     CodeUnknownMacro,
		"| `one(a,b)`": CodeMacroArity,
		"| `loop`":     CodeMacroCycle,
		"| `unclosed":  CodeMacroSyntax,
		"| `one(a`":    CodeMacroSyntax,
	}
	for text, code := range cases {
		_, err := lib.Expand(text, macros.Location{File: "q", Line: 1, Col: 1}, macros.Options{})
		require.Error(t, err, text)
		s := &searchCheck{lib: lib, file: "q", data: []byte(text)}
		f := s.expandFinding(err)
		assert.Equal(t, code, f.Code, "%s: %s", text, f.Message)
		assert.Equal(t, StageExpand, f.Stage)
	}
	_, err := lib.Expand("| `loop`", macros.Location{File: "q", Line: 1, Col: 1}, macros.Options{MaxDepth: 1})
	require.Error(t, err)
	s := &searchCheck{lib: lib, file: "q"}
	assert.Contains(t, []diag.Code{CodeMacroLimit, CodeMacroCycle}, s.expandFinding(err).Code)
}

func TestCodesDescribed(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Codes() {
		assert.False(t, seen[c], "duplicate %s", c)
		seen[c] = true
		assert.NotEmpty(t, CodeDescription(c), c)
		assert.True(t, strings.HasPrefix(c, "spl_"), c)
	}
	assert.Empty(t, CodeDescription("spl_nope"))
}

func TestCheckUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "detections"), 0o755))
	f := filepath.Join(dir, "detections", "x.yml")
	require.NoError(t, os.WriteFile(f, []byte("name: x\nsearch: '| tstats count from datamodel=Endpoint.Processes'\n"), 0o000))
	c := openContent(t, dir)
	rep, err := c.Check(context.Background(), CheckOptions{})
	require.NoError(t, err)
	require.Len(t, rep.Detections, 1)
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	assert.Equal(t, StatusError, rep.Detections[0].Status)
	assert.Contains(t, rep.Detections[0].Findings[0].Message, "cannot read the file")
}
