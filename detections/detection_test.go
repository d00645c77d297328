package detections

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/query"
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
	c := openContent(t, exampleContent)
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
	_, err := c.Find("No Such Detection")
	assert.ErrorContains(t, err, `no detection named "No Such Detection"`)
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
	env, err := query.New(query.Config{})
	require.NoError(t, err)
	_, err = env.CompileSource(d.Source())
	var se *query.SearchError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, macros.Location{File: "folded.yml", Line: 4, Col: 5}, se.Loc,
		"YAML folds the search onto one line; the error still points at line 4 of the file")
}
