package query

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spelunk-dev/spelunk/macros"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpenMacroOverride(t *testing.T) {
	dir := t.TempDir()
	override := filepath.Join(dir, "filter.yml")
	require.NoError(t, os.WriteFile(override, []byte("name: remote_wmi_command_attempt_filter\ndefinition: search dest!=lab-srv-02*\n"), 0o644))
	env := newEnv(t, Config{ContentDir: exampleContent, Macros: []string{override}})
	compiled := compileText(t, env, detectionSearch(t, filepath.Join(exampleContent, "detections", "endpoint", "remote_wmi_command_attempt.yml")))
	assert.Contains(t, compiled.Expansion.Text, "| search dest!=lab-srv-02*")
}

func TestCompileErrorPointsIntoMacro(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yml")
	require.NoError(t, os.WriteFile(bad, []byte("name: bad_ctime\narguments: [f]\ndefinition: 'convert ctime($f$ AS x'\n"), 0o644))
	env := newEnv(t, Config{ContentDir: exampleContent, Macros: []string{bad}})
	_, err := env.CompileSource(Source{Text: "| tstats count from datamodel=Endpoint.Processes | `bad_ctime(firstTime)`",
		At: macros.Location{File: "q.spl", Line: 3, Col: 1}})
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
	env := newEnv(t, Config{ContentDir: exampleContent})
	_, err := env.CompileSource(Source{Text: "| tstats count from datamodel=Endpoint.Processes\n| frobnicate count",
		At: macros.Location{File: "q.spl", Line: 1, Col: 1}})
	var se *SearchError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "compile", se.Stage)
	assert.Equal(t, macros.Location{File: "q.spl", Line: 2, Col: 3}, se.Loc)
	assert.Empty(t, se.Macro)
	assert.Equal(t, " | | frobnicate count\n |   ^", se.Snippet)
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
	env := newEnv(t, Config{Macros: []string{conf}})
	x, err := env.Expand(Text("search `pick_index(prod)` `window(7)`"))
	require.NoError(t, err)
	assert.Equal(t, "search index=prod_sec earliest=-7d", x.Text)
	_, err = env.Expand(Text("search `window(-1)`"))
	assert.ErrorContains(t, err, "days must be a positive number")
	s, err := env.Compile("search `pick_index(test)` x=1")
	require.NoError(t, err, "compiling expands through the same path")
	assert.Contains(t, s.Expansion.Text, "index=test_sec")
}
