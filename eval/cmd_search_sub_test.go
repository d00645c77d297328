package eval

import (
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
)

func TestFormatResults(t *testing.T) {
	rs := rowsOf([]string{"_time", "user", "host"},
		rec{"_time": 1.0, "user": "a\"b", "host": []string{"h1", "h2"}},
		rec{"_time": 2.0},
	)
	got := formatResults(rs, ast.Span{}, nil).String()
	want := `(((user="a\"b") (host="h1" OR host="h2")))`
	if norm(got) != norm(want) {
		t.Errorf("got %s\nwant %s", got, want)
	}
	empty := formatResults(&rowSet{fields: []string{"x"}}, ast.Span{}, nil).String()
	if empty != "NOT *" {
		t.Errorf("empty: got %s", empty)
	}
}

// norm drops quotes around plain names so the test does not pin how the
// printer quotes field names.
func norm(s string) string { return strings.NewReplacer(`"user"`, "user", `"host"`, "host").Replace(s) }
