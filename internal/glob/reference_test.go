package glob

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// likeRegexp translates a LIKE pattern to an anchored regular expression:
// the reference Like is checked against.
func likeRegexp(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^(?s:`)
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p) && (p[i+1] == '%' || p[i+1] == '_' || p[i+1] == '\\'):
			b.WriteString(regexp.QuoteMeta(p[i+1 : i+2]))
			i++
		case c == '%':
			b.WriteString(`.*`)
		case c == '_':
			b.WriteString(`.`)
		default:
			_, size := utf8.DecodeRuneInString(p[i:])
			b.WriteString(regexp.QuoteMeta(p[i : i+size]))
			i += size - 1
		}
	}
	b.WriteString(`)$`)
	return regexp.MustCompile(b.String())
}

// globRegexp translates a '*' pattern to an anchored regular expression.
func globRegexp(p string) *regexp.Regexp {
	parts := strings.Split(p, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile(`^(?s:` + strings.Join(parts, `.*`) + `)$`)
}

// likeBacktrack is the exhaustive matcher Like replaced (exponential in
// the number of '%'), kept as a reference for short inputs that are not
// valid UTF-8, where regexp cannot serve.
func likeBacktrack(segs [][]likeTok, s string) bool {
	n, ok := matchSeg(segs[0], s)
	if len(segs) == 1 || !ok {
		return ok && n == len(s)
	}
	rest := s[n:]
	for i := 0; i <= len(rest); i++ {
		if likeBacktrack(segs[1:], rest[i:]) {
			return true
		}
		if i < len(rest) {
			_, size := utf8.DecodeRuneInString(rest[i:])
			i += size - 1
		}
	}
	return false
}

// FuzzLikeReference checks Like against its regular-expression
// translation on valid UTF-8, and against exhaustive backtracking on short
// inputs.
func FuzzLikeReference(f *testing.F) {
	for _, s := range [][2]string{
		{"%a%a%a%b", "aaaaaaaaab"}, {"%a_b%", "xaébz"}, {"_%_", "é"}, {`%\%%`, "50%"},
		{"a%b%c", "aXbYbZc"}, {"%ab_%", "aab"}, {"%_a%", "\xe9a"}, {"%\xc3%", "\xc3\xa9"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pat, s string) {
		got := CompileLike(pat).Match(s)
		if utf8.ValidString(pat) && utf8.ValidString(s) {
			if want := likeRegexp(pat).MatchString(s); got != want {
				t.Fatalf("like %q on %q = %v, regexp says %v", pat, s, got, want)
			}
		}
		if strings.Count(pat, "%") <= 4 && len(s) <= 64 {
			if want := likeBacktrack(CompileLike(pat).segs, s); !CompileLike(pat).exact && got != want {
				t.Fatalf("like %q on %q = %v, backtracking says %v", pat, s, got, want)
			}
		}
	})
}

// FuzzGlobReference checks Glob and Search matching against their
// regular-expression translations.
func FuzzGlobReference(f *testing.F) {
	for _, s := range [][2]string{{"*a*a*a*b", "aaaab"}, {"a*b*c", "abc"}, {"*x*", "X"}, {"**", ""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pat, s string) {
		if !utf8.ValidString(pat) || !utf8.ValidString(s) {
			return
		}
		if got, want := New(pat).Match(s), globRegexp(pat).MatchString(s); got != want {
			t.Fatalf("glob %q on %q = %v, regexp says %v", pat, s, got, want)
		}
		if strings.Contains(pat, "/") {
			return // CIDR values match differently
		}
		lp, ls := strings.ToLower(pat), strings.ToLower(s)
		if got, want := CompileSearch(pat).Match(s), globRegexp(lp).MatchString(ls); got != want {
			t.Fatalf("search %q on %q = %v, regexp says %v", pat, s, got, want)
		}
	})
}

// TestWildcardsLinear matches patterns that made a backtracking matcher
// take minutes against long values; the test's own timeout bounds them.
func TestWildcardsLinear(t *testing.T) {
	long := strings.Repeat("a", 1<<16)
	for _, p := range []string{"%a%a%a%b", "%a%a%a%a%a%a%a%a%a%a%b", "%a_a%a_%_a%b", "%" + strings.Repeat("_", 100) + "%b"} {
		if CompileLike(p).Match(long) {
			t.Errorf("like %q matched a run of a", p)
		}
		if !CompileLike(p).Match(long + "ab") {
			t.Errorf("like %q did not match a run of a then b", p)
		}
	}
	for _, p := range []string{"*a*a*a*b", "*A*a*A*a*A*a*b"} {
		if New(p).Match(long) || CompileSearch(p).Match(long) {
			t.Errorf("glob %q matched a run of a", p)
		}
	}
}
