package eval

import (
	"testing"

	"github.com/spelunk-dev/spelunk/parser"
	"github.com/stretchr/testify/require"
)

func TestProjectColumns(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want []string // nil: every column
	}{
		{"search EventCode=1 | stats count by Computer", []string{"_time", "EventCode", "Computer"}},
		{"search wmic | eval x=lower(Image) | where x!=\"a\" | stats dc(y) as n by x", []string{"_time", "_raw", "Image", "x", "y"}},
		{"search a=1 | table b c", []string{"_time", "a", "b", "c"}},
		{"search a=1 | eval {f}=g | table x", []string{"_time", "a", "g", "f", "x"}},
		{"search a=1", nil},
		{"search a=1 | head 5 | stats count", nil},
		{"search a*=1 | stats count", nil},
		{"search a=1 | stats values(*) as *", nil},
		{"search a=1 | table *", nil},
		{"search a=1 | eventstats count | stats count", nil},
		{"search a=1 | where searchmatch(\"x\") | stats count", nil},
		{"search a=1 [search b=2 | fields a] | stats count", nil},
	} {
		q, err := parser.Parse(tc.q)
		require.NoError(t, err, tc.q)
		require.Equal(t, tc.want, projectColumns(q), tc.q)
	}
}
