package detections

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/query"
)

// openContent opens the content directory dir with an Env of cfg (its
// ContentDir set to dir) and the macro overrides macroPaths.
func openContent(t testing.TB, dir string, macroPaths ...string) *Content {
	t.Helper()
	env, err := query.New(query.Config{ContentDir: dir, Macros: macroPaths})
	require.NoError(t, err)
	c, err := Open(env)
	require.NoError(t, err)
	return c
}

// openContentWith is openContent with the rest of the Env configured by cfg.
func openContentWith(t testing.TB, dir string, cfg query.Config) *Content {
	t.Helper()
	cfg.ContentDir = dir
	env, err := query.New(cfg)
	require.NoError(t, err)
	c, err := Open(env)
	require.NoError(t, err)
	return c
}
