package examples_test

import (
	"context"
	"fmt"
	"log"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/query"
)

// Example_test runs a detection's security_content tests the way
// contentctl's unit tests do, without Splunk: its attack_data entries
// (https://media.githubusercontent.com/media/splunk/attack_data/master/X)
// are read from a local mirror directory (here data/X), and the results are
// judged by the risk and threat objects. Copy it into your own repository's
// go test, with your content directory and mirror, and fail the test on
// anything but PASS.
func Example_test() {
	ctx := context.Background()
	env, err := query.New(query.Config{ContentDir: "content", Lookups: []string{"lookups"}})
	must(err)
	content, err := detections.Open(env)
	must(err)
	for _, name := range []string{"Remote WMI Command Attempt", "Script Execution via WMI", "WMI Command On Watchlisted Host"} {
		d, err := content.Find(name)
		if err != nil {
			log.Fatal(err)
		}
		results, err := content.Test(ctx, d, detections.TestOptions{AttackData: "data"})
		if err != nil {
			log.Fatal(err)
		}
		for _, r := range results {
			// In a go test: if r.Status != detections.TestPass { t.Errorf(...) }
			fmt.Printf("%s %s / %s: %d results at %s\n", r.Status, d.Name, r.Test, r.Results, r.Now.Format("2006-01-02T15:04:05Z"))
		}
	}
	// Output:
	// PASS Remote WMI Command Attempt / True Positive Test: 2 results at 2024-05-14T10:31:01Z
	// PASS Script Execution via WMI / True Positive Test: 1 results at 2024-05-14T10:31:01Z
	// PASS WMI Command On Watchlisted Host / True Positive Test: 1 results at 2024-05-14T10:31:01Z
}
