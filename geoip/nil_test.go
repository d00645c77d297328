package geoip

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilDB: a nil or zero DB (not from Open) fails with an error.
func TestNilDB(t *testing.T) {
	for _, d := range []*DB{nil, {}} {
		res := niltest.CallAll(t, d)
		niltest.WantErrors(t, d, res)
	}
}
