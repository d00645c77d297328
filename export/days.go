package export

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// writeByDay writes rows 0..len(times)-1 of a dataset under
// dir/<name>/day=YYYY-MM-DD/part-0.parquet, grouped by the UTC day of
// their _time, in row order within a day. fill writes row r into dst
// (which has one value per leaf column).
func writeByDay(dir, name string, schema *parquet.Schema, times []float64, fill func(r int, dst parquet.Row), rg int) ([]File, error) {
	idx := make([]int32, len(times))
	days := make([]int64, len(times))
	for i := range idx {
		idx[i], days[i] = int32(i), dayOf(times[i])
	}
	slices.SortStableFunc(idx, func(a, b int32) int {
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
		f, err := writeFile(filepath.Join(dir, name, "day="+dayName(days[idx[start]])), "part-0.parquet", schema, idx[start:end], fill, rg)
		if err != nil {
			return files, err
		}
		f.Dataset, f.Day = name, dayName(days[idx[start]])
		files = append(files, f)
		start = end
	}
	return files, nil
}

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
