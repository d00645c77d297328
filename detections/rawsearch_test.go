package detections

import (
	"testing"

	"github.com/spelunk-dev/spelunk/query"
)

// Raw-event detections end to end: each directory of testdata/raw holds a
// security_content detection's search (detection.yml, the search line
// only), small synthetic XmlWinEventLog events modelled on real Sysmon and
// Security logs with positives and negatives (events.log), and the exact
// rows Splunk would return (want.json, JSON lines, values as strings,
// rewritten with -update). testdata/raw/macros holds the few macro
// definitions the searches call, so the test runs without the shared
// corpus; with it, the corpus's own detection and macros must give the same
// rows.
func TestRawSearchDetections(t *testing.T) {
	runDetectionCases(t, "testdata/raw", 10, func(t *testing.T, d *Detection, s *query.Search) {
		if !s.Needs().Events {
			t.Fatalf("%s does not read raw events", d.Name)
		}
	})
}
