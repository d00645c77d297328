package query

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/eval"
)

// Explanation says where a search's rows went: how many rows of its input
// satisfied each top-level term of the first command's filter, cumulatively
// in evaluation order, then each command's rows in and out. It shows which
// condition or command emptied a result.
type Explanation struct {
	// Input names what the first command reads: a data-model dataset
	// ("Endpoint.Processes") for tstats, "events" for a search.
	Input string `json:"input"`
	// InputRows is how many rows the input has (-1 when unknown).
	InputRows int `json:"input_rows"`
	// Terms are the filter's top-level AND terms in order; Rows counts the
	// rows satisfying that term and every term before it.
	Terms []TermCount `json:"terms"`
	// Commands are the whole search's commands with rows in and out (none
	// when it failed to run).
	Commands []CommandCount `json:"commands"`
	// Err is why the explanation is incomplete ("" when it is not).
	Err string `json:"error,omitempty"`
}

// TermCount is one term of an Explanation.
type TermCount struct {
	Term string `json:"term"` // canonical SPL of the term
	Rows int    `json:"rows"` // rows satisfying it and all earlier terms
}

// CommandCount is one command of an Explanation.
type CommandCount struct {
	Command string `json:"command"`
	RowsIn  int    `json:"rows_in"`
	RowsOut int    `json:"rows_out"`
}

// String renders the explanation on two lines: the input and the
// cumulative term counts ("Endpoint.Processes rows: 335; (a OR b): 8;
// c: 3"), then the commands ("tstats 335 -> 3 | rename 3 -> 3 | ...").
func (e *Explanation) String() string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	if e.Input != "" {
		fmt.Fprintf(&b, "%s rows: %d", e.Input, e.InputRows)
		for _, t := range e.Terms {
			fmt.Fprintf(&b, "; %s: %d", t.Term, t.Rows)
		}
		b.WriteByte('\n')
	}
	for i, c := range e.Commands {
		if i > 0 {
			b.WriteString(" | ")
		}
		fmt.Fprintf(&b, "%s %d -> %d", c.Command, c.RowsIn, c.RowsOut)
	}
	if len(e.Commands) > 0 {
		b.WriteByte('\n')
	}
	if e.Err != "" {
		b.WriteString("explain: " + e.Err + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Explain runs the search over data and counts, for the first command's
// filter (tstats' where clause or a search command's expression), the
// input rows that satisfy each top-level AND term cumulatively: term 1,
// term 1 AND term 2, ... Each count is a tiny query of its own —
// `| tstats count from datamodel=X where <terms>` or `search <terms>` —
// compiled with the search's options (the same clock) and run over the
// same input. A term that cannot run alone ends the counts with Err set.
// The error result is only for a cancelled ctx.
func (c *Search) Explain(ctx context.Context, data *Data) (*Explanation, error) {
	if c == nil || c.Program == nil {
		return nil, errors.New("query: Explain on a nil Search")
	}
	in := data.input()
	e := &Explanation{InputRows: -1, Terms: []TermCount{}, Commands: []CommandCount{}}
	res, err := c.Program.Exec(ctx, in)
	switch {
	case err == nil:
		for _, s := range res.Profile {
			e.Commands = append(e.Commands, CommandCount{Command: s.Command, RowsIn: s.RowsIn, RowsOut: s.RowsOut})
		}
	case ctx.Err() != nil:
		return nil, ctx.Err()
	default:
		e.Err = "running the search: " + err.Error()
	}
	if c.Query == nil || len(c.Query.Commands) == 0 {
		return e, nil
	}
	var (
		filter ast.SearchExpr
		probe  func(ast.SearchExpr) ast.Command
		count  func(*eval.Result) int
	)
	switch first := c.Query.Commands[0].(type) {
	case *ast.TstatsCommand:
		e.Input = first.Datamodel
		if e.Input == "" {
			e.Input = "tstats"
		}
		filter = first.Where
		probe = func(where ast.SearchExpr) ast.Command {
			return &ast.TstatsCommand{
				Options:    first.Options,
				Aggregates: []ast.Aggregate{{Func: "count", As: "count"}},
				Datamodel:  first.Datamodel,
				Where:      where,
			}
		}
		count = countColumn
	case *ast.SearchCommand:
		e.Input = "events"
		filter = first.Expr
		probe = func(expr ast.SearchExpr) ast.Command { return &ast.SearchCommand{Expr: expr} }
		count = func(r *eval.Result) int { return len(r.Rows) }
	default:
		return e, nil
	}
	n, err := c.probe(ctx, in, probe(nil), count)
	if err != nil {
		return c.explainErr(ctx, e, "counting the input", err)
	}
	e.InputRows = n
	terms := topTerms(filter)
	for i := range terms {
		var where ast.SearchExpr = terms[0]
		if i > 0 {
			where = &ast.SearchAnd{Terms: terms[:i+1]}
		}
		n, err := c.probe(ctx, in, probe(where), count)
		if err != nil {
			return c.explainErr(ctx, e, "counting "+terms[i].String(), err)
		}
		e.Terms = append(e.Terms, TermCount{Term: terms[i].String(), Rows: n})
	}
	return e, nil
}

func (c *Search) explainErr(ctx context.Context, e *Explanation, what string, err error) (*Explanation, error) {
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	msg := what + ": " + err.Error()
	if e.Err != "" {
		msg = e.Err + "; " + msg
	}
	e.Err = msg
	return e, nil
}

// probe compiles the one-command query cmd and runs it over in.
func (c *Search) probe(ctx context.Context, in eval.Input, cmd ast.Command, count func(*eval.Result) int) (int, error) {
	p, err := eval.Compile(&ast.Query{Commands: []ast.Command{cmd}}, c.opts)
	if err != nil {
		return 0, err
	}
	res, err := p.Exec(ctx, in)
	if err != nil {
		return 0, err
	}
	return count(res), nil
}

// countColumn reads the count of a `tstats count` result (no rows: 0).
func countColumn(r *eval.Result) int {
	if len(r.Rows) == 0 {
		return 0
	}
	for i, f := range r.Fields {
		if f == "count" {
			if v, ok := r.Rows[0][i].Float(); ok {
				return int(v)
			}
		}
	}
	return 0
}

// topTerms splits a filter into its top-level AND terms, looking through
// parentheses around the whole filter; nil for no filter.
func topTerms(e ast.SearchExpr) []ast.SearchExpr {
	for {
		g, ok := e.(*ast.SearchGroup)
		if !ok {
			break
		}
		e = g.Expr
	}
	switch x := e.(type) {
	case nil:
		return nil
	case *ast.SearchAnd:
		return x.Terms
	}
	return []ast.SearchExpr{e}
}
