package eval

import (
	"context"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// inputlookupStage is `| inputlookup [append=t] [start=N] [max=N] table
// [where <search expr>]` [D S-inputlookup], also `| from inputlookup:t`
// and `| from lookup:t`: the table's rows as results, columns in file
// order, empty cells null. start= skips the first N rows (0-based), max=
// keeps at most N (Splunk's default is 1,000,000,000: all). where filters
// with search-command semantics (case-insensitive, wildcards) [D]. With
// append=t the rows follow the current results instead of replacing them
// and the command may appear anywhere; without it it must come first.
// strict= is accepted.
type inputlookupStage struct {
	loc      ast.Span
	table    string
	resolver LookupResolver
	appendTo bool
	start    int
	max      int // <0: all
	where    *searchStage
}

func compileInputlookup(c *ast.InputlookupCommand, first bool, opts *Options, e *errs) stage {
	st := &inputlookupStage{loc: c.Loc, table: c.Table, resolver: opts.Lookups, max: -1}
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "append":
			b, ok := ParseBool(v)
			if !ok {
				e.addf(o.Loc, "inputlookup append=%s: not a boolean", v)
			}
			st.appendTo = b
		case "start", "max":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				e.addf(o.Loc, "inputlookup %s=%s: not a count", o.Key, v)
			}
			if strings.EqualFold(o.Key, "start") {
				st.start = n
			} else {
				st.max = n
			}
		case "strict":
			if _, ok := ParseBool(v); !ok {
				e.addf(o.Loc, "inputlookup strict=%s: not a boolean", v)
			}
		default:
			e.unsupported(o.Loc, "inputlookup option %s is not supported yet", o.Key)
		}
	}
	if !first && !st.appendTo {
		e.addf(c.Loc, "inputlookup must be the first command of the search unless append=true")
		return nil
	}
	if c.Where != nil {
		ws, ok := compileSearch(&ast.SearchCommand{Loc: c.Loc, Expr: c.Where}, e).(*searchStage)
		if !ok {
			return nil
		}
		st.where = ws
	}
	checkLookup(c.Loc, c.Table, opts.Lookups, e)
	if first {
		return inputlookupGen{st}
	}
	return st
}

func (s *inputlookupStage) name() string   { return "inputlookup" }
func (s *inputlookupStage) span() ast.Span { return s.loc }

func (s *inputlookupStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	t, err := resolveLookup(s.loc, s.table, s.resolver)
	if err != nil {
		return nil, 0, err
	}
	rs := lookupRows(t, s.start, s.max)
	if s.where != nil {
		if rs, _, err = s.where.run(ctx, env, rs); err != nil {
			return nil, 0, err
		}
	}
	if !s.appendTo || in == nil {
		return rs, 0, nil
	}
	return appendLookupRows(in, rs), len(in.rows), nil
}

// lookupRows turns table rows [start, start+max) into a rowSet.
func lookupRows(t *LookupTable, start, max int) *rowSet {
	rs := &rowSet{fields: t.Columns()}
	end := len(t.rows)
	if max >= 0 && start+max < end {
		end = start + max
	}
	for r := start; r < end; r++ {
		row := make(Row, len(t.cols))
		for c := range t.cols {
			if v, ok := t.cell(int32(r), c); ok {
				row[c] = Str(v)
			}
		}
		rs.rows = append(rs.rows, row)
	}
	return rs
}

// appendLookupRows returns a's rows followed by b's, over the union of their
// columns (a's first).
func appendLookupRows(a, b *rowSet) *rowSet {
	out := &rowSet{fields: append([]string(nil), a.fields...), rows: a.rows}
	cols := out.addFields(b.fields...)
	for _, br := range b.rows {
		row := make(Row, len(out.fields))
		for i, c := range cols {
			row[c] = br[i]
		}
		out.rows = append(out.rows, row)
	}
	return out
}

// inputlookupGen is an inputlookup that starts the search: a generating
// stage.
type inputlookupGen struct{ *inputlookupStage }

func (inputlookupGen) generates() {}
