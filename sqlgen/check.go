package sqlgen

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/detections"
)

// DetectionSQL is the outcome of compiling one detection to SQL.
type DetectionSQL struct {
	Name, File string
	// Runnable: the interpreter compiles the search; only runnable
	// detections are compiled to SQL.
	Runnable bool
	// Tstats: the search starts with tstats.
	Tstats bool
	// Compiled: the SQL generator compiled it; otherwise Err says why
	// and where (a *query.SearchError of stage "sql").
	Compiled bool
	Err      error
}

// Summary counts detections: sql_compiled and sql_refused are among
// the runnable ones.
type Summary struct {
	Runnable       int `json:"sql_runnable"`
	RunnableTstats int `json:"sql_runnable_tstats"`
	Compiled       int `json:"sql_compiled"`
	CompiledTstats int `json:"sql_compiled_tstats"`
	Refused        int `json:"sql_refused"`
}

// Check compiles every detection of content (deprecated ones skipped)
// that the interpreter can run to SQL in the given dialect.
func Check(ctx context.Context, content *detections.Content, opts Options) ([]DetectionSQL, Summary, error) {
	ds, _, err := content.Detections()
	if err != nil {
		return nil, Summary{}, err
	}
	if opts.Lookups == nil && content.Env != nil {
		opts.Lookups = content.Env.EvalOptions().Lookups
	}
	var out []DetectionSQL
	var sum Summary
	for _, d := range ds {
		if err := ctx.Err(); err != nil {
			return nil, Summary{}, err
		}
		if d.Deprecated() {
			continue
		}
		r := DetectionSQL{Name: d.Name, File: d.File}
		s, err := content.Compile(d)
		if err != nil || s == nil || s.Query == nil {
			out = append(out, r)
			continue
		}
		r.Runnable = true
		r.Tstats = startsWithTstats(s.Query)
		sum.Runnable++
		if r.Tstats {
			sum.RunnableTstats++
		}
		if _, err := Generate(s.Query, opts); err != nil {
			r.Err = Locate(s, err)
			sum.Refused++
		} else {
			r.Compiled = true
			sum.Compiled++
			if r.Tstats {
				sum.CompiledTstats++
			}
		}
		out = append(out, r)
	}
	return out, sum, nil
}

func startsWithTstats(q *ast.Query) bool {
	if len(q.Commands) == 0 {
		return false
	}
	_, ok := q.Commands[0].(*ast.TstatsCommand)
	return ok
}
