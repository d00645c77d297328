package eval

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// fieldsummaryColumns are fieldsummary's output columns [D S-fieldsummary
// "Usage": field, count, distinct_count, is_exact, max, mean, min,
// numeric_count, stdev, values].
var fieldsummaryColumns = []string{"field", "count", "distinct_count", "is_exact", "max", "mean", "min", "numeric_count", "stdev", "values"}

// compileFieldsummary is `fieldsummary [maxvals=<num>] [<wc-field-list>]`
// [D S-fieldsummary: "generates summary information for all or a subset
// of the fields"; maxvals "the maximum distinct values to return for each
// field", default 100]: one row per field, by name [U], internal fields
// (_time, _raw, ...) only when listed by name [U]:
//
//   - count: results with the field; distinct_count: distinct values,
//     is_exact 1 (spelunk counts exactly) [I]; a multivalue contributes
//     each value [U];
//   - numeric_count, and over the numeric values min, max, mean and stdev
//     (sample; none for fewer than two values [U]);
//   - values: a JSON array of {"value":...,"count":N}, most frequent first
//     (ties by value), at most maxvals [U: the order].
func compileFieldsummary(c *ast.SimpleCommand, e *errs) stage {
	maxvals := 100
	for _, o := range c.Options {
		if !strings.EqualFold(o.Key, "maxvals") {
			e.addf(o.Loc, "unknown fieldsummary option %q", o.Key)
			return nil
		}
		n, ok := intOption(o, "fieldsummary", e)
		if !ok || n < 0 {
			return nil
		}
		maxvals = n
	}
	var globs []glob.Glob
	for _, a := range c.Args {
		globs = append(globs, glob.New(a.Value()))
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		var names []string
		var cols []int
		if len(globs) == 0 {
			for i, f := range in.fields {
				if !isInternal(f) {
					names, cols = append(names, f), append(cols, i)
				}
			}
		} else {
			names, cols = selectFields(in, globs, false)
		}
		order := make([]int, len(names))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(names[a], names[b]) })
		out := &rowSet{fields: fieldsummaryColumns}
		t := &ticker{ctx: ctx}
		for _, i := range order {
			row, err := summarizeField(t, in, names[i], cols[i], maxvals)
			if err != nil {
				return nil, err
			}
			if row != nil {
				out.rows = append(out.rows, row)
			}
		}
		return out, nil
	}}
}

// summarizeField is one fieldsummary row; nil when no result has the field.
func summarizeField(t *ticker, in *rowSet, name string, col, maxvals int) (Row, error) {
	count := 0
	counts := map[string]int{}
	var vals []string
	var nums []float64
	for _, r := range in.rows {
		if err := t.tick(); err != nil {
			return nil, err
		}
		v := get(r, col)
		if v.IsNull() {
			continue
		}
		count++
		for _, s := range v.Strings() {
			if counts[s] == 0 {
				vals = append(vals, s)
			}
			counts[s]++
			if f, ok := parseNumber(s); ok {
				nums = append(nums, f)
			}
		}
	}
	if count == 0 {
		return nil, nil
	}
	slices.SortStableFunc(vals, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return collateValues(Str(a), Str(b))
	})
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range vals {
		if maxvals > 0 && i >= maxvals {
			break
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"value":`)
		writeJSONString(&b, s)
		b.WriteString(`,"count":` + strconv.Itoa(counts[s]) + "}")
	}
	b.WriteByte(']')
	row := Row{Str(name), Num(float64(count)), Num(float64(len(vals))), Num(1), Null(), Null(), Null(), Num(float64(len(nums))), Null(), Str(b.String())}
	if len(nums) > 0 {
		lo, hi, sum := nums[0], nums[0], 0.0
		for _, f := range nums {
			lo, hi, sum = math.Min(lo, f), math.Max(hi, f), sum+f
		}
		mean := sum / float64(len(nums))
		row[4], row[5], row[6] = Num(hi), Num(mean), Num(lo)
		if len(nums) > 1 {
			ss := 0.0
			for _, f := range nums {
				ss += (f - mean) * (f - mean)
			}
			row[8] = Num(math.Sqrt(ss / float64(len(nums)-1)))
		}
	}
	return row, nil
}
