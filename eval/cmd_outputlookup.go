package eval

import (
	"context"
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/confine"
)

// outputlookupStage is `outputlookup [append=] [create_empty=]
// [override_if_empty=] [max=] table` [D S-outputlookup]: writes the
// results as CSV and passes them on unchanged.
//
// Locally it writes only inside Options.OutputDir (opened as an os.Root, so
// neither ".." nor symbolic links lead out of it); without an output
// directory the command is refused at compile time. The file is the table
// name, with ".csv" added unless it ends in .csv; a name with a path
// separator or starting with '.' is an error, other characters outside
// [A-Za-z0-9._-] become '_'. .csv.gz and KV-store tables (key_field=) are
// not supported.
//
// Columns are the results' fields in order, leaving out Splunk's internal
// fields (names starting with '_') except _time and _key [U]; a multivalue
// is written as its values joined by newlines. append=t adds the rows to
// an existing file (columns merged, old columns first); max=N writes at
// most N rows; with no results the file is still written (create_empty
// and override_if_empty default true) unless override_if_empty=f keeps an
// existing file [D].
type outputlookupStage struct {
	loc             ast.Span
	dir             string
	file            string
	appendTo        bool
	createEmpty     bool
	overrideIfEmpty bool
	max             int // <0: all
}

func compileOutputlookup(c *ast.OutputlookupCommand, opts *Options, e *errs) stage {
	if opts.OutputDir == "" {
		e.refused(c.Loc, "command \"outputlookup\" is refused: not supported locally: it writes files: give --output-dir DIR")
		return nil
	}
	st := &outputlookupStage{loc: c.Loc, dir: opts.OutputDir, createEmpty: true, overrideIfEmpty: true, max: -1}
	for _, o := range c.Options {
		v := o.Value.Value()
		k := strings.ToLower(o.Key)
		switch k {
		case "append", "create_empty", "override_if_empty", "createinapp", "allow_updates":
			b, ok := ParseBool(v)
			if !ok {
				e.addf(o.Loc, "outputlookup %s=%s: not a boolean", o.Key, v)
				return nil
			}
			switch k {
			case "append":
				st.appendTo = b
			case "create_empty":
				st.createEmpty = b
			case "override_if_empty":
				st.overrideIfEmpty = b
			}
		case "max":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				e.addf(o.Loc, "outputlookup max=%s: not a count", v)
				return nil
			}
			st.max = n
		default:
			e.unsupported(o.Loc, "outputlookup option %s is not supported yet", o.Key)
			return nil
		}
	}
	file, err := lookupFileName(c.Table)
	if err != nil {
		e.addf(c.Loc, "outputlookup %s: %v", c.Table, err)
		return nil
	}
	st.file = file
	return st
}

// lookupFileName turns a lookup table name into a safe file name.
func lookupFileName(name string) (string, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return "", errors.New("a lookup name must be a plain file name (no directories, not starting with '.')")
	}
	if strings.HasSuffix(strings.ToLower(name), ".csv.gz") {
		return "", errors.New(".csv.gz lookups are not supported; write NAME.csv")
	}
	b := []byte(name)
	for i, c := range b {
		if !(c == '_' || c == '-' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			b[i] = '_'
		}
	}
	s := string(b)
	if !strings.HasSuffix(strings.ToLower(s), ".csv") {
		s += ".csv"
	}
	return s, nil
}

func (s *outputlookupStage) name() string   { return "outputlookup" }
func (s *outputlookupStage) span() ast.Span { return s.loc }

func (s *outputlookupStage) run(_ context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	if err := s.write(in); err != nil {
		return nil, 0, errAt(s.loc, "outputlookup %s: %v", s.file, err)
	}
	return in, len(in.rows), nil
}

func (s *outputlookupStage) write(in *rowSet) error {
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if fi, err := root.Lstat(s.file); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return errors.New("the output file is a symbolic link; refusing to follow it")
	}
	rows := in.rows
	if s.max >= 0 && len(rows) > s.max {
		rows = rows[:s.max]
	}
	var header []string
	var cols []int
	for c, f := range in.fields {
		if !strings.HasPrefix(f, "_") || f == fieldTime || f == "_key" {
			header, cols = append(header, f), append(cols, c)
		}
	}
	var records [][]string
	if s.appendTo {
		oldHeader, oldRows, err := readCSVIn(root, s.file)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if len(oldHeader) > 0 {
			pos := map[string]int{}
			for i, h := range oldHeader {
				pos[h] = i
			}
			merged := append([]string(nil), oldHeader...)
			for _, h := range header {
				if _, ok := pos[h]; !ok {
					pos[h] = len(merged)
					merged = append(merged, h)
				}
			}
			for _, r := range oldRows {
				rec := make([]string, len(merged))
				copy(rec, r)
				records = append(records, rec)
			}
			newCols := make([]int, len(header))
			for i, h := range header {
				newCols[i] = pos[h]
			}
			for _, row := range rows {
				rec := make([]string, len(merged))
				for i, c := range cols {
					rec[newCols[i]] = get(row, c).String()
				}
				records = append(records, rec)
			}
			return writeCSVIn(root, s.file, merged, records)
		}
	}
	if len(rows) == 0 {
		_, statErr := root.Stat(s.file)
		exists := statErr == nil
		if (exists && !s.overrideIfEmpty) || (!exists && !s.createEmpty) {
			return nil
		}
	}
	for _, row := range rows {
		rec := make([]string, len(cols))
		for i, c := range cols {
			rec[i] = get(row, c).String()
		}
		records = append(records, rec)
	}
	return writeCSVIn(root, s.file, header, records)
}

func readCSVIn(root *os.Root, name string) ([]string, [][]string, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	all, err := r.ReadAll()
	if err != nil {
		return nil, nil, err
	}
	if len(all) == 0 {
		return nil, nil, nil
	}
	return all[0], all[1:], nil
}

// writeCSVIn writes through a new temporary file, created exclusively
// under a random name (confine.CreateTemp: an existing file or symbolic
// link is never opened), renamed into place.
func writeCSVIn(root *os.Root, name string, header []string, records [][]string) error {
	return confine.Replace(root, name, 0o644, func(f *os.File) error {
		w := csv.NewWriter(f)
		if len(header) > 0 {
			_ = w.Write(header)
		}
		_ = w.WriteAll(records)
		return w.Error()
	})
}
