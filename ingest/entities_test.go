package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestXMLEntities pins the default (references kept, as Splunk's add-ons
// extract them) and the opt-in decoding.
func TestXMLEntities(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.log")
	event := `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/>` +
		`<EventID>1</EventID><TimeCreated SystemTime='2024-01-02T03:04:05.0000000Z'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel>` +
		`<Computer>h1</Computer></System><EventData><Data Name='Image'>C:\Windows\System32\cmd.exe</Data>` +
		`<Data Name='CommandLine'>cmd /c dir &gt;nul 2&gt;&amp;1 </Data></EventData></Event>` + "\n"
	require.NoError(t, os.WriteFile(path, []byte(event), 0o644))
	for _, tc := range []struct {
		decode bool
		want   string
	}{
		{false, "cmd /c dir &gt;nul 2&gt;&amp;1 "},
		{true, "cmd /c dir >nul 2>&1 "},
	} {
		evs, tables, _, err := LoadEvents(context.Background(), []string{path}, Options{DecodeXMLEntities: tc.decode})
		require.NoError(t, err)
		require.Len(t, evs, 1)
		v, _ := evs[0].Get("CommandLine")
		assert.Equal(t, tc.want, v, "raw field, decode=%v", tc.decode)
		col := tables["Endpoint.Processes"].Column("process")
		require.NotNil(t, col)
		got, _ := col.Value(0)
		assert.Equal(t, tc.want, got, "Processes.process, decode=%v", tc.decode)
	}
}

func TestRegistryValue(t *testing.T) {
	for _, tc := range []struct{ in, data, typ string }{
		{"DWORD (0x00000001)", "0x00000001", "REG_DWORD"},
		{"QWORD (0x00000000-0x00000001)", "0x00000000-0x00000001", "REG_QWORD"},
		{"Binary Data", "Binary Data", "REG_BINARY"},
		{`C:\Windows\evil.exe`, `C:\Windows\evil.exe`, "REG_SZ"},
		{"DWORD (", "DWORD (", "REG_SZ"},
	} {
		data, typ := registryValue(tc.in)
		assert.Equal(t, tc.data, data, tc.in)
		assert.Equal(t, tc.typ, typ, tc.in)
	}
}
