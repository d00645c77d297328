package query

import (
	"fmt"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/ingest"
)

// TestEventRecordManyFields: an event of 20,000 fields, all of one name
// or all of different names (or every name twice), becomes its record in
// linear time, with the values of a repeated name as one multivalue in
// order.
func TestEventRecordManyFields(t *testing.T) {
	const n = 20000
	for _, tc := range []struct {
		name  string
		field func(i int) string
		want  int // fields of the record beyond the metadata
	}{
		{"one name", func(int) string { return "Image" }, 1},
		{"distinct names", func(i int) string { return fmt.Sprint("f", i) }, n},
		{"every name twice", func(i int) string { return fmt.Sprint("f", i/2) }, n / 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev := ingest.NewEvent("raw")
			for i := range n {
				ev.Add(tc.field(i), fmt.Sprint(i))
			}
			start := time.Now()
			rec := eventRecord(ev)
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("took %v", took)
			}
			if got := len(rec) - 2; got != tc.want {
				t.Fatalf("%d fields, want %d", got, tc.want)
			}
			first := rec[2]
			vs := first.Value.Strings()
			if first.Name != tc.field(0) || len(vs) != n/tc.want || vs[0] != "0" || vs[len(vs)-1] != fmt.Sprint(n/tc.want-1) {
				t.Errorf("first field %s = %d values %.40q", first.Name, len(vs), vs)
			}
		})
	}
}
