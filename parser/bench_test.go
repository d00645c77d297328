package parser_test

import (
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/parser"
)

// TestDeepNesting guards against exponential backtracking: a where clause
// nested 40 parentheses deep must parse quickly (about 1ms on a 2-core
// machine; the limits leave room for a busy CI).
func TestDeepNesting(t *testing.T) {
	for _, tt := range []struct {
		depth int
		limit time.Duration
	}{{40, 100 * time.Millisecond}, {200, 2 * time.Second}} {
		depth := tt.depth
		inner := "Processes.process_name=cmd.exe OR Processes.process=*x*"
		q := "| tstats count from datamodel=Endpoint.Processes where " +
			strings.Repeat("(a=1 ", depth) + inner + strings.Repeat(")", depth) + " by Processes.dest"
		start := time.Now()
		tree, err := parser.Parse(q)
		if err != nil {
			t.Fatalf("depth %d: %v", depth, err)
		}
		if d := time.Since(start); d > tt.limit {
			t.Errorf("depth %d took %v, want under %v", depth, d, tt.limit)
		}
		if got := tree.String(); got != q {
			t.Errorf("depth %d: String() = %q, want the input back", depth, got)
		}
	}
}

func BenchmarkParseSeed(b *testing.B) {
	b.SetBytes(int64(len(seed1)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parser.Parse(seed1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDeepWhere(b *testing.B) {
	q := "| tstats count where " + strings.Repeat("(a=1 ", 40) + "b=2" + strings.Repeat(")", 40) + " by x"
	b.SetBytes(int64(len(q)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parser.Parse(q); err != nil {
			b.Fatal(err)
		}
	}
}
