package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// Dataset mode reads files whose records already are rows of a dataset
// (Options.Dataset). It is the bulk path, so it is built for speed:
//
//   - one goroutine reads the stream in chunks of whole records (about
//     1 MiB; CSV records may hold quoted newlines);
//   - GOMAXPROCS workers parse chunks into cells (field id, value bytes)
//     with specialised scanners (a flat-JSON-object scanner, a CSV
//     scanner), never encoding/json or encoding/csv;
//   - the calling goroutine appends the chunks' rows, in file order, to the
//     dataset's cim.Builder, which interns each value once;
//   - with a row filter (Options.Rows: the searches to run read only some
//     rows), the workers decide on each row over the few fields the
//     filter reads (JSON: a first scan unescapes only those) and a row it
//     rejects is only counted (cim.Builder.Omit), never interned.
//
// Field names may carry the dataset prefix ("Processes.dest"): it is
// stripped. _time must be a number or numeric string; a row without one is
// skipped. JSON strings are unescaped, other JSON values kept as written,
// null and empty CSV cells are null. Host, source, sourcetype and index:
// Options override them; else the row's own fields; else source = the file
// path, sourcetype = "_json" or "csv", index = "main".

const chunkSize = 1 << 20

// datasetChunk is one batch of whole records, then its parsed rows.
type datasetChunk struct {
	buf     []byte
	line    int // line number of buf's first line
	cells   []dsCell
	rows    []dsRow
	skips   []Skip
	records int
	long    []Skip // a record longer than the bound, dropped by the splitter
	scratch []byte
	dicts   chunkDicts
	// rows the row filter left out, and their greatest _time
	omitted    int
	omitLatest float64
	done       chan struct{}
	seed       maphash.Seed // the table builder's (zero: a seed of its own)
}

type dsCell struct {
	fid  int32
	code uint32 // local code in the chunk's dicts
}

type dsRow struct {
	end  int32 // cells[prev end:end] are the row's cells
	time float64
}

// keyTable gives every distinct field name an id, shared by the workers.
type keyTable struct {
	mu     sync.Mutex
	prefix string // "Processes."
	ids    map[string]int32
	names  []string
}

const fidTime = 0

func newKeyTable(prefix string) *keyTable {
	k := &keyTable{prefix: prefix, ids: map[string]int32{}}
	k.id([]byte("_time"))
	return k
}

func (k *keyTable) id(key []byte) int32 {
	k.mu.Lock()
	defer k.mu.Unlock()
	if id, ok := k.ids[string(key)]; ok {
		return id
	}
	name := strings.TrimPrefix(string(key), k.prefix)
	id, ok := k.ids[name]
	if !ok {
		id = int32(len(k.names))
		k.names = append(k.names, name)
		k.ids[name] = id
	}
	k.ids[string(key)] = id
	return id
}

func (k *keyTable) name(id int32) string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.names[id]
}

// localKeys caches a keyTable per worker, so the lock is taken once per
// distinct key. It also remembers the keys of the last rows by position:
// rows that list their fields in the same order as the row before (the
// usual case) find each field id by one comparison, without hashing.
type localKeys struct {
	kt    *keyTable
	cache map[string]int32
	order []keySlot // by member position in a row
}

type keySlot struct {
	key string
	fid int32
}

func (l *localKeys) id(key []byte) int32 {
	if id, ok := l.cache[string(key)]; ok {
		return id
	}
	id := l.kt.id(key)
	l.cache[string(key)] = id
	return id
}

// at is id for the row's member at position pos.
func (l *localKeys) at(pos int, key []byte) int32 {
	if pos < len(l.order) && l.order[pos].key == string(key) {
		return l.order[pos].fid
	}
	id := l.id(key)
	if pos < len(l.order) {
		l.order[pos] = keySlot{string(key), id}
	} else if pos == len(l.order) {
		l.order = append(l.order, keySlot{string(key), id})
	}
	return id
}

func (l *loader) loadDataset(name string, br *bufio.Reader, format string, fr *FileReport) error {
	b := l.builder(l.dataset.FullName())
	kt := newKeyTable(l.dataset.Name + ".")
	var header []int32
	startLine := 1
	if format == FormatCSV {
		h, err := readCSVHeader(br, recordLimit(l.opts.MaxRecordBytes))
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		for _, f := range h {
			header = append(header, kt.id([]byte(f)))
		}
		startLine = 2
	}
	workers := runtime.GOMAXPROCS(0)
	inflight := 2*workers + 2
	free := make(chan *datasetChunk, inflight)
	for range inflight {
		free <- &datasetChunk{done: make(chan struct{}, 1), seed: b.Seed()}
	}
	work := make(chan *datasetChunk, inflight)
	order := make(chan *datasetChunk, inflight)
	quit := make(chan struct{})
	var readErr error
	go func() { // reader
		defer close(work)
		defer close(order)
		readErr = splitChunks(br, format == FormatCSV, startLine, recordLimit(l.opts.MaxRecordBytes), name, free, quit, func(c *datasetChunk) {
			work <- c
			order <- c
		})
	}()
	defSourcetype := "_json"
	if format == FormatCSV {
		defSourcetype = "csv"
	}
	metaDefaults := map[string][2]string{ // override, default
		"host":       {l.opts.Host, ""},
		"source":     {l.opts.Source, name},
		"sourcetype": {"", defSourcetype},
		"index":      {l.opts.Index, "main"},
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		sel := newRowSel(l.opts.Rows, l.dataset, kt, metaDefaults)
		go func() {
			defer wg.Done()
			keys := &localKeys{kt: kt, cache: map[string]int32{}}
			for c := range work {
				if format == FormatCSV {
					parseCSVChunk(c, header, name, sel)
				} else {
					parseJSONLChunk(c, keys, name, sel)
				}
				c.done <- struct{}{}
			}
		}()
	}

	// consumer: rows in file order
	cols := []int{}
	colFor := func(fid int32) int {
		for int(fid) >= len(cols) {
			cols = append(cols, -1)
		}
		if cols[fid] < 0 {
			cols[fid] = b.Col(kt.name(fid))
		}
		return cols[fid]
	}
	type metaCol struct {
		col         int
		over, deflt string
		code        uint32 // of over or deflt, once interned
	}
	var metas []metaCol
	for _, f := range []string{"host", "source", "sourcetype", "index"} {
		m := metaDefaults[f]
		metas = append(metas, metaCol{col: b.Col(f), over: m[0], deflt: m[1]})
	}
	// global maps, per field id, a chunk's codes to the table's; a value
	// is interned when a row first needs it (staleCode until then), so
	// that a table holds only its rows' values when rows are handed on
	// in pieces (Options.Flush).
	var global [][]uint32
	stale := func(c *datasetChunk) {
		for _, fid := range c.dicts.used {
			for int(fid) >= len(global) {
				global = append(global, nil)
			}
			colFor(fid)
			g := global[fid][:0]
			for range len(c.dicts.dicts[fid].vals) + 1 {
				g = append(g, staleCode)
			}
			g[0] = 0
			global[fid] = g
		}
	}
	var ctxErr, flushErr error
	reserved := false
	for c := range order {
		<-c.done
		if ctxErr == nil && flushErr == nil {
			ctxErr = l.ctx.Err()
			if ctxErr != nil {
				close(quit)
			}
		}
		if ctxErr != nil || flushErr != nil {
			free <- c
			continue
		}
		if !reserved && len(c.rows) > 0 {
			reserved = true
			n := estimateRows(name, len(c.buf), len(c.rows))
			if l.opts.Flush != nil {
				n = min(n, l.flushRows())
			}
			b.Reserve(n)
		}
		stale(c)
		start := 0
		for _, r := range c.rows {
			for _, cell := range c.cells[start:r.end] {
				code := global[cell.fid][cell.code]
				if code == staleCode {
					ld := &c.dicts.dicts[cell.fid]
					code = b.InternHashed(cols[cell.fid], ld.vals[cell.code-1], ld.hashes[cell.code-1])
					global[cell.fid][cell.code] = code
				}
				b.SetColCode(cols[cell.fid], code)
			}
			start = int(r.end)
			for i := range metas {
				m := &metas[i]
				switch {
				case m.over != "":
					if m.code == 0 {
						m.code = b.InternBytes(m.col, []byte(m.over))
					}
					b.SetColCode(m.col, m.code)
				case m.deflt != "":
					if _, ok := b.GetCol(m.col); !ok {
						if m.code == 0 {
							m.code = b.InternBytes(m.col, []byte(m.deflt))
						}
						b.SetColCode(m.col, m.code)
					}
				}
			}
			b.EndRow(r.time)
			cut, err := l.flushFull(b)
			if err != nil {
				flushErr = err
				close(quit)
				break
			}
			if cut {
				// the table's codes start afresh: the chunk's values
				// still to come are interned as rows need them, so the
				// new table holds only its own rows' values
				for i := range metas {
					metas[i].code = 0
				}
				stale(c)
			}
		}
		if flushErr != nil {
			free <- c
			continue
		}
		if c.omitted > 0 {
			b.Omit(c.omitted, c.omitLatest)
		}
		fr.Records += c.records + len(c.long)
		fr.Events += len(c.rows) + c.omitted
		fr.Kept += len(c.rows) + c.omitted
		fr.Rows[l.dataset.FullName()] += len(c.rows) + c.omitted
		for _, s := range append(c.long, c.skips...) {
			fr.Skipped++
			if len(fr.Skips) < l.opts.MaxSkipsReported {
				fr.Skips = append(fr.Skips, s)
			}
		}
		free <- c
	}
	wg.Wait()
	if ctxErr != nil {
		return ctxErr
	}
	if flushErr != nil {
		return errStop{flushErr}
	}
	return readErr
}

// staleCode marks a chunk value not yet interned in the table being
// built (after a cut: Options.Flush).
const staleCode = ^uint32(0)

// maxReserveRows bounds the rows estimateRows predicts (a hostile file
// whose first rows are short must not reserve without bound; the reserved
// room is only touched as rows fill it).
const maxReserveRows = 1 << 24

// estimateRows predicts the rows of the file at path from its first chunk:
// rows of n bytes. It is 0 when path is not a regular file (an archive
// member, a pipe); a compressed file gives too few, which only means less
// room reserved.
func estimateRows(path string, n, rows int) int {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || n == 0 {
		return 0
	}
	est := int(float64(st.Size()) / float64(n) * float64(rows) * 1.02)
	return min(est, maxReserveRows)
}

// splitChunks reads r into chunks that end at record boundaries and hands
// them to emit in order. A record longer than max bytes is dropped up to
// the next line end and reported in the chunk's long skips.
func splitChunks(r *bufio.Reader, csv bool, line, max int, path string, free <-chan *datasetChunk, quit <-chan struct{}, emit func(*datasetChunk)) error {
	var carry []byte
	eof := false
	for !eof {
		var c *datasetChunk
		select {
		case c = <-free:
		case <-quit:
			return nil
		}
		size := chunkSize
		if len(carry) >= size/2 {
			size = 2 * len(carry)
		}
		if cap(c.buf) < size {
			c.buf = make([]byte, 0, size)
		}
		buf := append(c.buf[:0], carry...)
		for {
			n, err := io.ReadFull(r, buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				eof = true
				break
			}
			if err != nil {
				return err
			}
			if end := recordsEnd(buf, csv); end > 0 {
				break
			}
			if len(buf) >= max {
				break
			}
			// no whole record yet: grow
			nb := make([]byte, len(buf), 2*cap(buf))
			copy(nb, buf)
			buf = nb
		}
		c.long = c.long[:0]
		end := len(buf)
		if !eof {
			end = recordsEnd(buf, csv)
		}
		if end == 0 && !eof {
			// one record longer than max: dropped up to the next line end
			c.long = append(c.long, Skip{Path: path, Line: line, Reason: "record longer than " + itoa(max) + " bytes"})
			line += bytes.Count(buf, []byte{'\n'})
			n, err := discardLine(r)
			line += n
			if err != nil {
				if err != io.EOF {
					return err
				}
				eof = true
			}
			carry = carry[:0]
			c.buf = buf[:0]
			c.line = line
			emit(c)
			continue
		}
		carry = append(carry[:0], buf[end:]...)
		c.buf = buf[:end]
		c.line = line
		line += bytes.Count(c.buf, []byte{'\n'})
		emit(c)
	}
	return nil
}

// discardLine reads r up to and including the next newline; n is 1 when
// it found one.
func discardLine(r *bufio.Reader) (n int, err error) {
	for {
		_, err := r.ReadSlice('\n')
		switch err {
		case nil:
			return 1, nil
		case bufio.ErrBufferFull:
			continue
		}
		return 0, err
	}
}

// recordsEnd is the length of buf's whole records: after the last newline
// (for CSV, the last one outside quotes, quotes read as csvQuotes does: a
// quote opens a quoted field only at a field's start, so that a stray one
// cannot glue the rest of the stream into one record); 0 when there is
// none. Outside quoted fields it jumps from quote to quote: the newlines
// between two quotes end records, and a quote opens a quoted field when it
// follows a comma, a newline or the start of buf.
func recordsEnd(buf []byte, csv bool) int {
	if !csv {
		return bytes.LastIndexByte(buf, '\n') + 1
	}
	last := 0
	i := 0
	for i < len(buf) {
		q := indexFrom(buf, i, '"')
		if q < 0 {
			if nl := bytes.LastIndexByte(buf[i:], '\n'); nl >= 0 {
				last = i + nl + 1
			}
			return last
		}
		if nl := bytes.LastIndexByte(buf[i:q], '\n'); nl >= 0 {
			last = i + nl + 1
		}
		if q > 0 && buf[q-1] != ',' && buf[q-1] != '\n' {
			i = q + 1 // a stray quote inside an unquoted field
			continue
		}
		// a quoted field: to its closing quote ("" is a quote)
		j := q + 1
		for {
			e := indexFrom(buf, j, '"')
			if e < 0 || e+1 == len(buf) {
				return last // not closed yet, or "" may follow
			}
			if buf[e+1] == '"' {
				j = e + 2
				continue
			}
			i = e + 1
			break
		}
	}
	return last
}

func indexFrom(b []byte, i int, c byte) int {
	j := bytes.IndexByte(b[i:], c)
	if j < 0 {
		return -1
	}
	return i + j
}

func (c *datasetChunk) reset() {
	c.cells = c.cells[:0]
	c.rows = c.rows[:0]
	c.skips = c.skips[:0]
	c.records = 0
	c.omitted, c.omitLatest = 0, 0
	if cap(c.scratch) < len(c.buf) {
		c.scratch = make([]byte, 0, len(c.buf))
	}
	c.scratch = c.scratch[:0]
	if c.seed == (maphash.Seed{}) {
		c.seed = maphash.MakeSeed()
	}
	c.dicts.reset(c.seed)
}

// parseJSONLChunk parses every line of c.buf as one JSON object; sel,
// when not nil, decides which rows are stored (the others are counted in
// c.omitted).
func parseJSONLChunk(c *datasetChunk, keys *localKeys, path string, sel *rowSel) {
	c.reset()
	var rowStart int
	var t float64
	var haveTime bool
	var timeErr string
	pos := 0
	add := func(k, v []byte, kind byte) {
		p := pos
		pos++
		if kind == jsonNull {
			return
		}
		fid := keys.at(p, k)
		if fid == fidTime {
			f, err := parseFloatBytes(v)
			if err != nil {
				timeErr = fmt.Sprintf("_time %q is not a number", v)
				return
			}
			t, haveTime = f, true
			return
		}
		c.cells = append(c.cells, dsCell{fid, c.dicts.code(fid, v)})
	}
	// With a row filter, a first scan reads only _time and the fields the
	// filter needs (the other strings are checked, not unescaped); a row
	// it keeps is then scanned again by add.
	var want func(k []byte) bool
	var pick func(k, v []byte, kind byte)
	if sel != nil {
		var fid int32
		want = func(k []byte) bool {
			fid = keys.at(pos, k)
			pos++
			return fid == fidTime || sel.wants(fid)
		}
		pick = func(k, v []byte, kind byte) {
			switch {
			case kind == jsonNull:
			case fid != fidTime:
				sel.put(fid, v)
			default:
				f, err := parseFloatBytes(v)
				if err != nil {
					timeErr = fmt.Sprintf("_time %q is not a number", v)
					return
				}
				t, haveTime = f, true
			}
		}
	}
	buf := c.buf
	line := c.line - 1
	for len(buf) > 0 {
		line++
		var l []byte
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			l, buf = buf[:i], buf[i+1:]
		} else {
			l, buf = buf, nil
		}
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		c.records++
		rowStart = len(c.cells)
		haveTime, timeErr, pos = false, "", 0
		var err error
		if sel != nil {
			mark := len(c.scratch)
			sel.begin()
			err = scanObjectSome(l, &c.scratch, want, pick)
			keep := err == nil && timeErr == "" && haveTime && sel.keepRow(t)
			c.scratch = c.scratch[:mark]
			if err == nil && timeErr == "" && haveTime && !keep {
				c.omit(t)
				continue
			}
			if keep {
				pos = 0
				err = scanObject(l, &c.scratch, add)
			}
		} else {
			err = scanObject(l, &c.scratch, add)
		}
		reason := ""
		switch {
		case err != nil:
			reason = err.Error()
		case timeErr != "":
			reason = timeErr
		case !haveTime:
			reason = "no _time"
		}
		if reason != "" {
			c.cells = c.cells[:rowStart]
			c.skips = append(c.skips, Skip{Path: path, Line: line, Reason: reason})
			continue
		}
		c.rows = append(c.rows, dsRow{end: int32(len(c.cells)), time: t})
	}
}

// parseFloatBytes parses a _time value; integers take a fast path.
func parseFloatBytes(b []byte) (float64, error) {
	if len(b) > 0 && len(b) < 16 {
		var n int64
		ok := true
		for _, c := range b {
			if c < '0' || c > '9' {
				ok = false
				break
			}
			n = n*10 + int64(c-'0')
		}
		if ok {
			return float64(n), nil
		}
	}
	return strconv.ParseFloat(string(b), 64)
}
