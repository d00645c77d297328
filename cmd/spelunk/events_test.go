package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEventsJSON prints the example XmlWinEventLog events as JSON: one
// object per event with the metadata first, then the extracted fields.
func TestEventsJSON(t *testing.T) {
	code, out, errOut := spelunk(t, "", "events", "../../examples/data/wmi_sysmon.log")
	require.Equal(t, 0, code, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.NotEmpty(t, lines)
	for _, l := range lines {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &m), l)
		assert.Equal(t, "XmlWinEventLog", m["sourcetype"])
		assert.True(t, strings.HasPrefix(l, `{"_time":`), l)
		for _, k := range []string{"host", "source", "EventCode", "Computer"} {
			assert.Contains(t, m, k)
		}
	}
	assert.Contains(t, errOut, "read 1 file")
}

// TestEventsEVTX prints the records of a shared .evtx file as JSON and as
// XML: one event per record, the XML being the record's <Event> element.
func TestEventsEVTX(t *testing.T) {
	path := filepath.Join("../../../shared/data/evtx_attack_samples", "Command_and_Control_bits_openvpn.evtx")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared .evtx samples absent: %v", err)
	}
	code, out, errOut := spelunk(t, "", "events", path)
	require.Equal(t, 0, code, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var first map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	assert.Equal(t, "XmlWinEventLog:Microsoft-Windows-Bits-Client/Operational", first["source"])
	assert.Equal(t, "MSEDGEWIN10", first["host"])
	assert.Equal(t, 1602168229.291978, first["_time"])
	assert.Equal(t, "{1960D15E-5FC2-457D-ABE7-9A7CB97B7761}", first["jobId"])
	assert.Contains(t, errOut, "events")

	code, out, errOut = spelunk(t, "", "events", "--format", "xml", path)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, len(lines), strings.Count(out, "<Event xmlns="))
	assert.True(t, strings.HasPrefix(out, "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Bits-Client'"), out[:200])
}

// TestEventsMissingFile is bad input: exit 2.
func TestEventsMissingFile(t *testing.T) {
	code, _, errOut := spelunk(t, "", "events", "no-such-file.evtx")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "no-such-file.evtx")
}
