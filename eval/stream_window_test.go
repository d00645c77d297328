package eval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// streamRef computes streamstats' windowed aggregates the direct way:
// for each row, the rows of its group in the window, aggregated afresh.
func streamRef(t *testing.T, in *rowSet, aggs []string, window int, global, current bool) [][]string {
	t.Helper()
	gcol, xcol := in.index("g"), in.index("x")
	type ent struct {
		g   string
		idx int
	}
	var out [][]string
	var hist []ent // rows seen, oldest first
	for i, row := range in.rows {
		g := row[gcol].String()
		var win []ent
		if current {
			hist = append(hist, ent{g, i})
		}
		if global {
			from := max(len(hist)-window, 0)
			for _, e := range hist[from:] {
				if e.g == g {
					win = append(win, e)
				}
			}
		} else {
			var mine []ent
			for _, e := range hist {
				if e.g == g {
					mine = append(mine, e)
				}
			}
			win = mine[max(len(mine)-window, 0):]
		}
		if !current {
			hist = append(hist, ent{g, i})
		}
		var res []string
		for _, a := range aggs {
			k, ok := lookupAgg(a)
			if !ok {
				t.Fatalf("no aggregate %s", a)
			}
			st := k.make()
			for _, e := range win {
				if v := in.rows[e.idx][xcol]; !v.IsNull() {
					st.add(v, float64(e.idx))
				}
			}
			res = append(res, st.result().String())
		}
		out = append(out, res)
	}
	return out
}

// TestStreamstatsWindowReference checks the sliding-window aggregates
// against aggregating each window afresh, over random numbers, strings
// and multivalues.
func TestStreamstatsWindowReference(t *testing.T) {
	aggs := []string{"count", "dc", "values", "sum", "avg", "sumsq", "min", "max", "range", "first", "last", "median", "stdev"}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 40 {
		n := 1 + rng.IntN(120)
		var recs []rec
		for range n {
			r := rec{"g": fmt.Sprint("g", rng.IntN(3))}
			switch rng.IntN(6) {
			case 0: // no x
			case 1:
				r["x"] = []string{fmt.Sprint(rng.IntN(9)), fmt.Sprint(rng.IntN(9))}
			case 2:
				r["x"] = fmt.Sprint("s", rng.IntN(5))
			default:
				r["x"] = float64(rng.IntN(40)-20) / 2
			}
			recs = append(recs, r)
		}
		window := 1 + rng.IntN(10)
		global, current := rng.IntN(2) == 0, rng.IntN(3) > 0
		var parts []string
		for _, a := range aggs {
			parts = append(parts, fmt.Sprintf("%s(x) as %s", a, a))
		}
		q := fmt.Sprintf("streamstats window=%d global=%v current=%v %s by g", window, global, current, strings.Join(parts, " "))
		in := rowsOf([]string{"g", "x"}, recs...)
		want := streamRef(t, rowsOf([]string{"g", "x"}, recs...), aggs, window, global, current)
		got, err := runPipe(t, q, in)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range got.rows {
			for k, a := range aggs {
				g := row[got.index(a)].String()
				if g != want[i][k] && !nearlyEqual(g, want[i][k]) {
					t.Fatalf("trial %d (%s), row %d: %s = %q, want %q", trial, q, i, a, g, want[i][k])
				}
			}
		}
	}
}

// nearlyEqual reports whether a and b are numbers within rounding.
func nearlyEqual(a, b string) bool {
	x, ok1 := parseNumber(a)
	y, ok2 := parseNumber(b)
	return ok1 && ok2 && math.Abs(x-y) <= 1e-9*max(1, math.Abs(y))
}

func TestStreamstatsWindows(t *testing.T) {
	newestFirst := []rec{{"_time": 40.0}, {"_time": 30.0}, {"_time": 20.0}, {"_time": 10.0}, {"_time": 0.0}}
	oldestFirst := []rec{{"_time": 0.0}, {"_time": 10.0}, {"_time": 20.0}, {"_time": 30.0}, {"_time": 40.0}}
	byX := []rec{{"x": "a"}, {"x": "b"}, {"x": "a"}, {"x": "a"}, {"x": "b"}}
	for _, tc := range []struct {
		name, q string
		in      []rec
		fields  []string
		want    []string
	}{
		// [D S-streamstats] time_window needs events in ascending or
		// descending time order; the default order is newest first.
		{"time window newest first", "streamstats time_window=15s count", newestFirst, []string{"_time"}, []string{"1", "2", "2", "2", "2"}},
		{"time window oldest first", "streamstats time_window=15s count", oldestFirst, []string{"_time"}, []string{"1", "2", "2", "2", "2"}},
		{"time window and window", "streamstats time_window=25s window=2 count", newestFirst, []string{"_time"}, []string{"1", "2", "2", "2", "2"}},
		{"time window current=false", "streamstats time_window=15s current=false count", newestFirst, []string{"_time"}, []string{"0", "1", "1", "1", "1"}},
		// [D S-streamstats] global=true (default): one window of the last
		// N rows, aggregated over those of the row's group.
		{"window global", "streamstats window=2 count by x", byX, []string{"x"}, []string{"1", "1", "1", "2", "1"}},
		{"window per group", "streamstats window=2 global=false count by x", byX, []string{"x"}, []string{"1", "1", "2", "2", "2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := runPipe(t, tc.q, rowsOf(tc.fields, tc.in...))
			if err != nil {
				t.Fatal(err)
			}
			var counts []string
			for _, r := range got.rows {
				counts = append(counts, r[got.index("count")].String())
			}
			if d := diff(tc.want, counts); d != "" {
				t.Errorf("count (-want +got):\n%s", d)
			}
		})
	}
}
