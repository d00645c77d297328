package eval

import (
	"context"
	"errors"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// Subsearches [D S-subsearch, Search Manual "About subsearches"]:
//
//   - every bracketed search (join, append, appendcols, [ ... ] in a search
//     expression) and every pipeline run by appendpipe, foreach and map is
//     compiled into a Program of its own;
//   - a subsearch runs before the command that holds it, at run time, over
//     the same Input as the main search (the same tables and events: a
//     subsearch reads the same data as the main search), never over the
//     main search's current results (appendpipe and foreach do that);
//   - its results are cut to the command's row limit (maxout): 10,000 for
//     [ ... ] in a search expression ([subsearch] maxout in limits.conf),
//     50,000 for join, append and appendcols ([join] subsearch_maxout and
//     the documented maxout default); extra rows are dropped silently, as
//     Splunk does;
//   - Splunk's time limits (maxtime=60 s, timeout=) are not applied: a
//     local run must give the same rows on any machine [decision]; the
//     options are accepted and ignored, and ctx still cancels;
//   - nesting is limited to maxSubsearchDepth levels (Splunk documents no
//     limit; the bound keeps map and foreach from recursing forever).

// maxSubsearchDepth bounds the nesting of subsearches and sub-pipelines.
const maxSubsearchDepth = 10

// Row limits of subsearches (Splunk's limits.conf defaults).
const (
	subsearchMaxout = 10_000 // [subsearch] maxout: [ ... ] in a search expression
	joinMaxout      = 50_000 // [join] subsearch_maxout
	appendMaxout    = 50_000 // append/appendcols maxout= default
)

// compileSub compiles a nested query with the options of its parent, one
// level deeper. It reports errors to e (their spans are offsets of the same
// search text) and returns nil after an error.
func compileSub(q *ast.Query, loc ast.Span, opts *Options, e *errs) *Program {
	if q == nil {
		e.addf(loc, "missing subsearch")
		return nil
	}
	child, ok := childOptions(opts)
	if !ok {
		e.addf(loc, "subsearches are nested more than %d deep", maxSubsearchDepth)
		return nil
	}
	p, err := Compile(q, child)
	if err != nil {
		addCompileErr(e, loc, err)
		return nil
	}
	return p
}

// childOptions returns opts one nesting level deeper; false past the limit.
func childOptions(opts *Options) (Options, bool) {
	var child Options
	if opts != nil {
		child = *opts
	}
	child.depth++
	return child, child.depth <= maxSubsearchDepth
}

// addCompileErr copies the errors of a nested Compile into e.
func addCompileErr(e *errs, loc ast.Span, err error) {
	var list ErrorList
	var one *Error
	switch {
	case errors.As(err, &list):
		for _, x := range list {
			e.add(x)
		}
	case errors.As(err, &one):
		e.add(one)
	default:
		e.addf(loc, "%v", err)
	}
}

// runSub runs p as a subsearch: over the input of the main search, or over
// in when in is not nil (appendpipe, foreach: the current results). It
// returns at most maxout rows (0: no limit).
func runSub(ctx context.Context, env *runEnv, p *Program, in *rowSet, maxout int) (*rowSet, error) {
	child := &runEnv{input: env.input, tables: env.tables}
	if env.input != nil {
		child.tables = env.input.Tables
	}
	switch {
	case in != nil:
		child.records = in
	case p.leadsWithEvents():
		if env.input == nil {
			return nil, &Error{Span: p.span(), Code: diag.CodeUnsupported,
				Msg: "this subsearch searches events, but the search was run without events"}
		}
		// A fresh copy (stages may change the rows they read in place) of
		// only the events the subsearch's own leading command keeps, with
		// only the columns it can read, as for the main search.
		if rs, n, ok := env.input.Prepared.rowsFor(p); ok {
			child.records, child.recordsIn = rs, n
		} else {
			child.records, child.recordsIn = env.input.eventRowsFor(p)
		}
	}
	res, err := p.run(ctx, child)
	if err != nil {
		return nil, err
	}
	rows := res.Rows
	if maxout > 0 && len(rows) > maxout {
		rows = rows[:maxout]
	}
	return &rowSet{fields: res.Fields, rows: rows}, nil
}

// span is where the program's commands were written.
func (p *Program) span() ast.Span {
	if p == nil || len(p.stages) == 0 {
		return ast.Span{Start: ast.NoPos, End: ast.NoPos}
	}
	return ast.Span{Start: p.stages[0].span().Start, End: p.stages[len(p.stages)-1].span().End}
}

// copyRows returns a deep copy of rs (fresh rows, same values), for a
// sub-pipeline that may change the rows it reads.
func copyRows(rs *rowSet) *rowSet {
	out := &rowSet{fields: append([]string(nil), rs.fields...), rows: make([]Row, len(rs.rows))}
	for i, r := range rs.rows {
		nr := make(Row, len(rs.fields))
		copy(nr, r)
		out.rows[i] = nr
	}
	return out
}

// appendRows returns a's rows followed by b's, with the union of their
// fields (a's first, then b's new ones, in order).
func appendRows(a, b *rowSet) *rowSet {
	out := &rowSet{fields: append([]string(nil), a.fields...), idx: map[string]int{}}
	for i, f := range out.fields {
		if _, dup := out.idx[f]; !dup {
			out.idx[f] = i
		}
	}
	bcols := make([]int, len(b.fields))
	for i, f := range b.fields {
		c, ok := out.idx[f]
		if !ok {
			c = len(out.fields)
			out.fields = append(out.fields, f)
			out.idx[f] = c
		}
		bcols[i] = c
	}
	n := len(out.fields)
	out.rows = make([]Row, 0, len(a.rows)+len(b.rows))
	for _, r := range a.rows {
		if len(r) < n {
			nr := make(Row, n)
			copy(nr, r)
			r = nr
		}
		out.rows = append(out.rows, r)
	}
	for _, r := range b.rows {
		nr := make(Row, n)
		for i, v := range r {
			if i < len(bcols) && !v.IsNull() {
				nr[bcols[i]] = v
			}
		}
		out.rows = append(out.rows, nr)
	}
	return out
}

// intOption reads a non-negative integer option value.
func intOption(o ast.Option, cmd string, e *errs) (int, bool) {
	v := strings.TrimSpace(o.Value.Value())
	n := 0
	if v == "" {
		e.addf(o.Loc, "%s option %s needs a number", cmd, o.Key)
		return 0, false
	}
	neg := false
	if v[0] == '-' {
		neg, v = true, v[1:]
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' || n > 1<<30 {
			e.addf(o.Loc, "%s option %s: %q is not an integer", cmd, o.Key, o.Value.Value())
			return 0, false
		}
		n = n*10 + int(v[i]-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// boolOption reads a boolean option value.
func boolOption(o ast.Option, cmd string, e *errs) (bool, bool) {
	b, ok := ParseBool(o.Value.Value())
	if !ok {
		e.addf(o.Loc, "%s option %s: %q is not a boolean", cmd, o.Key, o.Value.Value())
	}
	return b, ok
}

// nestedReadsEvents reports whether a subsearch of p (join, append, map,
// [...], at any depth) reads the input events.
func (p *Program) nestedReadsEvents() bool {
	if p == nil {
		return false
	}
	for _, st := range p.stages {
		if s, ok := st.(subsearcher); ok && s.readsEvents() {
			return true
		}
	}
	return false
}
