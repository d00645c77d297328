package detections

import "testing"

// Data-model detections end to end: each directory of testdata/datamodel
// holds a security_content detection's tstats search (detection.yml, the
// search line only), small synthetic XmlWinEventLog events with positives
// and negatives (events.log), and the rows Splunk would return (want.json,
// JSON lines, rewritten with -update). The events become data-model rows
// through the embedded mappings, so these cases pin the search-time fields
// the add-ons give (Network_Traffic.All_Traffic.app is Sysmon's full Image
// path). testdata/datamodel/macros holds the macro definitions the searches
// call; with the shared corpus present, its own detection and macros must
// give the same rows.
func TestDataModelDetections(t *testing.T) {
	runDetectionCases(t, "testdata/datamodel", 2, nil)
}
