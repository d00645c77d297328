package glob

import "testing"

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		p, s string
		ok   bool
	}{
		{"a*b*c", "abc", true}, {"a*b*c", "aXbYc", true}, {"a*a", "a", false}, {"*", "", true},
		{"ab", "ab", true}, {"ab", "abc", false}, {"*.evil.com", "x.evil.com", true}, {"*.evil.com", "evil.com", false},
	} {
		if got := New(tc.p).Match(tc.s); got != tc.ok {
			t.Errorf("%q ~ %q = %v", tc.p, tc.s, got)
		}
	}
}
