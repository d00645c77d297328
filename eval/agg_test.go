package eval

import (
	"math"
	"testing"
)

// TestAggregates feeds each aggregate the values of one group (null
// entries are skipped as the stats commands skip them) and checks the
// result.
func TestAggregates(t *testing.T) {
	nan := math.NaN()
	mv := Multi("b", "a")
	in := []Value{Str("10"), Null(), Str("9"), mv, Str("x"), Num(100)}
	times := []float64{5, 1, 3, 4, 2, 6}
	tests := []struct {
		fn   string
		in   []Value
		want any
	}{
		{"count", in, "6"}, // per value: 10, 9, b, a, x, 100
		{"c", nil, "0"},
		{"dc", in, "6"}, {"distinct_count", []Value{Str("1"), Str("1.0"), Str("1")}, "2"}, {"estdc", nil, "0"},
		{"values", in, []string{"10", "100", "9", "a", "b", "x"}}, {"values", nil, nil},
		{"list", in, []string{"10", "9", "b", "a", "x", "100"}}, {"list", nil, nil},
		{"min", in, "9"}, {"max", in, "100"}, {"min", []Value{Str("b"), Str("a")}, "a"}, {"max", nil, nil},
		{"sum", in, "119"}, {"sum", []Value{Str("x")}, nil},
		{"avg", in, "39.666666666666664"}, {"mean", []Value{Num(1), Num(2)}, "1.5"}, {"avg", nil, nil},
		{"range", in, "91"}, {"sumsq", []Value{Num(3), Num(4)}, "25"},
		{"stdev", []Value{Num(2), Num(4), Num(4), Num(4), Num(5), Num(5), Num(7), Num(9)}, "2.138089935299395"},
		{"stdevp", []Value{Num(2), Num(4), Num(4), Num(4), Num(5), Num(5), Num(7), Num(9)}, "2"},
		{"var", []Value{Num(1), Num(3)}, "2"}, {"varp", []Value{Num(1), Num(3)}, "1"}, {"var", []Value{Num(1)}, "0"}, {"stdev", nil, nil},
		{"median", []Value{Num(3), Num(1), Num(2)}, "2"}, {"median", []Value{Num(4), Num(1), Num(3), Num(2)}, "3"}, {"median", nil, nil},
		{"perc50", []Value{Num(1), Num(2), Num(3), Num(4)}, "2.5"}, {"p90", []Value{Num(1), Num(2), Num(3), Num(4), Num(5), Num(6), Num(7), Num(8), Num(9), Num(10), Num(11)}, "10"},
		{"exactperc0", []Value{Num(5), Num(1)}, "1"}, {"upperperc50", []Value{Num(1), Num(2), Num(3), Num(4)}, "3"}, {"perc99", nil, nil},
		{"mode", []Value{Str("a"), Str("b"), Str("b"), Str("a")}, "a"}, {"mode", in, "10"}, {"mode", nil, nil},
		{"first", in, "10"}, {"last", in, "100"}, {"first", []Value{mv}, []string{"b", "a"}}, {"last", nil, nil},
		{"earliest", in, "x"}, {"latest", in, "100"}, {"earliest_time", in, "2"}, {"latest_time", in, "6"}, {"earliest", nil, nil},
		{"rate", []Value{Num(10), Num(20), Num(40)}, "7.5"}, {"rate", nil, nil},
	}
	for _, tt := range tests {
		k, ok := lookupAgg(tt.fn)
		if !ok {
			t.Errorf("%s: unknown", tt.fn)
			continue
		}
		st := k.make()
		for i, v := range tt.in {
			if v.IsNull() {
				continue
			}
			tm := nan
			if i < len(times) {
				tm = times[i]
			}
			if tt.fn == "rate" {
				tm = []float64{0, 2, 4}[i]
			}
			st.add(v, tm)
		}
		got := st.result()
		var gotAny any
		switch {
		case got.IsNull():
		case got.IsMulti():
			gotAny = got.Strings()
		default:
			gotAny = got.String()
		}
		if d := diff(tt.want, gotAny); d != "" {
			t.Errorf("%s(%v) (-want +got):\n%s", tt.fn, tt.in, d)
		}
	}
	for _, bad := range []string{"perc", "p", "perc101", "frob", "pxx"} {
		if _, ok := lookupAgg(bad); ok {
			t.Errorf("%s: accepted", bad)
		}
	}
}
