package ingest

import (
	"sort"

	"github.com/spelunk-dev/spelunk/cim"
)

// Options.Flush streams the data-model tables: a dataset's builder is cut
// (cim.Builder.Cut) each time it holds FlushRows rows, and the piece is
// handed on. A cut keeps the builder's column handles and hash seed, so
// the parsing pipelines go on as before; only the codes interned from a
// chunk's values before the cut are interned again (dataset mode).

// defaultFlushRows is Options.FlushRows when 0.
const defaultFlushRows = 65536

// flushRows is the rows of a table handed to Options.Flush.
func (l *loader) flushRows() int {
	if l.opts.FlushRows <= 0 {
		return defaultFlushRows
	}
	return l.opts.FlushRows
}

// flushFull hands b's rows to Options.Flush when it holds FlushRows of
// them; cut reports whether it did (the builder's earlier codes are then
// void). Without Flush it does nothing.
func (l *loader) flushFull(b *cim.Builder) (cut bool, err error) {
	if l.opts.Flush == nil || b.Len() < l.flushRows() {
		return false, nil
	}
	return true, l.opts.Flush(b.Cut())
}

// flushAll hands the rest of every dataset to Options.Flush, in name
// order: the rows not yet handed on, or only a count of rows left out.
func (l *loader) flushAll() error {
	names := make([]string, 0, len(l.builders))
	for n := range l.builders {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t := l.builders[n].Table()
		delete(l.builders, n)
		if t.RowsRead() == 0 {
			continue
		}
		if err := l.opts.Flush(t); err != nil {
			return err
		}
	}
	return nil
}
