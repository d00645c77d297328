package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/query"
)

// openContent opens the content directory dir with a default Env.
func openContent(t testing.TB, dir string) *detections.Content {
	t.Helper()
	env, err := query.New(query.Config{ContentDir: dir})
	require.NoError(t, err)
	c, err := detections.Open(env)
	require.NoError(t, err)
	return c
}
