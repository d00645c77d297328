package eval

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
)

// datasetStage returns a data-model dataset's rows as events:
//
//   - `| from datamodel:Endpoint.Processes` (also `from datamodel
//     Endpoint.Processes`) [D S-from: "from datamodel" retrieves a data
//     model dataset]: fields without the dataset prefix (process_name,
//     dest), as security_content's `| from datamodel Web.Web | stats count
//     by dest, url` reads them [I from the corpus], and `datamodel M D
//     flat` likewise [D S-datamodel: flat mode drops the hierarchy];
//   - `| datamodel Endpoint Processes search` [D S-datamodel]: the same rows
//     with the fields prefixed by the dataset name (Processes.process_name),
//     as tstats names them.
//
// _time comes first, then the table's fields in name order. Rows come
// newest first, as an event search returns events [D S-statsref
// (spl_semantics.md §9): "search output is newest-first, so first ≈ most
// recent"]: by _time descending, rows of the same _time
// in the table's order [U], so head, first() and last() after them agree
// with Splunk's. A model with one root dataset
// may be named alone (`from datamodel:Network_Resolution`). Child datasets,
// the JSON-returning forms (`| datamodel`, `| datamodel Endpoint`) and the
// *_string / acceleration_search modes are not supported.
type datasetStage struct {
	loc     ast.Span
	cmd     string
	dataset string
	prefix  string // "" or "Processes."
}

func (s *datasetStage) name() string   { return s.cmd }
func (s *datasetStage) span() ast.Span { return s.loc }
func (*datasetStage) generates()       {}

// compileFrom compiles `from <kind>:<name>`.
// It must be the first command (PositionFirst, checked by compileCommand).
func compileFrom(c *ast.FromCommand, opts *Options, e *errs) stage {
	switch c.Kind {
	case "datamodel":
		return compileDataset(c.Loc, "from", c.Name, false, e)
	case "inputlookup", "lookup":
		checkLookup(c.Loc, c.Name, opts.Lookups, e)
		return inputlookupGen{&inputlookupStage{loc: c.Loc, table: c.Name, resolver: opts.Lookups, max: -1}}
	case "savedsearch":
		e.refused(c.Loc, "from savedsearch:%s is refused: not supported locally: it runs a saved search stored on a Splunk server", c.Name)
		return nil
	}
	e.unsupported(c.Loc, "from %s: is not supported yet (known: datamodel, inputlookup, lookup)", c.Kind)
	return nil
}

// compileDatamodel compiles `datamodel M D search|flat`.
// It must be the first command (PositionFirst, checked by compileCommand).
func compileDatamodel(c *ast.DatamodelCommand, e *errs) stage {
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "summariesonly", "allow_old_summaries", "strict_fields":
			if _, ok := ParseBool(o.Value.Value()); !ok {
				e.addf(o.Loc, "datamodel %s=%s: not a boolean", o.Key, o.Value.Value())
			}
		default:
			e.unsupported(o.Loc, "datamodel option %s is not supported yet", o.Key)
		}
	}
	if c.Model == "" || c.Dataset == "" || (c.Mode != "search" && c.Mode != "flat") {
		e.unsupported(c.Loc, "datamodel is supported as `datamodel <model> <dataset> search` or `... flat` (the JSON and search-string forms are not)")
		return nil
	}
	return compileDataset(c.Loc, "datamodel", c.Model+"."+c.Dataset, c.Mode == "search", e)
}

func compileDataset(loc ast.Span, cmd, name string, prefixed bool, e *errs) stage {
	ds, ok := cim.LookupDataset(name)
	if !ok {
		var known []string
		for _, d := range cim.Datasets() {
			known = append(known, d.FullName())
		}
		model, _, _ := strings.Cut(name, ".")
		if slices.Contains(cimModels, model) || slices.Contains(cim.Models(), model) {
			e.unsupported(loc, "data model dataset %q is not supported yet (known: %s)", name, strings.Join(known, ", "))
		} else {
			e.addf(loc, "unknown data model dataset %q (known: %s)", name, strings.Join(known, ", "))
		}
		return nil
	}
	st := &datasetStage{loc: loc, cmd: cmd, dataset: ds.FullName()}
	if prefixed {
		st.prefix = ds.Name + "."
	}
	return st
}

func (s *datasetStage) run(ctx context.Context, env *runEnv, _ *rowSet) (*rowSet, int, error) {
	t := env.tables[s.dataset]
	if t == nil {
		t = cim.NewBuilder(s.dataset).Table()
	}
	names := t.Fields()
	out := &rowSet{fields: make([]string, 0, len(names)+1)}
	out.fields = append(out.fields, fieldTime)
	cols := make([]*cim.Column, len(names))
	for i, n := range names {
		out.fields = append(out.fields, s.prefix+n)
		cols[i] = t.Column(n)
	}
	times := t.Times()
	order := make([]int, t.Len())
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(times[b], times[a]) })
	out.rows = make([]Row, t.Len())
	for k, r := range order {
		if k%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		row := make(Row, len(out.fields))
		row[0] = Num(times[r])
		for i, c := range cols {
			if v, ok := c.Value(r); ok {
				row[i+1] = Str(v)
			}
		}
		out.rows[k] = row
	}
	return out, t.Len(), nil
}
