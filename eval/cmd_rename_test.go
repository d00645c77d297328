package eval

import (
	"strings"
	"testing"
)

func TestRename(t *testing.T) {
	tests := []struct {
		name       string
		query      string
		fields     []string
		in         []rec
		wantFields []string
		want       []rec
	}{
		{"51 drop_dm_object_name", `rename Processes.* AS *`,
			[]string{"Processes.dest", "Processes.user", "count"},
			[]rec{{"Processes.dest": "h1", "Processes.user": "u", "count": 3}},
			[]string{"dest", "user", "count"},
			[]rec{{"dest": "h1", "user": "u", "count": 3}}},
		{"52 missing source removes target", `rename a AS b`,
			[]string{"b"}, []rec{{"b": "x"}}, []string{}, []rec{{}}},
		{"missing source, missing target", `rename a AS b`,
			[]string{"c"}, []rec{{"c": "x"}}, []string{"c"}, []rec{{"c": "x"}}},
		{"overwrite, no merge", `rename pid AS product_id`,
			[]string{"pid", "x", "product_id"},
			[]rec{{"pid": "1", "product_id": "old"}, {"x": "y", "product_id": "old2"}},
			[]string{"pid", "x"}[0:0:0], nil},
		{"wildcard collision replaces", `rename Processes.* AS *`,
			[]string{"user", "Processes.user", "count"},
			[]rec{{"user": "old", "Processes.user": "new", "count": 1}},
			[]string{"user", "count"},
			[]rec{{"user": "new", "count": 1}}},
		{"in place order", `rename b AS z`,
			[]string{"a", "b", "c"}, []rec{{"a": "1", "b": "2", "c": "3"}},
			[]string{"a", "z", "c"}, []rec{{"a": "1", "z": "2", "c": "3"}}},
		{"prefix and suffix wildcards", `rename EU* AS EMEA*`,
			[]string{"EU_UK", "EU_FR", "US"}, []rec{{"EU_UK": "1", "EU_FR": "2", "US": "3"}},
			[]string{"EMEA_UK", "EMEA_FR", "US"}, []rec{{"EMEA_UK": "1", "EMEA_FR": "2", "US": "3"}}},
		{"two pairs in order", `rename a AS b, b AS c`,
			[]string{"a"}, []rec{{"a": "1"}}, []string{"c"}, []rec{{"c": "1"}}},
		{"field names case-sensitive", `rename processes.* AS *`,
			[]string{"Processes.dest"}, []rec{{"Processes.dest": "h"}},
			[]string{"Processes.dest"}, []rec{{"Processes.dest": "h"}}},
	}
	// fill the overwrite case (product_id takes pid's values, nulls included)
	tests[3].wantFields = []string{"product_id", "x"}
	tests[3].want = []rec{{"product_id": "1"}, {"x": "y"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runPipe(t, tt.query, rowsOf(tt.fields, tt.in...))
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(tt.wantFields, out.fields); d != "" {
				t.Errorf("fields (-want +got):\n%s", d)
			}
			if d := diff(recordsOf(tt.want...), records(out.fields, out.rows)); d != "" {
				t.Errorf("rows (-want +got):\n%s", d)
			}
		})
	}
}

// Conformance case 53.
func TestRenameWildcardMismatch(t *testing.T) {
	_, err := runPipe(t, `rename a* AS b`, rowsOf([]string{"a1"}))
	if err == nil || !strings.Contains(err.Error(), "same number of wildcards") {
		t.Fatalf("got %v", err)
	}
}
