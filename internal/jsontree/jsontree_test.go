package jsontree

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	n, err := Parse(` {"b": [1, "x\u0041", null], "a": {"k":true}, "b": -2.5e1} `)
	if err != nil {
		t.Fatal(err)
	}
	if n.Kind != Object || !reflect.DeepEqual(n.Keys, []string{"b", "a", "b"}) {
		t.Fatalf("root: kind %c keys %q", n.Kind, n.Keys)
	}
	arr := n.Kids[0]
	if arr.Kind != Array || arr.Text != `[1, "x\u0041", null]` || len(arr.Kids) != 3 {
		t.Errorf("array: %+v", arr)
	}
	if k := arr.Kids[1]; k.Kind != String || k.Text != "xA" {
		t.Errorf("string: %+v", k)
	}
	if k := arr.Kids[2]; k.Kind != Literal || k.Text != "null" {
		t.Errorf("null: %+v", k)
	}
	if k := n.Kids[1]; k.Text != `{"k":true}` || k.Kids[0].Text != "true" {
		t.Errorf("object: %+v", k)
	}
	if k := n.Kids[2]; k.Kind != Literal || k.Text != "-2.5e1" {
		t.Errorf("number: %+v", k)
	}
}

func TestParseErrors(t *testing.T) {
	for _, s := range []string{"", "{", `{"a"}`, `{"a":1,}`, `[1 2]`, `"open`, `tru`, `{} x`, `0x1`,
		strings.Repeat("[", MaxDepth+2) + strings.Repeat("]", MaxDepth+2)} {
		if _, err := Parse(s); !errors.Is(err, ErrNotJSON) {
			t.Errorf("Parse(%q) = %v, want ErrNotJSON", s, err)
		}
	}
	// SPL's decimal syntax is a little wider than JSON's.
	for _, s := range []string{"+1", ".5", "1."} {
		if n, err := Parse(s); err != nil || n.Text != s {
			t.Errorf("Parse(%q) = %v, %v", s, n, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":"c"}]}`, `[]`, `"\ud800"`, `{"a":`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			return
		}
		if n.Kind == Object && len(n.Keys) != len(n.Kids) {
			t.Fatalf("%q: %d keys, %d values", s, len(n.Keys), len(n.Kids))
		}
	})
}
