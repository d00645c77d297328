package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A detection file without the one key spelunk needs, search:, is a clear
// error naming the file, whichever way `spelunk test` meets it. name: and
// id: are not required by the loader (detections.Parse); see the report of
// the test-suite work.

// noSearchContent writes a content directory holding one good detection
// and one without search:, and returns it and the bad file's path.
func noSearchContent(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	dets := filepath.Join(dir, "detections", "endpoint")
	require.NoError(t, os.MkdirAll(dets, 0o755))
	good := "name: Good One\nid: 0b3a1b7e-0100-4000-8000-000000000001\ntype: TTP\nstatus: production\n" +
		"search: '| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.* as *'\n" +
		"tests:\n- name: True Positive Test\n  attack_data:\n  - data: https://media.githubusercontent.com/media/splunk/attack_data/master/x/windows-sysmon.log\n" +
		"    source: XmlWinEventLog:Microsoft-Windows-Sysmon/Operational\n    sourcetype: xmlwineventlog\n"
	bad := "name: No Search Here\nid: 0b3a1b7e-0100-4000-8000-000000000002\ntype: TTP\nstatus: production\n" +
		"tests:\n- name: True Positive Test\n  attack_data:\n  - data: https://media.githubusercontent.com/media/splunk/attack_data/master/x/windows-sysmon.log\n"
	require.NoError(t, os.WriteFile(filepath.Join(dets, "good_one.yml"), []byte(good), 0o644))
	badFile := filepath.Join(dets, "no_search_here.yml")
	require.NoError(t, os.WriteFile(badFile, []byte(bad), 0o644))
	return dir, badFile
}

func TestTestMissingSearchNamesFile(t *testing.T) {
	content, badFile := noSearchContent(t)
	mirror := t.TempDir()

	t.Run("named by --detection FILE", func(t *testing.T) {
		code, out, errOut := spelunk(t, "", "test", "--content", content, "--attack-data", mirror, "--detection", badFile)
		assert.Equal(t, 2, code, "bad input")
		assert.Empty(t, out)
		assert.Contains(t, errOut, badFile+": no search: field")
	})

	t.Run("found by the default selection", func(t *testing.T) {
		code, out, errOut := spelunk(t, "", "test", "--content", content, "--attack-data", mirror)
		assert.Equal(t, 1, code, "a detection file that cannot be loaded is an ERROR")
		assert.Contains(t, out, "ERROR       no_search_here.yml / load: "+badFile+": no search: field")
		assert.Contains(t, errOut, "1 detection files cannot be loaded")
		assert.Contains(t, errOut, badFile+": no search: field")
		assert.Contains(t, out, "SKIP        Good One / True Positive Test: data not found at ", "the other detections still run")
	})

	t.Run("check", func(t *testing.T) {
		code, out, _ := spelunk(t, "", "check", "--content", content)
		assert.Equal(t, 1, code)
		assert.Contains(t, out, badFile+":1:1: error: the detection has no search")
	})
}
