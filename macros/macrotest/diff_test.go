package macrotest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUnifiedDiff(t *testing.T) {
	lines := func(n int, change map[int]string) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			if c, ok := change[i]; ok {
				if c != "" {
					b.WriteString(c + "\n")
				}
				continue
			}
			b.WriteString("l" + string(rune('0'+i%10)) + "\n")
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, a, b, want string
	}{
		{"equal", "x\n", "x\n", ""},
		{"one line", "x\n", "y\n", "--- a\n+++ b\n@@ -1,1 +1,1 @@\n-x\n+y\n"},
		{"from empty", "", "x\ny\n", "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n"},
		{"to empty", "x\n", "", "--- a\n+++ b\n@@ -1,1 +0,0 @@\n-x\n"},
		{"no final newline", "x\n", "x", "--- a\n+++ b\n@@ -1,1 +1,1 @@\n-x\n+x\n\\ No newline at end of file\n"},
		{
			"context and two hunks",
			lines(20, nil),
			lines(20, map[int]string{2: "two", 18: ""}),
			"--- a\n+++ b\n@@ -1,5 +1,5 @@\n l1\n-l2\n+two\n l3\n l4\n l5\n" +
				"@@ -15,6 +15,5 @@\n l5\n l6\n l7\n-l8\n l9\n l0\n",
		},
		{
			"close changes share a hunk",
			lines(12, nil),
			lines(12, map[int]string{3: "c", 9: "i"}),
			"--- a\n+++ b\n@@ -1,12 +1,12 @@\n l1\n l2\n-l3\n+c\n l4\n l5\n l6\n l7\n l8\n-l9\n+i\n l0\n l1\n l2\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, UnifiedDiff("a", "b", tc.a, tc.b)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnifiedDiffLarge(t *testing.T) {
	var a, b strings.Builder
	for i := range 5000 {
		a.WriteString("a" + strings.Repeat("x", i%7) + "\n")
		b.WriteString("b" + strings.Repeat("x", i%5) + "\n")
	}
	d := UnifiedDiff("a", "b", a.String(), b.String())
	if strings.Count(d, "\n-") != 5000 || strings.Count(d, "\n+") != 5001 { // +++ header included
		t.Errorf("large diff: %d -, %d +", strings.Count(d, "\n-"), strings.Count(d, "\n+"))
	}
}
