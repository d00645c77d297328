package spltest_test

import (
	"context"
	"fmt"

	"github.com/spelunk-dev/spelunk/eval/spltest"
)

// An embedder runs its own scripts from a test with RunDir or RunFile:
//
//	func TestSearches(t *testing.T) {
//		spltest.RunDir(t, "testdata/searches", spltest.WithLookupsDir("testdata/lookups"))
//	}
//
// Outside a test, Load a script and Check its cases: each runs through
// every input path it has, and a mismatch comes back as an error naming
// the case's file:line and the path.
func Example() {
	s, err := spltest.Load("testdata/example.spltest")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range s.Cases {
		fmt.Println(c.Where(), c.Name, c.Paths(), len(c.Check(context.Background())))
	}
	// Output:
	// testdata/example.spltest:7 logins_by_user [records events events+prefilter] 0
	// testdata/example.spltest:14 keyword_over_fields [records events events+prefilter] 0
	// testdata/example.spltest:24 role_of_each_login [records events events+prefilter] 0
	// testdata/example.spltest:30 no_events [records] 0
	// testdata/example.spltest:35 unknown_command [records] 0
}
