package pcre

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCompileEngines(t *testing.T) {
	tests := []struct {
		pat     string
		re2     bool
		subject string
		want    bool
	}{
		{`^cmd\.exe`, true, "cmd.exe /c", true},
		{`(?i)WMIC`, true, "wmic.exe", true},
		{`exe$`, false, "a.exe\n", true}, // PCRE's $ also matches before a final newline
		{`(?<=-)enc`, false, "-enc", true},
		{`(\w)\1`, false, "aa", true},
		{`(?P<x>a)(?<y>b)`, true, "ab", true},
		{`(?'x'a)`, false, "a", true},
	}
	for _, tt := range tests {
		r, err := Compile(tt.pat, 0)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tt.pat, err)
		}
		if (r.re2 != nil) != tt.re2 {
			t.Errorf("Compile(%q): RE2 engine %v, want %v", tt.pat, r.re2 != nil, tt.re2)
		}
		if ok, err := r.Match(tt.subject); ok != tt.want || err != nil {
			t.Errorf("%q.Match(%q) = %v, %v", tt.pat, tt.subject, ok, err)
		}
	}
	if _, err := Compile(`(`, 0); err == nil || !strings.Contains(err.Error(), `"("`) {
		t.Errorf("bad pattern: %v", err)
	}
}

func TestReplaceFindAll(t *testing.T) {
	for _, pat := range []string{`(\w+)@(\w+)`, `(\w+)@(\w+)(?=\.)`} { // RE2 and regexp2
		r, err := Compile(pat, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.Replace("me@host. you@there.", `\2:\1\\`)
		if want := `host:me\. there:you\.`; got != want || err != nil {
			t.Errorf("%q Replace = %q, %v; want %q", pat, got, err, want)
		}
		all, err := r.FindAll("me@host. you@there.")
		if want := []string{"me", "you"}; !reflect.DeepEqual(all, want) || err != nil {
			t.Errorf("%q FindAll = %q, %v", pat, all, err)
		}
	}
}

func TestGroupsAndIndex(t *testing.T) {
	// On regexp2 (.NET numbering) unnamed groups come first, then named
	// ones; GroupNames and FindAllIndex agree on either engine.
	tests := []struct {
		pat   string
		names []string
		want  []Loc
	}{
		{`(?<user>\w+)=(\d+)`, []string{"", "user", ""}, []Loc{{3, 6, 3, 4, 5, 6}}},
		{`(?<user>\w+)=(\d+)(?!x)`, []string{"", "", "user"}, []Loc{{3, 6, 5, 6, 3, 4}}},
	}
	for _, tt := range tests {
		r, err := Compile(tt.pat, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.GroupNames(); !reflect.DeepEqual(got, tt.names) {
			t.Errorf("%q GroupNames = %q, want %q", tt.pat, got, tt.names)
		}
		// Byte offsets also after a non-ASCII rune (regexp2 counts runes).
		ms, err := r.FindAllIndex("é a=1 b=2", 1)
		if err != nil || !reflect.DeepEqual(ms, tt.want) {
			t.Errorf("%q FindAllIndex = %v, %v; want %v", tt.pat, ms, err, tt.want)
		}
	}
}

func TestTimeout(t *testing.T) {
	r, err := Compile(`^(a+)+$`, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Match(strings.Repeat("a", 40) + "!"); err == nil {
		t.Error("catastrophic backtracking must time out")
	}
}

func TestCache(t *testing.T) {
	c := NewCache(0)
	a, err := c.Get(`a+`)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := c.Get(`a+`); a != b {
		t.Error("the cache compiled a pattern twice")
	}
	_, err1 := c.Get(`(`)
	_, err2 := c.Get(`(`)
	if err1 == nil || err1 != err2 {
		t.Errorf("errors %v, %v", err1, err2)
	}
}
