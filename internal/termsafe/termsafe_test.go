package termsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, line, text string }{
		{"plain C:\\Windows\\a.exe é 日本", "plain C:\\Windows\\a.exe é 日本", "plain C:\\Windows\\a.exe é 日本"},
		{"\x1b]0;pwned\x07", `\x1b]0;pwned\x07`, `\x1b]0;pwned\x07`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`, `\x1b[2J\x1b[H`},
		{"a\nb\tc\rd", `a\nb\tc\rd`, "a\nb\tc\\rd"},
		{"nul\x00del\x7f", `nul\x00del\x7f`, `nul\x00del\x7f`},
		{"c1 \u009b31m \u0085", `c1 \u009b31m \u0085`, `c1 \u009b31m \u0085`},
		{"bidi \u202egnp.exe\u202c \u2066x\u2069 \u200f", `bidi \u202egnp.exe\u202c \u2066x\u2069 \u200f`, `bidi \u202egnp.exe\u202c \u2066x\u2069 \u200f`},
		{"bad \xff\xfe utf8 \x9b", `bad \xff\xfe utf8 \x9b`, `bad \xff\xfe utf8 \x9b`},
		{"sep\u2028x", `sep\u2028x`, `sep\u2028x`},
		{"", "", ""},
	} {
		if got := Line(tc.in); got != tc.line {
			t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.line)
		}
		if got := Text(tc.in); got != tc.text {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.text)
		}
	}
}

// FuzzLine checks that nothing a terminal interprets survives Line, and
// that text needing no escape is returned unchanged.
func FuzzLine(f *testing.F) {
	for _, s := range []string{"", "abc", "\x1b[31m", "\u202e", "\xff", "a\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Line(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Line(%q) = %q is not UTF-8", s, got)
		}
		for _, r := range got {
			if needs(r, utf8.RuneLen(r), false) {
				t.Fatalf("Line(%q) = %q keeps %U", s, got, r)
			}
		}
		if !strings.ContainsAny(s, "\\") && got == s && Text(s) != s {
			t.Fatalf("Text escapes %q which Line keeps", s)
		}
	})
}

func BenchmarkLinePlain(b *testing.B) {
	s := strings.Repeat("C:\\Windows\\System32\\cmd.exe /c whoami ", 8)
	b.ReportAllocs()
	for b.Loop() {
		_ = Line(s)
	}
}
