package export

import (
	"sort"

	"github.com/spelunk-dev/spelunk/cim"
)

// Table writes one whole table with a TableWriter: one file per UTC day
// of _time (a table of more than maxOpenDays days, rows in any order, may
// give a day more parts).
func Table(dir string, t *cim.Table, opts Options) ([]File, error) {
	return Tables(dir, cim.Tables{t.Dataset(): t}, opts)
}

// Tables writes every table with one TableWriter, datasets in name order.
func Tables(dir string, tables cim.Tables, opts Options) ([]File, error) {
	names := make([]string, 0, len(tables))
	for n := range tables {
		names = append(names, n)
	}
	sort.Strings(names)
	w := NewTableWriter(dir, opts)
	for _, n := range names {
		if err := w.Add(tables[n]); err != nil {
			w.Close()
			return nil, err
		}
	}
	return w.Close()
}
