package duckrun

import (
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/cim"
)

// Config configures an Engine (OpenWith).
type Config struct {
	// MemoryLimit is DuckDB's memory_limit ("1GB", "512MB"); "" keeps
	// DuckDB's default (80% of the machine's memory). Operators that
	// can spill (sorts, aggregates, joins) use TempDir beyond it.
	MemoryLimit string
	// TempDir is where DuckDB spills; "" keeps its default.
	TempDir string
	// Threads is DuckDB's thread count; 0 keeps its default (the cores).
	Threads int
}

// builtin are the string fields every dataset table has besides its
// declared fields.
var builtin = []string{"host", "source", "sourcetype", "index"}

// Columns lists the string columns of dataset's SQL table: the builtin
// fields, the fields the data model declares, then the other fields t has
// (t may be nil), skipping names that collide without case (DuckDB's
// identifiers are case-insensitive). _time and _seq come first and are not
// listed.
func Columns(dataset string, t *cim.Table) []string {
	var cols []string
	seen := map[string]bool{"_time": true, "_seq": true}
	add := func(name string) {
		if k := strings.ToLower(name); !seen[k] {
			seen[k] = true
			cols = append(cols, name)
		}
	}
	for _, f := range builtin {
		add(f)
	}
	if ds, ok := cim.LookupDataset(dataset); ok {
		for _, f := range ds.Fields {
			add(f.Name)
		}
	}
	if t != nil {
		for _, f := range t.Fields() {
			add(f)
		}
	}
	return slices.Clip(cols)
}

// IsList reports whether field is a list column of dataset's SQL table:
// the fields the data model declares multivalue are VARCHAR[] (Parquet
// LIST of string), as sqlgen reads them; every other column is VARCHAR.
// A table row holds one value per field, so a list holds at most one.
func IsList(dataset, field string) bool {
	ds, ok := cim.LookupDataset(dataset)
	if !ok {
		return false
	}
	f, ok := ds.Field(field)
	return ok && f.Multivalue
}

// LoadTables is the Load of the engines (this package's and
// sqlgen/chserver's): create makes the table of each dataset of tables,
// then an empty one (t nil) for each name in also that has no table yet
// (has reports whether it does), as a search reading a dataset without
// rows gets an empty table, as the interpreter does.
func LoadTables(tables cim.Tables, also []string, has func(name string) bool, create func(name string, t *cim.Table) error) error {
	for name, t := range tables {
		if err := create(name, t); err != nil {
			return err
		}
	}
	for _, name := range also {
		if !has(name) {
			if err := create(name, nil); err != nil {
				return err
			}
		}
	}
	return nil
}
