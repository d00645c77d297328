package eval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/parser"
)

// genRecords makes n process-creation events as records (fields as
// strings, _time a number, _raw a command line).
func genRecords(n int) []Record {
	r := rand.New(rand.NewPCG(3, 4))
	names := []string{"svchost.exe", "chrome.exe", "cmd.exe", "powershell.exe", "wmic.exe", "rundll32.exe", "explorer.exe"}
	recs := make([]Record, n)
	for i := range recs {
		name := names[r.IntN(len(names))]
		cmdline := fmt.Sprintf(`C:\Windows\System32\%s /c run%d -enc QQBCAEMA`, name, r.IntN(1000))
		recs[i] = Record{
			{"_time", Num(1700000000 + float64(i))},
			{"_raw", Str(cmdline)},
			{"dest", Str(fmt.Sprintf("host%03d", r.IntN(200)))},
			{"user", Str(fmt.Sprintf("CORP\\user%03d", r.IntN(500)))},
			{"process_name", Str(name)},
			{"process", Str(cmdline)},
			{"process_id", Str(fmt.Sprint(r.IntN(65536)))},
		}
	}
	return recs
}

func benchRecords(b *testing.B, query string, n int) {
	recs := genRecords(n)
	q, err := parser.Parse(query)
	if err != nil {
		b.Fatal(err)
	}
	p, err := Compile(q, Options{Now: time.Unix(1700000000, 0)})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Exec(ctx, Input{Records: recs}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
}

// BenchmarkWhereExpr is a typical detection filter per row: like, match,
// lower, comparisons (100k events).
func BenchmarkWhereExpr(b *testing.B) {
	benchRecords(b, `| where (like(process, "%-enc%") OR match(process, "(?i)\s-e(nc|ncodedcommand)\s")) AND lower(process_name)!="explorer.exe" AND process_id > 100`, 100_000)
}

// BenchmarkEvalAssign is eval with several assignments per row.
func BenchmarkEvalAssign(b *testing.B) {
	benchRecords(b, `| eval a=if(process_name="cmd.exe", 1, 0), b=lower(user), c=mvcount(split(process, " ")), d=substr(dest, 1, 4)."-".process_id`, 100_000)
}

// BenchmarkStatsBy is the canonical stats of detections over 100k events.
func BenchmarkStatsBy(b *testing.B) {
	benchRecords(b, `| stats count min(_time) as firstTime max(_time) as lastTime values(process_name) as names dc(user) as users by dest`, 100_000)
}

// BenchmarkSearchKeyword is a first search with a keyword and a field.
func BenchmarkSearchKeyword(b *testing.B) {
	benchRecords(b, `search wmic process_id>1000`, 100_000)
}
