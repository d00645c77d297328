package query

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// exampleContent is the bundled example security_content directory.
const exampleContent = "../examples/content"

// rawDir holds the raw-search test cases: a detection, its events and the
// rows it must return, per directory, and the macros they call.
const rawDir = "../detections/testdata/raw"

// rawClock is the search's clock for the raw-event tests.
var rawClock = time.Date(2024, 5, 15, 0, 0, 0, 0, time.UTC)

// newEnv builds an Env of cfg or fails the test.
func newEnv(t testing.TB, cfg Config) *Env {
	t.Helper()
	env, err := New(cfg)
	require.NoError(t, err)
	return env
}

// rawEnv is the Env of the raw-search cases: their macros, their clock.
func rawEnv(t testing.TB) *Env {
	return newEnv(t, Config{Macros: []string{filepath.Join(rawDir, "macros")}, Now: rawClock, Location: time.UTC})
}

// compileText compiles q with env or fails the test.
func compileText(t testing.TB, env *Env, q string) *Search {
	t.Helper()
	s, err := env.Compile(q)
	require.NoError(t, err, q)
	return s
}

// detectionSearch reads the search: of a detection YAML file.
func detectionSearch(t testing.TB, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var d struct{ Search string }
	require.NoError(t, yaml.Unmarshal(data, &d))
	require.NotEmpty(t, d.Search, file)
	return d.Search
}
