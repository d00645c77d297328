package export

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/spelunk-dev/spelunk/eval"
)

// EventsDir is the directory under an export that holds the raw events
// (the SQL table sqlgen.EventsTable).
const EventsDir = "events"

// EventSource is the raw events to write, in the order a search reads
// them (query.Events: newest first).
type EventSource interface {
	Len() int
	AppendRecord(dst eval.Record, i int) eval.Record
}

// eventRow is one raw event as written: DuckDB reads _fields as
// MAP(VARCHAR, VARCHAR[]).
type eventRow struct {
	Time   *float64            `parquet:"_time,optional"`
	Seq    int64               `parquet:"_seq"`
	Raw    *string             `parquet:"_raw,optional"`
	Fields map[string][]string `parquet:"_fields"`
}

// Events writes evs (newest first, as a search reads them) with an
// EventWriter.
func Events(dir string, evs EventSource, opts Options) ([]File, error) {
	w := NewEventWriter(dir, opts)
	var rec eval.Record
	for i := range evs.Len() {
		rec = evs.AppendRecord(rec[:0], i)
		if err := w.Add(rec); err != nil {
			w.Close()
			return nil, err
		}
	}
	return w.Close()
}

// maxOpenDays is how many day files an EventWriter keeps open at once;
// an event of another day closes the least recently used one, and that
// day continues in a new part file if more of its events come.
const maxOpenDays = 8

// EventWriter writes raw events as they come (ingest.Walk's order) under
// dir/events/day=YYYY-MM-DD/part-N.parquet: _time, _seq (the event's
// position in the stream), _raw, and _fields, every other field of the
// event record (host, source, sourcetype, index, eventtype, tag and the
// extracted ones) to its values. A search reads events newest first, ties
// in stream order: the SQL view orders by _time descending, then _seq
// (sqlgen/duckrun.Engine.LoadParquet). Memory is bounded by one row group
// per open day file (at most maxOpenDays of them).
type EventWriter struct {
	dir   string
	rg    int
	codec *zstd.Codec // one for every file: its encoders are pooled
	seq   int64
	tick  int64
	open  map[int64]*dayWriter
	parts map[int64]int
	files []File
	err   error
}

type dayWriter struct {
	file  File
	f     *os.File
	w     *parquet.GenericWriter[eventRow]
	batch []eventRow
	used  int64
}

// NewEventWriter starts writing under dir.
func NewEventWriter(dir string, opts Options) *EventWriter {
	return &EventWriter{dir: dir, rg: opts.rowGroup(), codec: &zstd.Codec{}, open: map[int64]*dayWriter{}, parts: map[int64]int{}}
}

// Add writes one event's record (as eval.EventSource.AppendRecord builds
// it); rec may be reused after Add returns.
func (w *EventWriter) Add(rec eval.Record) error {
	if w == nil || w.open == nil {
		return errNoWriter
	}
	if w.err != nil {
		return w.err
	}
	row := eventRow{Seq: w.seq, Fields: map[string][]string{}}
	w.seq++
	var d int64 = noDay
	for _, fld := range rec {
		switch fld.Name {
		case "_time":
			if v, ok := fld.Value.Float(); ok {
				row.Time = &v
				d = dayOf(v)
			}
		case "_raw":
			s := fld.Value.String()
			row.Raw = &s
		case "":
			// no search can name it
		default:
			row.Fields[fld.Name] = append(row.Fields[fld.Name], fld.Value.Strings()...)
		}
	}
	dw, err := w.day(d)
	if err != nil {
		w.err = err
		return err
	}
	w.tick++
	dw.used = w.tick
	dw.batch = append(dw.batch, row)
	dw.file.Rows++
	if len(dw.batch) == cap(dw.batch) {
		if err := dw.flush(); err != nil {
			w.err = err
			return err
		}
	}
	return nil
}

// day returns the open writer of day d, opening it (and closing the
// least recently used one when too many are open).
func (w *EventWriter) day(d int64) (*dayWriter, error) {
	if dw := w.open[d]; dw != nil {
		return dw, nil
	}
	if len(w.open) >= maxOpenDays {
		var lru int64
		first := true
		for k, dw := range w.open {
			if first || dw.used < w.open[lru].used {
				lru, first = k, false
			}
		}
		if err := w.closeDay(lru); err != nil {
			return nil, err
		}
	}
	sub := filepath.Join(w.dir, EventsDir, "day="+dayName(d))
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(sub, "part-"+strconv.Itoa(w.parts[d])+".parquet")
	w.parts[d]++
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	dw := &dayWriter{
		file:  File{Dataset: EventsDir, Day: dayName(d), Path: path},
		f:     f,
		w:     parquet.NewGenericWriter[eventRow](f, parquet.MaxRowsPerRowGroup(int64(w.rg)), parquet.Compression(w.codec)),
		batch: make([]eventRow, 0, min(w.rg, 1024)),
	}
	w.open[d] = dw
	return dw, nil
}

func (dw *dayWriter) flush() error {
	if len(dw.batch) == 0 {
		return nil
	}
	_, err := dw.w.Write(dw.batch)
	clear(dw.batch)
	dw.batch = dw.batch[:0]
	if err != nil {
		return fmt.Errorf("export %s: %w", dw.file.Path, err)
	}
	return nil
}

func (w *EventWriter) closeDay(d int64) error {
	dw := w.open[d]
	delete(w.open, d)
	err := dw.flush()
	if cerr := dw.w.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("export %s: %w", dw.file.Path, cerr)
	}
	if cerr := dw.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		w.files = append(w.files, dw.file)
	}
	return err
}

// Close finishes every open file and returns the files written, by day
// and part.
func (w *EventWriter) Close() ([]File, error) {
	if w == nil || w.open == nil {
		return nil, errNoWriter
	}
	days := make([]int64, 0, len(w.open))
	for d := range w.open {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool { return days[i] < days[j] })
	err := w.err
	for _, d := range days {
		if cerr := w.closeDay(d); err == nil {
			err = cerr
		}
	}
	sort.SliceStable(w.files, func(i, j int) bool { return w.files[i].Path < w.files[j].Path })
	return w.files, err
}
