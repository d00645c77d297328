// Package export writes data-model datasets (cim.Table) as Parquet files
// that SQL engines read as the tables package sqlgen compiles searches
// for.
//
// Layout: DIR/<dataset>/day=YYYY-MM-DD/part-0.parquet, one directory per
// UTC day of _time (Hive partitioning: DuckDB reads a dataset with
// read_parquet('DIR/Endpoint.Processes/*/*.parquet', hive_partitioning =
// true), ClickHouse with s3/file table functions over the same glob).
// Columns: _time DOUBLE (epoch seconds), _seq INT64 (the row's position in
// its table, which earliest()/latest() use to break ties), then one
// optional string column per field (sqlgen/duckrun.Columns: builtin,
// declared, then the other fields the table has). A data-model table holds
// one string per field and row, as the interpreter reads it, so fields the
// model declares multivalue are written as strings too.
//
// Rows are written day by day through one writer at a time, which buffers
// at most one row group (Options.RowGroupRows rows), so memory beyond the
// table itself is bounded by one row group and an index of row numbers.
package export

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/sqlgen/duckrun"
)

// Options configure the export.
type Options struct {
	// RowGroupRows is the most rows a row group holds (and a writer
	// buffers); 0 means 65,536.
	RowGroupRows int
}

// File is one written Parquet file.
type File struct {
	Dataset string
	Day     string // YYYY-MM-DD (UTC); "none" for rows whose _time is not finite
	Path    string
	Rows    int
}

// Tables writes every table under dir, datasets in name order.
func Tables(dir string, tables cim.Tables, opts Options) ([]File, error) {
	names := make([]string, 0, len(tables))
	for n := range tables {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []File
	for _, n := range names {
		fs, err := Table(dir, tables[n], opts)
		if err != nil {
			return out, err
		}
		out = append(out, fs...)
	}
	return out, nil
}

// day is the UTC day of epoch seconds t.
func day(t float64) string {
	if math.IsNaN(t) || math.IsInf(t, 0) || math.Abs(t) > 1e13 {
		return "none"
	}
	return time.Unix(int64(math.Floor(t)), 0).UTC().Format("2006-01-02")
}

// Table writes one table, one file per UTC day of _time.
func Table(dir string, t *cim.Table, opts Options) ([]File, error) {
	rg := opts.RowGroupRows
	if rg <= 0 {
		rg = 65536
	}
	cols := duckrun.Columns(t.Dataset(), t)
	fields := parquet.Group{
		"_time": parquet.Leaf(parquet.DoubleType),
		"_seq":  parquet.Int(64),
	}
	for _, c := range cols {
		fields[c] = parquet.Optional(parquet.String())
	}
	schema := parquet.NewSchema(t.Dataset(), fields)
	// Column order of the schema (a Group orders its fields by name).
	order := schema.Columns()
	colOf := make([]*cim.Column, len(order))
	kind := make([]byte, len(order)) // 't' _time, 's' _seq, 'v' value
	for i, path := range order {
		switch name := path[0]; name {
		case "_time":
			kind[i] = 't'
		case "_seq":
			kind[i] = 's'
		default:
			kind[i] = 'v'
			colOf[i] = t.Column(name)
		}
	}
	// Row numbers grouped by day, in table order within a day.
	times := t.Times()
	idx := make([]int, t.Len())
	days := make([]string, t.Len())
	for i := range idx {
		idx[i], days[i] = i, day(times[i])
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case days[a] < days[b]:
			return -1
		case days[a] > days[b]:
			return 1
		}
		return 0
	})
	var files []File
	for start := 0; start < len(idx); {
		end := start
		for end < len(idx) && days[idx[end]] == days[idx[start]] {
			end++
		}
		f, err := writeDay(dir, t, schema, kind, colOf, idx[start:end], days[idx[start]], rg)
		if err != nil {
			return files, err
		}
		files = append(files, f)
		start = end
	}
	return files, nil
}

func writeDay(dir string, t *cim.Table, schema *parquet.Schema, kind []byte, colOf []*cim.Column, rows []int, d string, rg int) (File, error) {
	sub := filepath.Join(dir, t.Dataset(), "day="+d)
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return File{}, err
	}
	path := filepath.Join(sub, "part-0.parquet")
	f, err := os.Create(path)
	if err != nil {
		return File{}, err
	}
	w := parquet.NewWriter(f, schema, parquet.MaxRowsPerRowGroup(int64(rg)), parquet.Compression(&zstd.Codec{}))
	times := t.Times()
	batch := make([]parquet.Row, 0, min(rg, len(rows)))
	flush := func() error {
		if _, err := w.WriteRows(batch); err != nil {
			return err
		}
		batch = batch[:0]
		return nil
	}
	for _, r := range rows {
		row := make(parquet.Row, len(kind))
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
						row[i] = parquet.ValueOf(v).Level(0, 1, i)
					}
				}
			}
		}
		batch = append(batch, row)
		if len(batch) == cap(batch) {
			if err := flush(); err != nil {
				f.Close()
				return File{}, fmt.Errorf("export %s: %w", path, err)
			}
		}
	}
	if err := flush(); err != nil {
		f.Close()
		return File{}, fmt.Errorf("export %s: %w", path, err)
	}
	if err := w.Close(); err != nil {
		f.Close()
		return File{}, fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return File{}, err
	}
	return File{Dataset: t.Dataset(), Day: d, Path: path, Rows: len(rows)}, nil
}
