package detections

import (
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/parser"
)

// TestRoundTripLongChain: a where clause of thousands of OR terms (a tree
// as deep) prints and parses back to the same tree, and a difference in
// its deepest operand is found.
func TestRoundTripLongChain(t *testing.T) {
	long := "| makeresults | where x=0" + strings.Repeat(" OR x=1", 5000)
	q, err := parser.Parse(long)
	if err != nil {
		t.Fatal(err)
	}
	if p := checkRoundTrip(q); p != nil {
		t.Fatalf("round trip: %s", p.Msg)
	}
	other, err := parser.Parse(strings.Replace(long, "x=0", "x=2", 1))
	if err != nil {
		t.Fatal(err)
	}
	if sameTree(q, other) {
		t.Error("chains differing in their first term compare equal")
	}
	if !sameTree(q, q) {
		t.Error("a chain differs from itself")
	}
}

// TestRoundTripPrintedLonger: a search just under the parser's length
// bound whose printed form is longer than the bound (spaces around
// operators) still round-trips.
func TestRoundTripPrintedLonger(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a 1 MiB search")
	}
	long := "| makeresults | where x=0" + strings.Repeat(" OR x=1", (parser.DefaultMaxQueryLen-100)/7)
	q, err := parser.Parse(long)
	if err != nil {
		t.Fatal(err)
	}
	if p := checkRoundTrip(q); p != nil {
		t.Fatalf("round trip: %s", p.Msg)
	}
}
