package eval

import (
	"context"
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
)

// TestTstatsTimeBoundsInMap: the corpus shape (potential_password_in_username)
// — map fills earliest=/latest= of a tstats where from each row's fields.
func TestTstatsTimeBoundsInMap(t *testing.T) {
	tables := cim.Tables{dm: procTable()}
	tests := []struct {
		name, query string
		want        []string
	}{
		{"window per row",
			`| makeresults count=2 | streamstats count as n | eval starttime=if(n=1, 100, 3000), endtime=starttime+200 | map search="| tstats count from datamodel=Endpoint.Processes where earliest=$starttime$ latest=$endtime$ by Processes.dest"`,
			[]string{"h1", "h2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := compileWith(t, tt.query, Options{ParseSearch: parseHook})
			if err != nil {
				t.Fatal(err)
			}
			res, err := p.Exec(context.Background(), Input{Tables: tables})
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(tt.want, column(res, "Processes.dest")); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
