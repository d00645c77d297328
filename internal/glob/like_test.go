package glob

import (
	"strings"
	"testing"
)

func TestLike(t *testing.T) {
	tests := []struct {
		pat, s string
		want   bool
	}{
		{"abc", "abc", true}, {"abc", "ABC", false}, {"a%", "abc", true}, {"a%", "", false},
		{"%-enc%", "powershell -enc AAA", true}, {"%-enc%", "-en", false},
		{"a_c", "abc", true}, {"a_c", "aéc", true}, {"a_c", "ac", false}, {"a_c", "abbc", false},
		{"%", "", true}, {"%%", "x", true}, {"_%_", "é", false}, {"_%_", "éé", true},
		{`100\%`, "100%", true}, {`100\%`, "1000", false}, {`a\_b`, "a_b", true}, {`a\_b`, "axb", false},
		{`a\\b`, `a\b`, true}, {`a\b`, `a\b`, true},
		{"a%b%c", "aXbYbZc", true}, {"a%b%c", "acb", false}, {"%a_", "aab", true},
		{"\xff_", "\xff\xfe", true},
	}
	for _, tt := range tests {
		if got := CompileLike(tt.pat).Match(tt.s); got != tt.want {
			t.Errorf("CompileLike(%q).Match(%q) = %v, want %v", tt.pat, tt.s, got, tt.want)
		}
	}
}

// FuzzLike checks that matching never panics and that s with its '%',
// '_' and backslashes escaped matches s and nothing longer.
func FuzzLike(f *testing.F) {
	f.Add("a%b_c", "axxbyc")
	f.Add(`\%_`, "%é")
	f.Fuzz(func(t *testing.T, pat, s string) {
		_ = CompileLike(pat).Match(s)
		lit := CompileLike(likeEscape(s))
		if !lit.Match(s) || lit.Match(s+"x") {
			t.Fatalf("escaped %q: Match(s) %v, Match(s+x) %v", s, lit.Match(s), lit.Match(s+"x"))
		}
	})
}

func likeEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' || s[i] == '_' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
