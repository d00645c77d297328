//go:build race

package ingest

// raceSlowdown widens the time bound of the hostile-input tests: the race
// detector makes the readers several times slower.
const raceSlowdown = 10
