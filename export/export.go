// Package export writes data-model datasets (cim.Table) as Parquet files
// that SQL engines read as the tables package sqlgen compiles searches
// for.
//
// Layout: DIR/<dataset>/day=YYYY-MM-DD/part-N.parquet, one directory per
// UTC day of _time (Hive partitioning: DuckDB reads a dataset with
// read_parquet('DIR/Endpoint.Processes/*/*.parquet', hive_partitioning =
// true), ClickHouse with s3/file table functions over the same glob). A
// day has several parts when its rows came in pieces far apart or a
// later piece brought a new field (TableWriter); readers union the parts
// by column name.
//
// Columns: _time DOUBLE (epoch seconds), _seq INT64 (the row's position in
// its dataset's stream of rows, which earliest()/latest() use to break
// ties), then one optional column per field (sqlgen/duckrun.Columns:
// builtin, declared, then the other fields the rows so far have): a
// string, or for the fields the data model declares multivalue
// (duckrun.IsList) a LIST of strings. A
// data-model table holds one value per field and row, as the interpreter
// reads it, so such a list holds one value; SQL reads it with Splunk's
// multivalue semantics (field=value when any value matches).
//
// The raw events (EventWriter, Events) are
// DIR/events/day=YYYY-MM-DD/part-N.parquet: _time, _seq (the event's
// position in the stream written; a search reads newest first, ties in
// that order), _raw, and _fields, a MAP from every other field to its
// LIST of values (DuckDB
// reads it as MAP(VARCHAR, VARCHAR[]), the generator's events table). A
// map rather than one column per field: event fields are open-ended
// (thousands of names over Windows logs), which a wide Parquet schema
// handles badly, while a search reads a handful of them by key.
//
// Lookups (Lookups) are DIR/lookups/<name>.parquet: _seq (file order)
// and the CSV's columns as optional strings, empty cells null.
//
// The datasets stream: TableWriter takes a dataset's rows in pieces as a
// loader builds them (ingest.Options.Flush), so that an export holds one
// piece per dataset at a time, whatever the input's size, plus the rows
// its Parquet writers buffer, at most one row group (Options.RowGroupRows
// rows) per dataset. Table and Tables write whole tables through the same
// writer. EventWriter streams the raw events likewise, buffering one row
// group per open day file.
package export

import (
	"errors"
	"math"
	"time"
)

// Options configure the export.
type Options struct {
	// RowGroupRows is the most rows a row group holds (and a writer
	// buffers); 0 means 65,536.
	RowGroupRows int
}

// errNoWriter is the error of a nil writer, or one not made by
// NewTableWriter or NewEventWriter.
var errNoWriter = errors.New("export: no writer (make one with NewTableWriter or NewEventWriter)")

// File is one written Parquet file.
type File struct {
	Dataset string
	Day     string // YYYY-MM-DD (UTC); "none" for rows whose _time is not finite
	Path    string
	Rows    int
}

// noDay is the day number of a _time that is not finite.
const noDay = math.MinInt64

// dayOf is the UTC day number (days since the epoch) of epoch seconds t.
func dayOf(t float64) int64 {
	if math.IsNaN(t) || math.IsInf(t, 0) || math.Abs(t) > 1e13 {
		return noDay
	}
	return int64(math.Floor(t / 86400))
}

// dayName is a day number as YYYY-MM-DD, "none" for noDay.
func dayName(d int64) string {
	if d == noDay {
		return "none"
	}
	return time.Unix(d*86400, 0).UTC().Format("2006-01-02")
}

// rowGroup is the row-group size opts ask for.
func (o Options) rowGroup() int {
	if o.RowGroupRows <= 0 {
		return 65536
	}
	return o.RowGroupRows
}
