package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/internal/golden"
)

// checkContent is the synthetic content of the detections package's check
// tests: a broken search, an unknown macro, a macro typo, a wrong arity, a
// syntax error inside a macro, an unsupported command, bad YAML, deprecated
// detections.
const checkContent = "../../detections/testdata/check"

func TestCheckGolden(t *testing.T) {
	for _, c := range []struct{ golden, format string }{
		{"check.txt", "text"},
		{"check.json", "json"},
		{"check.sarif", "sarif"},
	} {
		t.Run(c.format, func(t *testing.T) {
			code, out, errOut := spelunk(t, "", "check", "--content", checkContent, "--format", c.format)
			assert.Equal(t, 1, code, "error findings exit 1; stderr: %s", errOut)
			assert.Empty(t, errOut, "no progress bar outside a terminal")
			golden.File(t, filepath.Join("testdata", c.golden), out)
		})
	}
}

func TestCheckJSONLines(t *testing.T) {
	_, out, _ := spelunk(t, "", "check", "--content", checkContent, "--format", "json")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 9, "8 findings and a summary")
	for _, l := range lines[:len(lines)-1] {
		var f map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &f), l)
		for _, k := range []string{"file", "severity", "stage", "code", "message", "location"} {
			assert.Contains(t, f, k, l)
		}
		assert.NotContains(t, f, "summary")
	}
	var sum struct {
		Summary map[string]int `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &sum))
	assert.Equal(t, map[string]int{
		"total": 9, "expanded": 4, "parsed": 2, "round_tripped": 2, "runnable": 1, "refused": 0,
		"unsupported": 1, "errors": 7, "warnings": 0, "deprecated": 2,
	}, sum.Summary)
}

func TestCheckSARIF(t *testing.T) {
	_, out, _ := spelunk(t, "", "check", "--content", checkContent, "--format", "sarif")
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &log))
	assert.Equal(t, "2.1.0", log.Version)
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, "spelunk", run.Tool.Driver.Name)
	require.Len(t, run.Results, 8)
	for _, r := range run.Results {
		require.Less(t, r.RuleIndex, len(run.Tool.Driver.Rules))
		assert.Equal(t, r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID)
		assert.Contains(t, []string{"error", "warning", "note"}, r.Level)
		assert.NotEmpty(t, r.Message.Text)
		require.Len(t, r.Locations, 1)
		uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI
		assert.False(t, strings.HasPrefix(uri, "..") || strings.HasPrefix(uri, "/"), "relative to --content: %s", uri)
		assert.Positive(t, r.Locations[0].PhysicalLocation.Region.StartLine)
	}
	assert.Equal(t, "macros/bad_rename.yml", run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation.URI)
}

func TestCheckClean(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "detections", "endpoint"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "detections", "endpoint", "ok.yml"), []byte(
		"name: Fine\nid: 1\nsearch: '| tstats count from datamodel=Endpoint.Processes by Processes.dest | `fine_filter`'\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "detections", "endpoint", "later.yml"), []byte(
		"name: Later\nid: 2\nsearch: '| tstats count from datamodel=Endpoint.Processes by Processes.dest | associate dest'\n"), 0o644))
	code, out, errOut := spelunk(t, "", "check", "--content", dir)
	assert.Equal(t, 0, code, "notes do not fail the check; stderr: %s", errOut)
	assert.Contains(t, out, "later.yml:3:79: note: command \"associate\" is not supported yet [spl_unsupported_command]")
	assert.Contains(t, out, "2 detections checked (0 deprecated skipped): 2 expanded, 2 parsed, 2 round-tripped; 1 runnable, 0 refused, 1 unsupported; 0 with errors, 0 with warnings\n")
}

func TestCheckUsageErrors(t *testing.T) {
	code, _, errOut := spelunk(t, "", "check", "--content", "testdata/no-such-dir")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "no-such-dir")
	code, _, errOut = spelunk(t, "", "check")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--content")
	code, _, _ = spelunk(t, "", "check", "--content", checkContent, "--format", "xml")
	assert.Equal(t, 2, code)
}

func TestSARIFURI(t *testing.T) {
	assert.Equal(t, "detections/a%20b.yml", sarifURI("c", filepath.Join("c", "detections", "a b.yml")))
	abs := sarifURI("c", "/elsewhere/m.yml")
	assert.Equal(t, "file:///elsewhere/m.yml", abs)
}
