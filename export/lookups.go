package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/spelunk-dev/spelunk/lookups"
)

// LookupsDir is the directory under an export that holds the lookups.
const LookupsDir = "lookups"

// LookupRows reads the CSV of lookup name where the interpreter finds it:
// NAME.csv or the definition's file in a directory of extra (the
// --lookups directories, in order), then the definition's file in
// contentDir's lookups/. Files are opened through os.Root, so a name
// cannot lead outside those directories.
func LookupRows(contentDir string, extra []string, name string) ([]string, [][]string, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return nil, nil, fmt.Errorf("lookup %q: not a plain name", name)
	}
	r, err := lookups.Open(contentDir)
	if err != nil {
		return nil, nil, err
	}
	file := name
	for _, d := range r.Definitions() {
		if d.Name == name && d.Filename != "" {
			file = d.Filename
		}
	}
	if !strings.HasSuffix(file, lookups.FileExt) {
		file += lookups.FileExt
	}
	dirs := append([]string(nil), extra...)
	if contentDir != "" {
		dirs = append(dirs, filepath.Join(contentDir, "lookups"))
	}
	for _, dir := range dirs {
		for _, f := range []string{name + lookups.FileExt, file} {
			root, err := os.OpenRoot(dir)
			if err != nil {
				continue
			}
			data, err := readLimited(root, f)
			root.Close()
			if err == nil {
				return lookups.ReadCSV(data)
			}
		}
	}
	return nil, nil, fmt.Errorf("lookup %s: no CSV file (looked for %s in %s)", name, file, strings.Join(dirs, ", "))
}

func readLimited(root *os.Root, name string) ([]byte, error) {
	st, err := root.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if st.Size() > lookups.MaxFileSize {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, lookups.MaxFileSize)
	}
	return root.ReadFile(name)
}

// LookupNames lists the lookups an export writes: every definition of
// contentDir's lookups/ with a CSV file, and every .csv file of the extra
// directories (named without .csv), sorted.
func LookupNames(contentDir string, extra []string) ([]string, error) {
	seen := map[string]bool{}
	if contentDir != "" {
		r, err := lookups.Open(contentDir)
		if err != nil {
			return nil, err
		}
		for _, d := range r.Definitions() {
			if d.Filename != "" && d.Collection == "" {
				seen[d.Name] = true
			}
		}
	}
	for _, dir := range extra {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			if n, ok := strings.CutSuffix(e.Name(), lookups.FileExt); ok && e.Type().IsRegular() && n != "" && !strings.HasPrefix(n, ".") {
				seen[n] = true
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// Lookup writes one lookup's rows as dir/lookups/<name>.parquet: _seq
// (file order), then the header's columns as optional strings (empty
// cells null; a repeated or empty header name keeps its first column).
func Lookup(dir, name string, header []string, rows [][]string, opts Options) (File, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return File{}, fmt.Errorf("lookup %q: not a plain name", name)
	}
	fields := parquet.Group{"_seq": parquet.Int(64)}
	pos := map[string]int{}
	for i, h := range header {
		if _, dup := pos[h]; dup || h == "" || h == "_seq" {
			continue
		}
		pos[h] = i
		fields[h] = parquet.Optional(parquet.String())
	}
	schema := parquet.NewSchema(name, fields)
	order := schema.Columns()
	src := make([]int, len(order)) // CSV column of each leaf; -1 for _seq
	for i, path := range order {
		src[i] = -1
		if path[0] != "_seq" {
			src[i] = pos[path[0]]
		}
	}
	fill := func(r int, row parquet.Row) {
		for i, c := range src {
			switch {
			case c < 0:
				row[i] = parquet.ValueOf(int64(r)).Level(0, 0, i)
			case c < len(rows[r]) && rows[r][c] != "":
				row[i] = parquet.ValueOf(rows[r][c]).Level(0, 1, i)
			default:
				row[i] = parquet.Value{}.Level(0, 0, i)
			}
		}
	}
	all := make([]int32, len(rows))
	for i := range all {
		all[i] = int32(i)
	}
	f, err := writeFile(filepath.Join(dir, LookupsDir), name+".parquet", schema, all, fill, opts.rowGroup())
	f.Dataset = LookupsDir + "/" + name
	return f, err
}

// Lookups writes every lookup LookupNames lists; a lookup whose CSV does
// not read is skipped and reported in the returned error list, the others
// are written.
func Lookups(dir, contentDir string, extra []string, opts Options) ([]File, []error, error) {
	names, err := LookupNames(contentDir, extra)
	if err != nil {
		return nil, nil, err
	}
	var files []File
	var skipped []error
	for _, n := range names {
		header, rows, err := LookupRows(contentDir, extra, n)
		if err != nil {
			skipped = append(skipped, err)
			continue
		}
		f, err := Lookup(dir, n, header, rows, opts)
		if err != nil {
			return files, skipped, err
		}
		files = append(files, f)
	}
	return files, skipped, nil
}
