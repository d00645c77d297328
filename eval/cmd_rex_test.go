package eval

import "testing"

func TestRexRegexp2PathByteOffsets(t *testing.T) {
	// A lookahead forces regexp2; non-ASCII text before the match checks
	// the rune → byte offset conversion.
	in := rowsOf([]string{"_raw"}, rec{"_raw": "é→ user=ann; user=bo"})
	out, err := runPipe(t, `rex max_match=0 offset_field=o "user=(?<u>\w+)(?=;|$)"`, in)
	if err != nil {
		t.Fatal(err)
	}
	got := records(out.fields, out.rows)
	if d := diff([]map[string]Value{{"_raw": Str("é→ user=ann; user=bo"), "u": Multi("ann", "bo"), "o": Str("u=11-13&u=21-22")}}, got); d != "" {
		t.Fatal(d)
	}
}

func TestRexKeyValPairs(t *testing.T) {
	in := rowsOf([]string{"_raw"}, rec{"_raw": "a=1 b=2"})
	out, err := runPipe(t, `rex max_match=0 "(?<_KEY_1>\w+)=(?<_VAL_1>\d+)"`, in)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff([]map[string]Value{{"_raw": Str("a=1 b=2"), "a": Str("1"), "b": Str("2")}}, records(out.fields, out.rows)); d != "" {
		t.Fatal(d)
	}
}

func TestSedErrors(t *testing.T) {
	for _, q := range []string{
		`rex mode=sed "x/a/b/"`,
		`rex mode=sed "s/a/b"`,
		`rex mode=sed "s/a/b/q"`,
		`rex mode=sed "y/ab/c/"`,
		`rex mode=sed "s/(/b/"`,
		`rex mode=other "s/a/b/"`,
		`rex "(?<x"`,
	} {
		if _, err := runPipe(t, q, rowsOf([]string{"_raw"})); err == nil {
			t.Errorf("%s: want a compile error", q)
		}
	}
}

func TestSedEscapedDelimiter(t *testing.T) {
	in := rowsOf([]string{"p"}, rec{"p": "C:/Windows/x"}, rec{"p": []string{"a/b", "c"}})
	out, err := runPipe(t, `rex field=p mode=sed "s/\//\\\\/g"`, in)
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]Value{{"p": Str(`C:\Windows\x`)}, {"p": Multi(`a\b`, "c")}}
	if d := diff(want, records(out.fields, out.rows)); d != "" {
		t.Fatal(d)
	}
}
