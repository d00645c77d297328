package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/query"
)

// TestLibraryMatchesDetect: the embedder's path of examples/ (query.New,
// detections.Open, Content.Searches, Env.Load, Search.Exec) returns the
// rows `spelunk detect` prints, for a tstats detection and a raw-event
// detection with a lookup from --lookups.
func TestLibraryMatchesDetect(t *testing.T) {
	env, err := query.New(query.Config{ContentDir: exampleContent, Lookups: []string{exampleLookups}})
	require.NoError(t, err)
	content, err := detections.Open(env)
	require.NoError(t, err)
	for _, name := range []string{"Remote WMI Command Attempt", "WMI Command On Watchlisted Host"} {
		t.Run(name, func(t *testing.T) {
			code, out, errOut := spelunk(t, "", "detect", "--content", exampleContent, "--lookups", exampleLookups,
				"--data", exampleData, "--detection", name, "--format", "json")
			require.Equal(t, 0, code, errOut)
			var cli []string
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				var obj struct{ Result, Summary json.RawMessage }
				require.NoError(t, json.Unmarshal([]byte(line), &obj))
				if obj.Summary == nil {
					cli = append(cli, string(obj.Result))
				}
			}
			searches, err := content.Searches(name)
			require.NoError(t, err)
			data, err := env.Load(t.Context(), []string{exampleData}, searches...)
			require.NoError(t, err)
			res, err := searches[0].Exec(t.Context(), data)
			require.NoError(t, err)
			var lib []string
			for _, row := range res.Rows {
				b, err := rowJSON(res.Fields, row)
				require.NoError(t, err)
				lib = append(lib, string(b))
			}
			require.NotEmpty(t, lib)
			require.Equal(t, cli, lib)
		})
	}
}
