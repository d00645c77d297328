package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/internal/termsafe"
)

// The output formats of run and detect.
const (
	formatTable = "table"
	formatJSON  = "json"
	formatCSV   = "csv"
)

// writeResult prints a result in the chosen format:
//   - json: JSON Lines, one object per row, keys in column order, values as
//     strings, multivalue fields as arrays of strings, null fields omitted;
//   - csv: a header of the columns, then one record per row; multivalue
//     fields joined by newlines (as Splunk's CSV export does);
//   - table: aligned columns for a terminal; multivalue values joined by ", ",
//     tabs printed as spaces and control characters escaped (termsafe.Line:
//     a log value cannot send ESC sequences to the terminal).
func writeResult(w io.Writer, format string, res *eval.Result) error {
	switch format {
	case formatJSON:
		for _, row := range res.Rows {
			b, err := rowJSON(res.Fields, row)
			if err != nil {
				return err
			}
			if _, err := fmt.Fprintln(w, string(b)); err != nil {
				return err
			}
		}
		return nil
	case formatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(res.Fields); err != nil {
			return err
		}
		rec := make([]string, len(res.Fields))
		for _, row := range res.Rows {
			for i := range res.Fields {
				rec[i] = strings.Join(row[i].Strings(), "\n")
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	default:
		return writeTable(w, res)
	}
}

// rowJSON renders one row as a JSON object with keys in column order
// (eval.Row.JSON).
func rowJSON(fields []string, row eval.Row) ([]byte, error) { return row.JSON(fields) }

// marshalJSON encodes v without escaping <, > and & (command lines are
// full of them and JSON does not require it).
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// writeTable prints aligned columns with a header and a row count.
func writeTable(w io.Writer, res *eval.Result) error {
	cells := make([][]string, len(res.Rows))
	widths := make([]int, len(res.Fields))
	for i, f := range res.Fields {
		widths[i] = utf8.RuneCountInString(termsafe.Line(f))
	}
	for r, row := range res.Rows {
		cells[r] = make([]string, len(res.Fields))
		for i := range res.Fields {
			s := strings.Join(row[i].Strings(), ", ")
			s = termsafe.Line(strings.ReplaceAll(s, "\t", " "))
			cells[r][i] = s
			widths[i] = max(widths[i], utf8.RuneCountInString(s))
		}
	}
	line := func(vals []string) error {
		var b strings.Builder
		for i, v := range vals {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(v)
			if i < len(vals)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(v)))
			}
		}
		_, err := fmt.Fprintln(w, b.String())
		return err
	}
	if len(res.Fields) > 0 {
		header := make([]string, len(res.Fields))
		for i, f := range res.Fields {
			header[i] = termsafe.Line(f)
		}
		if err := line(header); err != nil {
			return err
		}
		sep := make([]string, len(widths))
		for i, n := range widths {
			sep[i] = strings.Repeat("-", n)
		}
		if err := line(sep); err != nil {
			return err
		}
	}
	for _, c := range cells {
		if err := line(c); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "(%d %s)\n", len(res.Rows), plural(len(res.Rows), "result", "results"))
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
