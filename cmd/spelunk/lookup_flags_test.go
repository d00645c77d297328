package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGeoIPFlag checks the errors around the GeoIP database. The flag is
// --geoip, as the messages and the README say; --geo-ip is accepted too.
func TestGeoIPFlag(t *testing.T) {
	const q = "| makeresults | eval ip=\"81.2.69.160\" | iplocation ip"
	code, _, errOut := spelunk(t, "", "run", "--data", exampleLog, q)
	assert.NotEqual(t, 0, code)
	assert.Contains(t, errOut, "iplocation needs a GeoIP database: --geoip FILE")

	missing := filepath.Join(t.TempDir(), "none.mmdb")
	code, _, errOut = spelunk(t, "", "run", "--geoip", missing, "--data", exampleLog, q)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--geoip: stat "+missing)

	bad := filepath.Join(t.TempDir(), "bad.mmdb")
	require.NoError(t, os.WriteFile(bad, []byte("not a database"), 0o644))
	code, _, errOut = spelunk(t, "", "run", "--geo-ip", bad, "--data", exampleLog, q)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--geoip: GeoIP database "+bad)
}
