package glob

import "testing"

func TestSearchMatch(t *testing.T) {
	tests := []struct {
		pat, s string
		want   bool
	}{
		{"cmd.exe", "CMD.EXE", true}, {"cmd.exe", "cmd.exe ", false},
		{"cmd*", "Cmd.exe", true}, {"*.exe", "wmic.EXE", true}, {"*mimi*", "Invoke-Mimikatz", true},
		{"a*b*c", "AxxBxxC", true}, {"a*b*c", "acb", false}, {"a?c", "abc", false}, {"a?c", "A?C", true},
		{"*", "", true}, {"**", "anything", true},
		{"10.0.0.0/8", "10.1.2.3", true}, {"10.0.0.0/8", "11.1.2.3", false}, {"10.0.0.0/8", "10.0.0.0/8", true},
		{"10.0.0.0/8", "::ffff:10.1.2.3", true}, {"2001:db8::/32", "2001:DB8::1", true},
		{"É*", "école", true}, {"É*", "ecole", false},
	}
	for _, tt := range tests {
		if got := CompileSearch(tt.pat).Match(tt.s); got != tt.want {
			t.Errorf("CompileSearch(%q).Match(%q) = %v, want %v", tt.pat, tt.s, got, tt.want)
		}
	}
	if !CompileSearch("***").MatchesAll() || CompileSearch("a*").MatchesAll() {
		t.Error("MatchesAll")
	}
}

func TestCaptureExpand(t *testing.T) {
	tests := []struct {
		pat, s string
		caps   []string
		ok     bool
	}{
		{"a*", "abc", []string{"bc"}, true},
		{"*_*", "x_y_z", []string{"x", "y_z"}, true},
		{"pre*mid*", "preAmidBmid", []string{"A", "Bmid"}, true},
		{"ab", "ab", nil, true}, {"ab", "Ab", nil, false}, {"a*a", "a", nil, false},
	}
	for _, tt := range tests {
		g := New(tt.pat)
		caps, ok := g.Capture(tt.s)
		if ok != tt.ok || len(caps) != len(tt.caps) {
			t.Errorf("%q.Capture(%q) = %q, %v", tt.pat, tt.s, caps, ok)
			continue
		}
		for i := range caps {
			if caps[i] != tt.caps[i] {
				t.Errorf("%q.Capture(%q) = %q, want %q", tt.pat, tt.s, caps, tt.caps)
			}
		}
		if ok && g.Expand(caps) != tt.s {
			t.Errorf("%q.Expand(%q) = %q, want %q", tt.pat, caps, g.Expand(caps), tt.s)
		}
	}
	if got := New("new_*_*").Expand([]string{"a", "b"}); got != "new_a_b" {
		t.Errorf("Expand = %q", got)
	}
	if got := New("x").Stars(); got != 0 {
		t.Errorf("Stars = %d", got)
	}
}

func TestLower(t *testing.T) {
	for in, want := range map[string]string{"abc": "abc", "ABC": "abc", "ÉCOLE": "école", "": ""} {
		if got := Lower(in); got != want {
			t.Errorf("Lower(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzGlob checks that Match and Capture agree, and that a capture
// expands back to the matched string.
func FuzzGlob(f *testing.F) {
	for _, s := range [][2]string{{"a*b*c", "abc"}, {"*.evil.com", "x.evil.com"}, {"*a*a", "aa"}, {"**", ""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pat, s string) {
		g := New(pat)
		caps, ok := g.Capture(s)
		if ok != g.Match(s) {
			t.Fatalf("%q on %q: Capture %v, Match %v", pat, s, ok, !ok)
		}
		if ok && g.Expand(caps) != s {
			t.Fatalf("%q on %q: Expand(%q) = %q", pat, s, caps, g.Expand(caps))
		}
	})
}
