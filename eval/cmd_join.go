package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// joinStage is `join [type=inner|left|outer] [max=N] [overwrite=bool]
// [usetime=false] [fields] [subsearch]` [D S-join]:
//
//   - the subsearch runs over the main search's input; at most 50,000 of
//     its rows are joined ([join] subsearch_maxout) [D];
//   - join fields: the listed ones, or every field both sides have (in the
//     main results' column order) [D]; values compare exactly, as strings
//     (case-sensitive; a multivalue as its values joined by newlines) [I];
//     a row lacking a join field matches nothing [I];
//   - type=inner (default) keeps only main rows with a match; left and
//     outer (the same in Splunk [D]) keep the others unchanged;
//   - max=N (default 1) joins each main row with its first N matching
//     subsearch rows in subsearch order, one output row each; max=0 means
//     all [D];
//   - overwrite=true (default): a subsearch value replaces the main row's
//     value of the same field; overwrite=false keeps the main value. A
//     null never overwrites [I];
//   - output: main rows in order, columns the main ones then the
//     subsearch's new ones.
//
// usetime=true, earlier= and the SPL2 form (left=L right=R where ...) are
// not supported.
type joinStage struct {
	loc       ast.Span
	sub       *Program
	fields    []string
	outer     bool
	max       int
	overwrite bool
}

func compileJoin(c *ast.JoinCommand, opts *Options, e *errs) stage {
	st := &joinStage{loc: c.Loc, fields: c.Fields, max: 1, overwrite: true}
	nerr := len(e.list)
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "type":
			switch strings.ToLower(o.Value.Value()) {
			case "inner":
			case "left", "outer":
				st.outer = true
			default:
				e.addf(o.Loc, "join type=%s: the type must be inner, left or outer", o.Value.Value())
			}
		case "max":
			if n, ok := intOption(o, "join", e); ok {
				if n < 0 {
					e.addf(o.Loc, "join max=%d: must not be negative", n)
				}
				st.max = n
			}
		case "overwrite":
			st.overwrite, _ = boolOption(o, "join", e)
		case "usetime":
			if b, ok := boolOption(o, "join", e); ok && b {
				e.unsupported(o.Loc, "join usetime=true is not supported yet")
			}
		case "earlier":
			boolOption(o, "join", e)
		case "left", "right", "where":
			e.unsupported(o.Loc, "join %s= (the aliased join form) is not supported yet", o.Key)
		default:
			e.addf(o.Loc, "unknown join option %q", o.Key)
		}
	}
	for _, f := range c.Fields {
		if strings.Contains(f, "*") {
			e.addf(c.Loc, "join field %q: wildcards are not allowed", f)
		}
	}
	st.sub = compileSub(c.Subsearch, c.Loc, opts, e)
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *joinStage) name() string      { return "join" }
func (s *joinStage) span() ast.Span    { return s.loc }
func (s *joinStage) readsEvents() bool { return s.sub.ReadsEvents() }

func (s *joinStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	right, err := runSub(ctx, env, s.sub, nil, joinMaxout)
	if err != nil {
		return nil, 0, err
	}
	keys := s.fields
	if len(keys) == 0 {
		for _, f := range in.fields {
			if right.col(f) >= 0 {
				keys = append(keys, f)
			}
		}
	}
	lcols, rcols := make([]int, len(keys)), make([]int, len(keys))
	for i, k := range keys {
		lcols[i], rcols[i] = in.col(k), right.col(k)
	}
	// Index the subsearch rows by key.
	index := map[string][]Row{}
	if len(keys) > 0 {
		for _, r := range right.rows {
			if k, ok := joinKeyOf(r, rcols); ok {
				index[k] = append(index[k], r)
			}
		}
	}
	// Output columns: the main ones, then the subsearch's new ones.
	out := &rowSet{fields: append([]string(nil), in.fields...)}
	isKey := map[string]bool{}
	for _, k := range keys {
		isKey[k] = true
	}
	type colMap struct{ from, to int }
	var copyCols []colMap
	for i, f := range right.fields {
		if isKey[f] {
			continue
		}
		c := out.col(f)
		if c < 0 {
			out.fields = append(out.fields, f)
			c = len(out.fields) - 1
			out.idx[f] = c
		}
		copyCols = append(copyCols, colMap{from: i, to: c})
	}
	n := len(out.fields)
	for i, l := range in.rows {
		if i%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		var matches []Row
		if k, ok := joinKeyOf(l, lcols); ok && len(keys) > 0 {
			matches = index[k]
		}
		if s.max > 0 && len(matches) > s.max {
			matches = matches[:s.max]
		}
		if len(matches) == 0 {
			if s.outer {
				out.rows = append(out.rows, widen(l, n))
			}
			continue
		}
		for _, r := range matches {
			row := widen(l, n)
			for _, m := range copyCols {
				v := get(r, m.from)
				if v.IsNull() {
					continue
				}
				if s.overwrite || row[m.to].IsNull() {
					row[m.to] = v
				}
			}
			out.rows = append(out.rows, row)
			if len(out.rows) > env.maxRows {
				return nil, 0, limitAt(s.loc, "join produced more than the limit of %d rows", env.maxRows)
			}
		}
	}
	return out, len(in.rows), nil
}

// joinKeyOf is the join key of row r over cols; false when a join field is
// null or missing.
func joinKeyOf(r Row, cols []int) (string, bool) {
	var b strings.Builder
	for i, c := range cols {
		v := get(r, c)
		if v.IsNull() {
			return "", false
		}
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(v.String())
	}
	return b.String(), true
}

// widen returns a fresh copy of r with n columns.
func widen(r Row, n int) Row {
	nr := make(Row, n)
	copy(nr, r)
	return nr
}
