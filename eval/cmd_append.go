package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// appendStage is `append [maxout=N] [subsearch]` and `appendcols
// [override=bool] [maxout=N] [subsearch]` [D S-append, S-appendcols]:
//
//   - append: the current results, then the subsearch's (at most maxout,
//     default 50,000); columns are the union, current ones first;
//   - appendcols: the subsearch's first row is merged into the first
//     current row, the second into the second, ...; internal fields
//     (leading '_') of the subsearch are left out [D]; a field both have
//     keeps the current value unless override=true [D]; subsearch rows
//     beyond the current ones are added as rows of their own [I].
//
// extendtimerange=, maxtime= and timeout= are accepted and change nothing
// (see subsearch.go: no time limits, no search time range).
type appendStage struct {
	loc      ast.Span
	cols     bool // appendcols
	override bool
	maxout   int
	sub      *Program
}

func compileAppend(c *ast.AppendCommand, opts *Options, e *errs) stage {
	st := &appendStage{loc: c.Loc, cols: c.Name == "appendcols", maxout: appendMaxout}
	nerr := len(e.list)
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "maxout":
			if n, ok := intOption(o, c.Name, e); ok {
				st.maxout = n
			}
		case "override":
			if !st.cols {
				e.addf(o.Loc, "unknown %s option %q", c.Name, o.Key)
				continue
			}
			st.override, _ = boolOption(o, c.Name, e)
		case "extendtimerange":
			boolOption(o, c.Name, e)
		case "maxtime", "timeout":
			intOption(o, c.Name, e)
		default:
			e.addf(o.Loc, "unknown %s option %q", c.Name, o.Key)
		}
	}
	st.sub = compileSub(c.Subsearch, c.Loc, opts, e)
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *appendStage) name() string {
	if s.cols {
		return "appendcols"
	}
	return "append"
}
func (s *appendStage) span() ast.Span    { return s.loc }
func (s *appendStage) readsEvents() bool { return s.sub.ReadsEvents() }

func (s *appendStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	sub, err := runSub(ctx, env, s.sub, nil, s.maxout)
	if err != nil {
		return nil, 0, err
	}
	if !s.cols {
		return appendRows(in, sub), len(in.rows), nil
	}
	return appendCols(in, sub, s.override), len(in.rows), nil
}

// appendCols merges sub's rows into in's, row by row.
func appendCols(in, sub *rowSet, override bool) *rowSet {
	out := &rowSet{fields: append([]string(nil), in.fields...)}
	out.col("") // build the index
	to := make([]int, len(sub.fields))
	for i, f := range sub.fields {
		if isInternal(f) {
			to[i] = -1
			continue
		}
		c := out.col(f)
		if c < 0 {
			out.fields = append(out.fields, f)
			c = len(out.fields) - 1
			out.idx[f] = c
		}
		to[i] = c
	}
	n := len(out.fields)
	rows := max(len(in.rows), len(sub.rows))
	out.rows = make([]Row, rows)
	for i := range rows {
		var row Row
		if i < len(in.rows) {
			row = widen(in.rows[i], n)
		} else {
			row = make(Row, n)
		}
		if i < len(sub.rows) {
			for c, v := range sub.rows[i] {
				if c >= len(to) || to[c] < 0 || v.IsNull() {
					continue
				}
				if override || row[to[c]].IsNull() {
					row[to[c]] = v
				}
			}
		}
		out.rows[i] = row
	}
	return out
}

// appendpipeStage is `appendpipe [run_in_preview=bool] [subpipeline]`
// [D S-appendpipe]: runs the subpipeline over a copy of the current
// results and appends its output to them.
type appendpipeStage struct {
	loc ast.Span
	sub *Program
}

func compileAppendpipe(c *ast.AppendpipeCommand, opts *Options, e *errs) stage {
	nerr := len(e.list)
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "run_in_preview":
			boolOption(o, "appendpipe", e)
		default:
			e.addf(o.Loc, "unknown appendpipe option %q", o.Key)
		}
	}
	st := &appendpipeStage{loc: c.Loc, sub: compileSub(c.Pipeline, c.Loc, opts, e)}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *appendpipeStage) name() string      { return "appendpipe" }
func (s *appendpipeStage) span() ast.Span    { return s.loc }
func (s *appendpipeStage) readsEvents() bool { return s.sub.nestedReadsEvents() }

func (s *appendpipeStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	sub, err := runSub(ctx, env, s.sub, copyRows(in), 0)
	if err != nil {
		return nil, 0, err
	}
	return appendRows(in, sub), len(in.rows), nil
}
