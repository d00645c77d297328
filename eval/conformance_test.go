package eval_test

import (
	"testing"

	"github.com/spelunk-dev/spelunk/eval/spltest"
)

// conformanceCases is how many cases the suite held when it moved to
// spltest; the suite may only grow.
const conformanceCases = 607

// TestConformance runs testdata/conformance/*.spltest (format in its
// README.md) through every input path (spltest).
func TestConformance(t *testing.T) {
	n := spltest.RunDir(t, "testdata/conformance")
	t.Logf("%d conformance cases", n)
	if n < conformanceCases {
		t.Errorf("%d conformance cases, want at least %d", n, conformanceCases)
	}
}
