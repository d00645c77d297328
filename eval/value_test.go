package eval

import (
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
)

func TestValueString(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{Null(), ""},
		{Str("x"), "x"},
		{Num(1700000000), "1700000000"},
		{Num(28), "28"},
		{Num(3.9900000000000055), "3.9900000000000055"},
		{Num(1e21), "1000000000000000000000"},
		{Num(-0.5), "-0.5"},
		{Multi("a", "b"), "a\nb"},
		{Multi("a"), "a"},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.v, got, tt.want)
		}
	}
	if Multi("a").IsMulti() || !Multi("a", "b").IsMulti() || !Multi().IsNull() {
		t.Error("Multi normalisation")
	}
	if got := Multi("a", "b").Strings(); len(got) != 2 || Null().Strings() != nil || len(Num(1).Strings()) != 1 {
		t.Errorf("Strings: %v", got)
	}
	for s, ok := range map[string]bool{"1": true, "-1.5": true, ".5": true, "1e3": true, "1.0": true, "abc": false, "": false, " 1": false, "0x1": false, "nan": false, "1e": false, "-": false} {
		if _, got := Str(s).Float(); got != ok {
			t.Errorf("Float(%q) ok = %v", s, got)
		}
	}
}

func TestErrorString(t *testing.T) {
	if got := (&Error{Span: ast.Span{Start: 7, End: 9}, Msg: "bad"}).Error(); got != "offset 7: bad" {
		t.Error(got)
	}
	if got := (&Error{Span: ast.Span{Start: ast.NoPos, End: ast.NoPos}, Msg: "bad"}).Error(); got != "bad" {
		t.Error(got)
	}
}
