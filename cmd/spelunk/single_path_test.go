package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExpandEvalMacros: expand, run and detect share one expansion path,
// so an eval-based (iseval) macro that run expands, expand expands too.
func TestExpandEvalMacros(t *testing.T) {
	conf := filepath.Join(t.TempDir(), "macros.conf")
	require.NoError(t, os.WriteFile(conf, []byte("[pick(1)]\nargs = env\niseval = true\ndefinition = if(\"$env$\"==\"prod\", \"x=1\", \"x=2\")\n"), 0o644))
	code, out, errOut := spelunk(t, "", "expand", "--macros", conf, "| makeresults | search `pick(prod)`")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "| makeresults | search x=1\n", out)
	code, out, errOut = spelunk(t, "", "run", "--macros", conf, "--format", "csv", "| makeresults | eval x=1 | search `pick(prod)` | table x")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "x\n1\n", out)
}

// TestRunWithoutData: a search that makes its own rows needs no --data; one
// that reads events or data models says it needs them.
func TestRunWithoutData(t *testing.T) {
	code, out, errOut := spelunk(t, "", "run", "--format", "csv", "| makeresults | eval x=1 | table x")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "x\n1\n", out)
	for _, q := range []string{"search x=1", "| tstats count from datamodel=Endpoint.Processes", "| makeresults | append [search x=1]"} {
		code, _, errOut = spelunk(t, "", "run", q)
		assert.Equal(t, 2, code, q)
		assert.Contains(t, errOut, "give the logs with --data PATH", q)
	}
}
