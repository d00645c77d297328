package eval

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// topStage is `top|rare [N] [limit=N] [countfield=] [percentfield=]
// [showcount=] [showperc=] [useother=] [otherstr=] fields [by fields]`
// [D S-top, S-rare]: the most (top) or least (rare) common combinations of
// the fields' values, with their count and percent, per by-group.
//
//   - rows lacking a field (or a by field) are not counted; a multivalue
//     counts once per value (combinations: the cross product) [I];
//   - limit (default 10, 0 = all) applies per by-group; ties are broken by
//     value order [U];
//   - percent is the count over the group's counted rows, times 100,
//     printed with six decimals (33.333333) [I: as Splunk shows it];
//   - columns: by fields, fields, count, percent; rows by group (in value
//     order), then by count (descending for top, ascending for rare);
//   - useother=true adds a row per group with the fields set to otherstr
//     ("OTHER") counting the rest [D].
type topStage struct {
	loc                 ast.Span
	name_               string
	fields, by          []string
	limit               int
	countf, percf       string
	showCount, showPerc bool
	useOther            bool
	otherStr            string
}

func compileTop(c *ast.TopCommand, e *errs) stage {
	st := &topStage{loc: c.Loc, name_: c.Name, fields: c.Fields, by: c.By, limit: 10,
		countf: "count", percf: "percent", showCount: true, showPerc: true, otherStr: "OTHER"}
	if c.LimitSet {
		st.limit = c.Limit
	}
	nerr := len(e.list)
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "limit":
			if n, ok := intOption(o, c.Name, e); ok {
				st.limit = n
			}
		case "countfield":
			st.countf = v
		case "percentfield":
			st.percf = v
		case "showcount":
			st.showCount, _ = boolOption(o, c.Name, e)
		case "showperc":
			st.showPerc, _ = boolOption(o, c.Name, e)
		case "useother":
			st.useOther, _ = boolOption(o, c.Name, e)
		case "otherstr":
			st.otherStr = v
		default:
			e.addf(o.Loc, "unknown %s option %q", c.Name, o.Key)
		}
	}
	if len(c.Fields) == 0 {
		e.addf(c.Loc, "%s needs at least one field", c.Name)
	}
	for _, f := range append(slices.Clone(c.Fields), c.By...) {
		if strings.Contains(f, "*") {
			e.addf(c.Loc, "%s field %q: wildcards are not allowed", c.Name, f)
		}
	}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *topStage) name() string   { return s.name_ }
func (s *topStage) span() ast.Span { return s.loc }

type topCombo struct {
	vals  []Value
	count int
}

type topGroup struct {
	by     []Value
	combos map[string]*topCombo
	order  []*topCombo
	total  int
}

func (s *topStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	limit := DefaultMaxRows
	if env != nil && env.maxRows > 0 {
		limit = env.maxRows
	}
	combos := 0 // distinct combinations, held as rows until the limit= cut
	all := append(slices.Clone(s.by), s.fields...)
	cols := make([]int, len(all))
	for i, f := range all {
		cols[i] = in.col(f)
	}
	groups := map[string]*topGroup{}
	var gorder []*topGroup
	nb := len(s.by)
	for i, r := range in.rows {
		if i%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		parts := make([][]string, len(cols))
		ok := true
		for k, c := range cols {
			v := get(r, c)
			if v.IsNull() {
				ok = false
				break
			}
			parts[k] = uniqStrings(v.Strings())
		}
		if !ok {
			continue
		}
		// a row's multivalue fields are refused before their cross
		// product is built when it alone would pass the row limit
		n := 1
		for _, p := range parts {
			if len(p) > 0 && n > limit/len(p) {
				return nil, 0, limitAt(s.loc, "%s: the multivalue fields of one row make more than the limit of %d combinations", s.name_, limit)
			}
			n *= len(p)
		}
		over := false
		cross(parts, func(vals []string) {
			if over {
				return
			}
			gk := joinKey(strValues(vals[:nb]))
			g := groups[gk]
			if g == nil {
				g = &topGroup{by: strValues(vals[:nb]), combos: map[string]*topCombo{}}
				groups[gk] = g
				gorder = append(gorder, g)
			}
			ck := joinKey(strValues(vals[nb:]))
			cb := g.combos[ck]
			if cb == nil {
				if combos++; combos > limit {
					over = true
					return
				}
				cb = &topCombo{vals: strValues(vals[nb:])}
				g.combos[ck] = cb
				g.order = append(g.order, cb)
			}
			cb.count++
			g.total++
		})
		if over {
			return nil, 0, limitAt(s.loc, "%s made more than the limit of %d combinations", s.name_, limit)
		}
	}
	if err := sortStable(ctx, gorder, func(a, b *topGroup) int { return compareRow(a.by, b.by) }); err != nil {
		return nil, 0, err
	}
	out := &rowSet{fields: all}
	if s.showCount {
		out.fields = append(out.fields, s.countf)
	}
	if s.showPerc {
		out.fields = append(out.fields, s.percf)
	}
	for _, g := range gorder {
		combos := g.order
		err := sortStable(ctx, combos, func(a, b *topCombo) int {
			if a.count != b.count {
				if s.name_ == "rare" {
					return a.count - b.count
				}
				return b.count - a.count
			}
			return compareRow(a.vals, b.vals)
		})
		if err != nil {
			return nil, 0, err
		}
		shown := combos
		if s.limit > 0 && len(combos) > s.limit {
			shown = combos[:s.limit]
		}
		rest := g.total
		for _, cb := range shown {
			out.rows = append(out.rows, s.row(g, cb.vals, cb.count))
			rest -= cb.count
		}
		if s.useOther && len(shown) < len(combos) {
			other := make([]Value, len(s.fields))
			for i := range other {
				other[i] = Str(s.otherStr)
			}
			out.rows = append(out.rows, s.row(g, other, rest))
		}
	}
	if out.rows == nil {
		out.rows = []Row{}
	}
	return out, len(in.rows), nil
}

func (s *topStage) row(g *topGroup, vals []Value, count int) Row {
	row := make(Row, 0, len(g.by)+len(vals)+2)
	row = append(row, g.by...)
	row = append(row, vals...)
	if s.showCount {
		row = append(row, Num(float64(count)))
	}
	if s.showPerc {
		p := float64(count) * 100 / float64(g.total)
		row = append(row, numText(p, strconv.FormatFloat(p, 'f', 6, 64)))
	}
	return row
}

// cross calls f with every combination of one value from each part.
func cross(parts [][]string, f func([]string)) {
	cur := make([]string, len(parts))
	var rec func(int)
	rec = func(i int) {
		if i == len(parts) {
			f(cur)
			return
		}
		for _, p := range parts[i] {
			cur[i] = p
			rec(i + 1)
		}
	}
	rec(0)
}

func strValues(ss []string) []Value {
	out := make([]Value, len(ss))
	for i, s := range ss {
		out[i] = Str(s)
	}
	return out
}

// compareRow orders value lists by collateValues, first most significant.
func compareRow(a, b []Value) int {
	for i := range min(len(a), len(b)) {
		if c := collateValues(a[i], b[i]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}
