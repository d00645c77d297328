//go:build !race

package ingest

// raceSlowdown widens the time bound of the hostile-input tests under the
// race detector; 1 without it.
const raceSlowdown = 1
