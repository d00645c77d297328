package eval

import (
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// seriesOptions are the options chart and timechart share for the series
// of their split field [D S-chart, S-timechart]: limit=[top|bottom]N
// (default 10, 0 = all) keeps the N series with the largest (bottom: the
// smallest) sum of their aggregate values, ties by value; the others are
// summed into otherstr (default OTHER) when useother is true; results
// without the split field form the nullstr series (default NULL) when
// usenull is true, which the limit does not count [U].
type seriesOptions struct {
	limit    int
	bottom   bool
	useother bool
	usenull  bool
	nullstr  string
	otherstr string
}

// defaultSeriesOptions are Splunk's defaults.
func defaultSeriesOptions() seriesOptions {
	return seriesOptions{limit: 10, useother: true, usenull: true, nullstr: "NULL", otherstr: "OTHER"}
}

// parse reads o into s when it is one of the series options of cmd, and
// reports whether it was.
func (s *seriesOptions) parse(o ast.Option, cmd string, e *errs) bool {
	v := o.Value.Value()
	switch strings.ToLower(o.Key) {
	case "limit":
		l := strings.ToLower(v)
		if rest, ok := strings.CutPrefix(l, "bottom"); ok {
			s.bottom, l = true, rest
		}
		l = strings.TrimPrefix(l, "top")
		o.Value = ast.Literal{Raw: l}
		if n, ok := intOption(o, cmd, e); ok {
			s.limit = n
		}
	case "useother":
		s.useother, _ = boolOption(o, cmd, e)
	case "usenull":
		s.usenull, _ = boolOption(o, cmd, e)
	case "nullstr":
		s.nullstr = v
	case "otherstr":
		s.otherstr = v
	default:
		return false
	}
	return true
}

// choose splits the series values vals (in their order of appearance)
// into the series shown, in value order then the null series, and the
// others, by their totals.
func (s *seriesOptions) choose(vals []Value, totals map[string]float64) (series, others []string) {
	var ranked []Value
	hasNull := false
	for _, v := range vals {
		if s.usenull && v.String() == s.nullstr {
			hasNull = true
			continue
		}
		ranked = append(ranked, v)
	}
	slices.SortStableFunc(ranked, func(a, b Value) int {
		ta, tb := totals[a.String()], totals[b.String()]
		if s.bottom {
			ta, tb = -ta, -tb
		}
		switch {
		case ta > tb:
			return -1
		case ta < tb:
			return 1
		}
		return collateValues(a, b)
	})
	kept := ranked
	if s.limit > 0 && len(ranked) > s.limit {
		kept = ranked[:s.limit]
		for _, v := range ranked[s.limit:] {
			others = append(others, v.String())
		}
	}
	slices.SortStableFunc(kept, collateValues)
	for _, v := range kept {
		series = append(series, v.String())
	}
	if hasNull {
		series = append(series, s.nullstr)
	}
	return series, others
}
