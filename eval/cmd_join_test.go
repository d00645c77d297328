package eval

import (
	"context"
	"testing"

	"github.com/spelunk-dev/spelunk/parser"
)

func TestJoinLimits(t *testing.T) {
	// The join subsearch is cut at 50,000 rows.
	p, err := compileWith(t, `| makeresults count=3 | streamstats count as n | join max=0 [| makeresults count=60000 | eval n=1]`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Exec(context.Background(), Input{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != joinMaxout {
		t.Errorf("rows = %d, want %d", len(res.Rows), joinMaxout)
	}
}

func BenchmarkJoin(b *testing.B) {
	q, err := parser.Parse(`| makeresults count=5000 | streamstats count as n | join n [| makeresults count=5000 | streamstats count as n | eval m=n*2]`)
	if err != nil {
		b.Fatal(err)
	}
	p, err := Compile(q, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Exec(context.Background(), Input{}); err != nil {
			b.Fatal(err)
		}
	}
}
