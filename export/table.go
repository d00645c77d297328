package export

import (
	"github.com/parquet-go/parquet-go"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/sqlgen/duckrun"
)

// Table writes one table, one file per UTC day of _time.
func Table(dir string, t *cim.Table, opts Options) ([]File, error) {
	cols := duckrun.Columns(t.Dataset(), t)
	fields := parquet.Group{
		"_time": parquet.Leaf(parquet.DoubleType),
		"_seq":  parquet.Int(64),
	}
	for _, c := range cols {
		if duckrun.IsList(t.Dataset(), c) {
			fields[c] = parquet.Optional(parquet.List(parquet.String()))
		} else {
			fields[c] = parquet.Optional(parquet.String())
		}
	}
	schema := parquet.NewSchema(t.Dataset(), fields)
	// Leaf columns of the schema (a Group orders its fields by name).
	order := schema.Columns()
	colOf := make([]*cim.Column, len(order))
	kind := make([]byte, len(order)) // 't' _time, 's' _seq, 'v' value, 'l' list
	for i, path := range order {
		switch name := path[0]; name {
		case "_time":
			kind[i] = 't'
		case "_seq":
			kind[i] = 's'
		default:
			kind[i] = 'v'
			if len(path) > 1 {
				kind[i] = 'l'
			}
			colOf[i] = t.Column(name)
		}
	}
	times := t.Times()
	fill := func(r int, row parquet.Row) {
		for i, k := range kind {
			switch k {
			case 't':
				row[i] = parquet.ValueOf(times[r]).Level(0, 0, i)
			case 's':
				row[i] = parquet.ValueOf(int64(r)).Level(0, 0, i)
			default:
				row[i] = parquet.Value{}.Level(0, 0, i)
				if c := colOf[i]; c != nil {
					if v, ok := c.Value(r); ok {
						def := 1
						if k == 'l' {
							def = 2 // the list is there, and its one element
						}
						row[i] = parquet.ValueOf(v).Level(0, def, i)
					}
				}
			}
		}
	}
	return writeByDay(dir, t.Dataset(), schema, times, fill, opts.rowGroup())
}
