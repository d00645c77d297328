package query_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/query"
)

// TestOnePassEqualsOneByOne runs every runnable production detection of
// the shared security_content snapshot over the shared attack logs and a
// few real OTRF datasets twice: all at once over one read of the logs
// (Env.Load with every search: prepared reads, as spelunk detect runs
// them) and each alone over every raw event: the rows must be the same.
func TestOnePassEqualsOneByOne(t *testing.T) {
	shared := filepath.Join("..", "..", "shared")
	content := filepath.Join(shared, "content")
	if _, err := os.Stat(filepath.Join(content, "detections")); err != nil {
		t.Skipf("../shared is absent: %v", err)
	}
	if testing.Short() {
		t.Skip("every detection over shared logs: skipped in -short mode")
	}
	logs := []string{filepath.Join(shared, "data", "attack_data")}
	for _, name := range []string{
		"credential_access__psh_input_capture_promptforcreds.zip",
		"persistence__cmd_userinitmprlogonscript_batch.zip",
		"discovery__cmd_discover_iexplorer_version_registry.zip",
	} {
		if p := filepath.Join(shared, "data", "otrf_windows", name); fileExists(p) {
			logs = append(logs, p)
		}
	}
	ctx := context.Background()
	env, err := query.New(query.Config{ContentDir: content, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	c, err := detections.Open(env)
	require.NoError(t, err)
	ds, _, err := c.Detections()
	require.NoError(t, err)
	var searches []*query.Search
	var names []string
	for _, d := range ds {
		if d.Deprecated() {
			continue
		}
		if s, err := c.Compile(d); err == nil {
			searches, names = append(searches, s), append(names, d.Name)
		}
	}
	require.Greater(t, len(searches), 1000)
	onePass, err := env.Load(ctx, logs, searches...)
	require.NoError(t, err)
	evs, tables, _, err := ingest.LoadEvents(ctx, logs, env.Config().Ingest)
	require.NoError(t, err)
	all := query.NewData(tables, evs)
	fired := 0
	for i, s := range searches {
		want, werr := s.Exec(ctx, all)
		got, gerr := s.Exec(ctx, onePass)
		if werr != nil || gerr != nil {
			require.Equal(t, werr != nil, gerr != nil, "%s: one by one %v, one pass %v", names[i], werr, gerr)
			continue
		}
		if len(want.Rows) > 0 {
			fired++
		}
		require.Equal(t, want.Fields, got.Fields, names[i])
		require.Equal(t, want.Rows, got.Rows, names[i])
	}
	t.Logf("%d detections, %d fired, %d raw events", len(searches), fired, len(evs))
	require.Positive(t, fired)
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }
