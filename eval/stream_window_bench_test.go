package eval

import (
	"context"
	"fmt"
	"testing"

	"github.com/spelunk-dev/spelunk/parser"
)

// BenchmarkStreamstatsWindow is streamstats over 50,000 rows with a
// 10,000-row window: sliding aggregates make it linear in the rows.
func BenchmarkStreamstatsWindow(b *testing.B) {
	recs := make([]Record, 50_000)
	for i := range recs {
		recs[i] = Record{{"_time", Num(float64(50_000 - i))}, {"x", Str(fmt.Sprint(i % 20_000))}, {"g", Str(fmt.Sprint(i % 3))}}
	}
	for _, q := range []string{
		"search * | streamstats window=10000 dc(x) as n",
		"search * | streamstats window=10000 global=false min(x) as lo max(x) as hi sum(x) as s count by g",
		"search * | streamstats time_window=10000s avg(x) as a",
	} {
		b.Run(q[len("search * | streamstats "):], func(b *testing.B) {
			tree, err := parser.Parse(q)
			if err != nil {
				b.Fatal(err)
			}
			p, err := Compile(tree, Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Exec(context.Background(), Input{Records: recs}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
