package query

import (
	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
)

// rowFilter is the ingest.RowFilter for loading dataset files
// (ingest.Options.Dataset) for searches: a row is stored only when the
// where clause of some read of the dataset by the searches (tstats, at any
// depth) keeps it (eval.TableFilter). It is nil, store every row, unless
// every read of the dataset by every search is known before they run and
// each has a where clause a row alone decides; also when no search reads
// the dataset.
func rowFilter(dataset string, searches []*Search) *ingest.RowFilter {
	ds, ok := cim.LookupDataset(dataset)
	if dataset == "" || !ok || len(searches) == 0 {
		return nil
	}
	name := ds.FullName()
	var fs []*eval.TableFilter
	for _, s := range searches {
		if s == nil || s.Program == nil || s.Query == nil {
			return nil
		}
		tf, reads, ok := s.Program.TableFilters()
		// every command reading a table must be one the program lists
		if !ok || reads != countTableReads(s.Query) {
			return nil
		}
		f, reads1 := tf[name]
		if !reads1 {
			continue
		}
		if f == nil {
			return nil
		}
		fs = append(fs, f)
	}
	u := eval.AnyTableFilter(fs...)
	if u == nil {
		return nil
	}
	return &ingest.RowFilter{
		Fields: u.Fields(),
		Keep: func(vals []string, set []bool, time float64) bool {
			return u.Keep(eval.TableRow{Values: vals, Set: set, Time: time})
		},
	}
}

// countTableReads counts the commands of q, subsearches included, that
// read data-model datasets (as readsDataModels finds them).
func countTableReads(q *ast.Query) int {
	n := 0
	ast.Inspect(q, func(x ast.Node) bool {
		switch c := x.(type) {
		case *ast.TstatsCommand, *ast.DatamodelCommand:
			n++
		case *ast.FromCommand:
			if c.Kind == "datamodel" {
				n++
			}
		}
		return true
	})
	return n
}
