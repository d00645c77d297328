package export

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// writeBatch is how many rows writeFile hands the writer at once.
const writeBatch = 256

// writeFile writes the given rows to sub/file, buffering at most one row
// group (and writeBatch rows).
func writeFile(sub, file string, schema *parquet.Schema, rows []int32, fill func(r int, dst parquet.Row), rg int) (File, error) {
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return File{}, err
	}
	path := filepath.Join(sub, file)
	f, err := os.Create(path)
	if err != nil {
		return File{}, err
	}
	fail := func(err error) (File, error) {
		f.Close()
		return File{}, fmt.Errorf("export %s: %w", path, err)
	}
	w := parquet.NewWriter(f, schema, parquet.MaxRowsPerRowGroup(int64(rg)), parquet.Compression(&zstd.Codec{}))
	total := len(rows)
	ncol := len(schema.Columns())
	batch := make([]parquet.Row, writeBatch)
	for i := range batch {
		batch[i] = make(parquet.Row, ncol)
	}
	for len(rows) > 0 {
		n := min(len(rows), writeBatch)
		for i, r := range rows[:n] {
			fill(int(r), batch[i])
		}
		if _, err := w.WriteRows(batch[:n]); err != nil {
			return fail(err)
		}
		rows = rows[n:]
	}
	if err := w.Close(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return File{}, err
	}
	return File{Path: path, Rows: total}, nil
}
