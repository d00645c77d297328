package export

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/sqlgen/duckrun"
)

// TableWriter writes data-model rows as they come, a dataset's rows in
// tables of any size handed over in order (ingest.Options.Flush's pieces,
// or one whole table), under dir/<dataset>/day=YYYY-MM-DD/part-N.parquet.
// _seq is a row's position in its dataset's whole stream, across tables.
//
// Memory: a dataset keeps at most maxOpenDays day files open (a row of
// another day closes the least recently used, and a day without rows in
// two tables running is closed too; a day continues in a new part file
// when more of its rows come), and the rows its open files buffer
// together are kept to one row group (Options.RowGroupRows): past it, the
// file buffering most writes its row group out. Beyond the table being
// added, the writer holds about one row group per dataset when rows come
// roughly in time order, and the column buffers of at most maxOpenDays
// files when they do not.
//
// A file's columns are the dataset's columns seen so far (duckrun.Columns
// of the tables added: the builtin and declared fields, then the others in
// the order they first came); a table with a field the day's open file
// lacks continues that day in a new part file, whose schema has it.
// Readers union the files by column name.
type TableWriter struct {
	dir   string
	rg    int
	codec *zstd.Codec // one for every file: its encoders are pooled
	sets  map[string]*datasetWriter
	files []File
	err   error
}

// datasetWriter is the state of one dataset's stream.
type datasetWriter struct {
	name   string
	seq    int64             // rows written so far
	pieces int64             // tables added so far
	cols   []string          // the columns so far (not _time, _seq)
	byLow  map[string]string // lower-cased name → the column kept for it
	tick   int64
	open   map[int64]*tableDay
	parts  map[int64]int
	idx    []int32 // scratch: a table's rows by day
	days   []int64
	vals   []parquet.Value // scratch: a column's values of a batch of rows
	source []*cim.Column   // scratch: per leaf, the table's column
}

// tableDay is one open part file of a dataset's day.
type tableDay struct {
	file     File
	f        *os.File
	w        *parquet.Writer
	leaves   []leaf
	has      map[string]bool // the file's columns
	used     int64
	piece    int64 // the last table that had rows of the day
	buffered int   // rows written since the last row group went out
}

// leaf is one leaf column of a part file's schema.
type leaf struct {
	name string
	kind byte // 't' _time, 's' _seq, 'v' value, 'l' list of one value
}

// NewTableWriter starts writing under dir.
func NewTableWriter(dir string, opts Options) *TableWriter {
	return &TableWriter{dir: dir, rg: opts.rowGroup(), codec: &zstd.Codec{}, sets: map[string]*datasetWriter{}}
}

// Add writes t's rows, which follow the rows of its dataset added before.
// t may be dropped after Add returns.
func (w *TableWriter) Add(t *cim.Table) error {
	if w == nil || w.sets == nil {
		return errNoWriter
	}
	if w.err != nil {
		return w.err
	}
	if err := w.add(t); err != nil {
		w.err = err
		return err
	}
	return nil
}

func (w *TableWriter) add(t *cim.Table) error {
	if t.Len() == 0 {
		return nil
	}
	ds := w.sets[t.Dataset()]
	if ds == nil {
		ds = &datasetWriter{name: t.Dataset(), byLow: map[string]string{}, open: map[int64]*tableDay{}, parts: map[int64]int{}}
		for _, c := range duckrun.Columns(t.Dataset(), nil) {
			ds.addColumn(c)
		}
		w.sets[t.Dataset()] = ds
	}
	// the table's columns, as the files name them
	var mine []string
	for _, f := range t.Fields() {
		if !ds.addColumn(f) {
			continue
		}
		mine = append(mine, f)
	}
	// the rows by day, in table order within a day
	times := t.Times()
	ds.idx, ds.days = ds.idx[:0], ds.days[:0]
	for i, tm := range times {
		ds.idx = append(ds.idx, int32(i))
		ds.days = append(ds.days, dayOf(tm))
	}
	slices.SortStableFunc(ds.idx, func(a, b int32) int {
		switch da, db := ds.days[a], ds.days[b]; {
		case da < db:
			return -1
		case da > db:
			return 1
		}
		return 0
	})
	for start := 0; start < len(ds.idx); {
		d := ds.days[ds.idx[start]]
		end := start
		for end < len(ds.idx) && ds.days[ds.idx[end]] == d {
			end++
		}
		dw, err := w.day(ds, d, mine)
		if err != nil {
			return err
		}
		if err := w.write(ds, dw, t, ds.idx[start:end]); err != nil {
			return err
		}
		start = end
	}
	ds.seq += int64(t.Len())
	// A day that had no rows in this table nor the one before is closed:
	// rows mostly come in time order, so its day is likely over, and an
	// open file keeps column buffers of up to a row group.
	for d, dw := range ds.open {
		if dw.piece < ds.pieces-1 {
			if err := w.closeDay(ds, d); err != nil {
				return err
			}
		}
	}
	ds.pieces++
	return nil
}

// addColumn adds field to the dataset's columns; false when a column of
// the same name without case (DuckDB's identifiers ignore it) already
// stands for another spelling.
func (ds *datasetWriter) addColumn(field string) bool {
	if field == "_time" || field == "_seq" {
		return false
	}
	low := strings.ToLower(field)
	if kept, ok := ds.byLow[low]; ok {
		return kept == field
	}
	ds.byLow[low] = field
	ds.cols = append(ds.cols, field)
	return true
}

// day returns the open part file of day d whose columns include mine,
// opening a new part when there is none.
func (w *TableWriter) day(ds *datasetWriter, d int64, mine []string) (*tableDay, error) {
	if dw := ds.open[d]; dw != nil {
		if !slices.ContainsFunc(mine, func(c string) bool { return !dw.has[c] }) {
			return dw, nil
		}
		if err := w.closeDay(ds, d); err != nil {
			return nil, err
		}
	}
	if len(ds.open) >= maxOpenDays {
		var lru int64
		first := true
		for k, dw := range ds.open {
			if first || dw.used < ds.open[lru].used {
				lru, first = k, false
			}
		}
		if err := w.closeDay(ds, lru); err != nil {
			return nil, err
		}
	}
	sub := filepath.Join(w.dir, ds.name, "day="+dayName(d))
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(sub, "part-"+strconv.Itoa(ds.parts[d])+".parquet")
	ds.parts[d]++
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	fields := parquet.Group{
		"_time": parquet.Leaf(parquet.DoubleType),
		"_seq":  parquet.Int(64),
	}
	has := make(map[string]bool, len(ds.cols))
	for _, c := range ds.cols {
		has[c] = true
		if duckrun.IsList(ds.name, c) {
			fields[c] = parquet.Optional(parquet.List(parquet.String()))
		} else {
			fields[c] = parquet.Optional(parquet.String())
		}
	}
	schema := parquet.NewSchema(ds.name, fields)
	dw := &tableDay{
		file: File{Dataset: ds.name, Day: dayName(d), Path: path},
		f:    f,
		// row groups go out when the dataset's buffered rows say so
		// (TableWriter.write), never by the writer's own count (rows are
		// written column by column, which it does not count)
		w:   parquet.NewWriter(f, schema, parquet.MaxRowsPerRowGroup(1<<62), parquet.Compression(w.codec)),
		has: has,
	}
	for _, path := range schema.Columns() {
		l := leaf{name: path[0], kind: 'v'}
		switch {
		case path[0] == "_time":
			l.kind = 't'
		case path[0] == "_seq":
			l.kind = 's'
		case len(path) > 1:
			l.kind = 'l'
		}
		dw.leaves = append(dw.leaves, l)
	}
	ds.open[d] = dw
	return dw, nil
}

// write writes t's rows (by index) to dw, then keeps the rows the
// dataset's open files buffer to one row group.
func (w *TableWriter) write(ds *datasetWriter, dw *tableDay, t *cim.Table, rows []int32) error {
	ds.tick++
	dw.used, dw.piece = ds.tick, ds.pieces
	ds.source = ds.source[:0]
	for _, l := range dw.leaves {
		var c *cim.Column
		if l.kind == 'v' || l.kind == 'l' {
			c = t.Column(l.name)
		}
		ds.source = append(ds.source, c)
	}
	// column by column (parquet-go's column writers take a column's
	// values of many rows at once): one value per row and column, a
	// list's being its one element or a null list
	cws := dw.w.ColumnWriters()
	times := t.Times()
	for len(rows) > 0 {
		n := min(len(rows), columnBatch)
		for j, l := range dw.leaves {
			vals := ds.vals[:0]
			switch l.kind {
			case 't':
				for _, r := range rows[:n] {
					vals = append(vals, parquet.DoubleValue(times[r]).Level(0, 0, j))
				}
			case 's':
				for _, r := range rows[:n] {
					vals = append(vals, parquet.Int64Value(ds.seq+int64(r)).Level(0, 0, j))
				}
			default:
				null := parquet.Value{}.Level(0, 0, j)
				def := 1
				if l.kind == 'l' {
					def = 2 // the list is there, and its one element
				}
				c := ds.source[j]
				if c == nil {
					for range n {
						vals = append(vals, null)
					}
					break
				}
				for _, r := range rows[:n] {
					code := c.Codes[r]
					if code == 0 {
						vals = append(vals, null)
						continue
					}
					v := c.Dict[code]
					// the writer copies the bytes: no string copy
					vals = append(vals, parquet.ByteArrayValue(unsafe.Slice(unsafe.StringData(v), len(v))).Level(0, def, j))
				}
			}
			ds.vals = vals
			if _, err := cws[j].WriteRowValues(vals); err != nil {
				return fmt.Errorf("export %s: %w", dw.file.Path, err)
			}
		}
		dw.file.Rows += n
		dw.buffered += n
		rows = rows[n:]
	}
	for {
		total := 0
		var most *tableDay
		for _, o := range ds.open {
			total += o.buffered
			if most == nil || o.buffered > most.buffered {
				most = o
			}
		}
		if total < w.rg || most == nil {
			return nil
		}
		if err := most.flush(); err != nil {
			return err
		}
	}
}

// columnBatch is how many rows of a column TableWriter hands the column
// writer at once.
const columnBatch = 4096

// flush writes the rows buffered as a row group.
func (dw *tableDay) flush() error {
	if dw.buffered == 0 {
		return nil
	}
	dw.buffered = 0
	if err := dw.w.Flush(); err != nil {
		return fmt.Errorf("export %s: %w", dw.file.Path, err)
	}
	return nil
}

func (w *TableWriter) closeDay(ds *datasetWriter, d int64) error {
	dw := ds.open[d]
	delete(ds.open, d)
	err := dw.w.Close()
	if err != nil {
		err = fmt.Errorf("export %s: %w", dw.file.Path, err)
	}
	if cerr := dw.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		w.files = append(w.files, dw.file)
	}
	return err
}

// Close finishes every open file and returns the files written, by
// dataset, day and part.
func (w *TableWriter) Close() ([]File, error) {
	if w == nil || w.sets == nil {
		return nil, errNoWriter
	}
	err := w.err
	for _, ds := range w.sets {
		days := make([]int64, 0, len(ds.open))
		for d := range ds.open {
			days = append(days, d)
		}
		slices.Sort(days)
		for _, d := range days {
			if cerr := w.closeDay(ds, d); err == nil {
				err = cerr
			}
		}
	}
	sort.SliceStable(w.files, func(i, j int) bool { return filePartLess(w.files[i], w.files[j]) })
	return w.files, err
}

// filePartLess orders files by dataset, day, then part number.
func filePartLess(a, b File) bool {
	if a.Dataset != b.Dataset {
		return a.Dataset < b.Dataset
	}
	if a.Day != b.Day {
		return a.Day < b.Day
	}
	return partNumber(a.Path) < partNumber(b.Path)
}

func partNumber(path string) int {
	s := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "part-"), ".parquet")
	n, _ := strconv.Atoi(s)
	return n
}
