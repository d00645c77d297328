package detections

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/macros"
)

const exampleContent = "../examples/content"

func TestParseDetectionYAML(t *testing.T) {
	yml := "name: Demo\nid: 0000-1\nstatus: production\ntype: TTP\n" +
		"search: '| tstats count from datamodel=Endpoint.Processes by Processes.dest'\n" +
		"tags:\n  message: seen on $dest$\n  risk_score: 42\n  observable:\n  - name: dest\n    type: Hostname\n    role: [Victim]\n" +
		"tests:\n- name: t\n  attack_data:\n  - data: https://example.com/x.log\n    source: S\n    sourcetype: ST\n"
	d, err := Parse("demo.yml", []byte(yml))
	require.NoError(t, err)
	assert.Equal(t, "Demo", d.Name)
	assert.Equal(t, 42, d.RiskScore)
	assert.Equal(t, macros.Location{File: "demo.yml", Line: 5, Col: 10}, d.SearchLoc, "just past the opening quote")
	assert.Equal(t, []Observable{{Name: "dest", Type: "Hostname", Role: []string{"Victim"}}}, d.Observables)
	assert.Equal(t, "ST", d.Tests[0].AttackData[0].Sourcetype)
}

func TestParseDetectionErrors(t *testing.T) {
	_, err := Parse("x.yml", []byte("name: [unclosed\n"))
	assert.ErrorContains(t, err, "x.yml")
	_, err = Parse("y.yml", []byte("name: no search here\n"))
	assert.ErrorContains(t, err, "y.yml: no search")
}

func TestFind(t *testing.T) {
	c, err := Open(exampleContent)
	require.NoError(t, err)
	for _, ref := range []string{
		"Remote WMI Command Attempt",
		"remote wmi command attempt",
		"272df6de-61f1-4784-877c-1fbc3e2d0838",
		filepath.Join(exampleContent, "detections/endpoint/remote_wmi_command_attempt.yml"),
	} {
		d, err := c.Find(ref)
		require.NoError(t, err, ref)
		assert.Equal(t, "Remote WMI Command Attempt", d.Name, ref)
	}
	_, err = c.Find("No Such Detection")
	assert.ErrorContains(t, err, `no detection named "No Such Detection"`)
}

func TestOpenMacroOverride(t *testing.T) {
	dir := t.TempDir()
	override := filepath.Join(dir, "filter.yml")
	require.NoError(t, os.WriteFile(override, []byte("name: remote_wmi_command_attempt_filter\ndefinition: search dest!=lab-srv-02*\n"), 0o644))
	c, err := Open(exampleContent, override)
	require.NoError(t, err)
	d, err := c.Find("Remote WMI Command Attempt")
	require.NoError(t, err)
	compiled, err := d.Compile(c.Macros, Options{})
	require.NoError(t, err)
	assert.Contains(t, compiled.Expansion.Text, "| search dest!=lab-srv-02*")
}

func TestCompileErrorPointsIntoMacro(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yml")
	require.NoError(t, os.WriteFile(bad, []byte("name: bad_ctime\narguments: [f]\ndefinition: 'convert ctime($f$ AS x'\n"), 0o644))
	c, err := Open(exampleContent, bad)
	require.NoError(t, err)
	_, err = CompileQuery("| tstats count from datamodel=Endpoint.Processes | `bad_ctime(firstTime)`",
		macros.Location{File: "q.spl", Line: 3, Col: 1}, c.Macros, Options{})
	var se *SearchError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "parse", se.Stage)
	assert.Equal(t, bad, se.Loc.File, "the error sits in the macro's text")
	assert.Equal(t, 3, se.Loc.Line)
	assert.Equal(t, "bad_ctime(1)", se.Macro)
	require.Len(t, se.Via, 1)
	assert.Equal(t, macros.Location{File: "q.spl", Line: 3, Col: 52}, se.Via[0].Loc)
	assert.Contains(t, se.Detail(), "^")
}

func TestCompileErrorInSearchItself(t *testing.T) {
	c, err := Open(exampleContent)
	require.NoError(t, err)
	_, err = CompileQuery("| tstats count from datamodel=Endpoint.Processes\n| frobnicate count",
		macros.Location{File: "q.spl", Line: 1, Col: 1}, c.Macros, Options{})
	var se *SearchError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "compile", se.Stage)
	assert.Equal(t, macros.Location{File: "q.spl", Line: 2, Col: 3}, se.Loc)
	assert.Empty(t, se.Macro)
	assert.Equal(t, " | | frobnicate count\n |   ^", se.Snippet)
}

func TestRenderMessage(t *testing.T) {
	row := map[string]string{"dest": "h1", "process": "wmic /node:x", "empty": ""}
	get := func(k string) (string, bool) { v, ok := row[k]; return v, ok }
	cases := map[string]string{
		"A wmic.exe process $process$ in host $dest$": "A wmic.exe process wmic /node:x in host h1",
		"missing $nosuch$ stays":                      "missing $nosuch$ stays",
		"costs $5 and $dest$":                         "costs $5 and h1",
		"lone $":                                      "lone $",
		"$$dest$":                                     "$h1",
		"empty [$empty$]":                             "empty []",
	}
	for msg, want := range cases {
		assert.Equal(t, want, RenderMessage(msg, get), msg)
	}
}

func TestCompileErrorInFoldedYAMLSearch(t *testing.T) {
	yml := "name: Folded\nid: f-1\nsearch: '| tstats count from datamodel=Endpoint.Processes\n  | frobnicate x'\n"
	d, err := Parse("folded.yml", []byte(yml))
	require.NoError(t, err)
	_, err = d.Compile(macros.NewLibrary(), Options{})
	var se *SearchError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, macros.Location{File: "folded.yml", Line: 4, Col: 5}, se.Loc,
		"YAML folds the search onto one line; the error still points at line 4 of the file")
}

func TestIsevalAndValidationMacros(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "macros.conf")
	require.NoError(t, os.WriteFile(conf, []byte(`[pick_index(1)]
args = env
iseval = true
definition = if("$env$"=="prod", "index=prod_sec", "index=test_sec")

[window(1)]
args = days
definition = earliest=-$days$d
validation = isnum($days$) AND $days$ > 0
errormsg = days must be a positive number
`), 0o644))
	c, err := Open("", conf)
	require.NoError(t, err)
	x, err := c.Macros.Expand("search `pick_index(prod)` `window(7)`", macros.Location{File: "q"}, withMacroEvaluator(macros.Options{}, eval.Options{}))
	require.NoError(t, err)
	assert.Equal(t, "search index=prod_sec earliest=-7d", x.Text)
	_, err = c.Macros.Expand("search `window(-1)`", macros.Location{File: "q"}, withMacroEvaluator(macros.Options{}, eval.Options{}))
	assert.ErrorContains(t, err, "days must be a positive number")
}
