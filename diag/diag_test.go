package diag

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAt(t *testing.T) {
	cases := []struct {
		text string
		off  int
		want string
		line int
		col  int
	}{
		{"abc", 0, "f:1:1", 1, 1},
		{"abc", 2, "f:1:3", 1, 3},
		{"abc", 3, "f:1:4", 1, 4},
		{"abc", 99, "f:1:4", 1, 4},
		{"abc", -5, "f:1:1", 1, 1},
		{"a\nbc", 3, "f:2:2", 2, 2},
		{`x="é" | y`, 8, "f:1:8", 1, 8},    // é is two bytes, one character
		{`x="é" | y`, 4, "f:1:4", 1, 4},    // inside é: that character
		{"日本\n語x", 10, "f:2:2", 2, 2},      // after a three-byte character
		{"\t| a", 2, "f:1:3", 1, 3},        // a tab is one character
		{"a\r\nb", 3, "f:2:1", 2, 1},       // CRLF: the line starts after \n
		{"", 0, "f:1:1", 1, 1},             // empty text
		{"x=\"\xff\" y", 6, "f:1:7", 1, 7}, // invalid UTF-8 counts a byte each
	}
	for _, tc := range cases {
		p := At("f", tc.text, tc.off)
		if p.String() != tc.want || p.Line != tc.line || p.Col != tc.col {
			t.Errorf("At(%q, %d) = %+v (%s), want %s", tc.text, tc.off, p, p, tc.want)
		}
		if got := OffsetOf(tc.text, p.Line, p.Col); got != p.Offset {
			t.Errorf("OffsetOf(%q, %d, %d) = %d, want %d", tc.text, p.Line, p.Col, got, p.Offset)
		}
	}
}

func TestPosString(t *testing.T) {
	cases := []struct {
		p    Pos
		want string
	}{
		{Pos{File: "a.yml", Line: 7, Col: 42}, "a.yml:7:42"},
		{Pos{Line: 1, Col: 3}, "1:3"},
		{Pos{File: "a.yml", Line: 2}, "a.yml:2"},
		{Pos{File: "a.yml"}, "a.yml"},
		{Pos{}, ""},
	}
	for _, tc := range cases {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.p, got, tc.want)
		}
	}
	if !(Pos{}).IsZero() || (Pos{Line: 1}).IsZero() {
		t.Error("IsZero")
	}
}

func TestCaret(t *testing.T) {
	long := strings.Repeat("a", 120) + "X" + strings.Repeat("b", 120)
	cases := []struct {
		name string
		text string
		off  int
		want string
	}{
		{"start", "| tstats", 0, " | | tstats\n | ^"},
		{"middle", "| tstats count frm x", 15, " | | tstats count frm x\n |                ^"},
		{"end", "| stats count by", 16, " | | stats count by\n |                 ^"},
		{"multibyte before", `x="é" | stats`, 9, " | x=\"é\" | stats\n |         ^"},
		{"three-byte before", "日本 | x", 9, " | 日本 | x\n |      ^"},
		{"tabs kept", "\t| a\tb", 5, " | \t| a\tb\n | \t   \t^"},
		{"second line", "a\n| b c\nd", 6, " | | b c\n |     ^"},
		{"crlf", "| a\r\nb", 2, " | | a\n |   ^"},
		{"clamped", "ab", 10, " | ab\n |   ^"},
		{"negative", "ab", -1, " | ab\n | ^"},
		{"long line cut", long, 120, " | ..." + strings.Repeat("a", 50) + "X" + strings.Repeat("b", 49) + "...\n |" + strings.Repeat(" ", 54) + "^"},
		{"long line head", long, 3, " | " + long[:100] + "...\n |    ^"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Caret(tc.text, tc.off); got != tc.want {
				t.Errorf("Caret(%q, %d) =\n%s\nwant\n%s", tc.text, tc.off, got, tc.want)
			}
		})
	}
}

func TestCaretAt(t *testing.T) {
	text := "name: x\nsearch: '| a=\"é\" | b'\n"
	off := strings.Index(text, "| b")
	p := At("x.yml", text, off)
	if p.String() != "x.yml:2:18" {
		t.Fatalf("At: %s", p)
	}
	want := Caret(text, off)
	if got := CaretAt(text, Pos{File: "x.yml", Line: 2, Col: 18}); got != want {
		t.Errorf("CaretAt by line and column:\n%s\nwant\n%s", got, want)
	}
	if got := CaretAt(text, Pos{Offset: off}); got != want {
		t.Errorf("CaretAt by offset:\n%s\nwant\n%s", got, want)
	}
}

func TestCodes(t *testing.T) {
	seen := map[Code]bool{}
	classes := map[Class]bool{ClassInvalid: true, ClassUnsupported: true, ClassRefused: true, ClassLimit: true, ClassIO: true, ClassInternal: true}
	for _, c := range Codes() {
		if seen[c] {
			t.Errorf("duplicate %s", c)
		}
		seen[c] = true
		in, ok := Lookup(c)
		if !ok || !strings.HasPrefix(string(c), "spl_") || !classes[in.Class] {
			t.Errorf("%s: %+v", c, in)
		}
		if d := c.Description(); d == "" || !strings.HasSuffix(d, ".") || in.RaisedBy == "" || in.Example == "" {
			t.Errorf("%s: incomplete description %+v", c, in)
		}
	}
	if Code("spl_nope").Description() != "" || Code("").Class() != ClassInvalid {
		t.Error("unknown code")
	}
	if CodeRefused.Class() != ClassRefused || CodeUnsupportedFunc.Class() != ClassUnsupported || CodeLimitExceeded.Class() != ClassLimit {
		t.Error("classes")
	}
}

func FuzzCaret(f *testing.F) {
	f.Add("| search x=\"é\" | stats count by", 20)
	f.Add("a\n\tb\r\nc", 4)
	f.Fuzz(func(t *testing.T, text string, off int) {
		s := Caret(text, off)
		top, caret, ok := strings.Cut(s, "\n")
		if !ok || !strings.HasPrefix(top, " | ") || !strings.HasPrefix(caret, " | ") || !strings.HasSuffix(caret, "^") || strings.Count(s, "\n") != 1+strings.Count(top, "\n") {
			if !strings.Contains(text, "\n") || strings.Count(s, "\n") != 1 {
				t.Fatalf("Caret(%q, %d) = %q", text, off, s)
			}
		}
		if n := utf8.RuneCountInString(caret); n > utf8.RuneCountInString(top)+1 {
			t.Fatalf("caret past the line: %q", s)
		}
		p := At("", text, off)
		if p.Line < 1 || p.Col < 1 {
			t.Fatalf("At(%q, %d) = %+v", text, off, p)
		}
	})
}
