package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spelunk-dev/spelunk/cim"
)

// tableRows is a table's rows with _time, in order.
func tableRows(t *cim.Table) []map[string]string {
	var out []map[string]string
	for i := range t.Len() {
		m := t.Row(i)
		m["_time"] = fmt.Sprint(t.Times()[i])
		out = append(out, m)
	}
	return out
}

// flushed loads paths with Options.Flush every n rows and returns each
// dataset's pieces.
func flushed(t *testing.T, paths []string, opts Options, n int) (map[string][]*cim.Table, *Report) {
	t.Helper()
	got := map[string][]*cim.Table{}
	opts.FlushRows = n
	opts.Flush = func(tb *cim.Table) error {
		if tb.Len() > n {
			t.Errorf("%s: a piece of %d rows, more than %d", tb.Dataset(), tb.Len(), n)
		}
		got[tb.Dataset()] = append(got[tb.Dataset()], tb)
		return nil
	}
	tabs, rep, err := Load(context.Background(), paths, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(tabs) != 0 {
		t.Errorf("Load returned %d tables with Flush set", len(tabs))
	}
	return got, rep
}

// TestFlushPiecesEqualWhole checks that the pieces Options.Flush is
// handed, in order, are the whole table: rows, values, times, order, and
// the counts of rows left out; and that the report does not change.
func TestFlushPiecesEqualWhole(t *testing.T) {
	dir := t.TempDir()
	jsonl, csv := writeFilterData(t, dir, 3000)
	cases := []struct {
		name  string
		paths []string
		opts  Options
	}{
		{"jsonl", []string{jsonl}, Options{Dataset: "Endpoint.Processes"}},
		{"csv", []string{csv}, Options{Dataset: "Endpoint.Processes", Source: "given"}},
		{"jsonl+csv/rows", []string{jsonl, csv}, Options{Dataset: "Endpoint.Processes", Rows: testRowFilter()}},
		{"events", []string{filepath.Join("testdata", "sysmon.xml.log"), filepath.Join("testdata", "events")}, Options{}},
	}
	for _, tc := range cases {
		whole, repWhole, err := Load(context.Background(), tc.paths, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 7, 1 << 20} {
			t.Run(fmt.Sprintf("%s/%d", tc.name, n), func(t *testing.T) {
				pieces, rep := flushed(t, tc.paths, tc.opts, n)
				if d := cmp.Diff(repWhole.Files, rep.Files); d != "" {
					t.Errorf("report (-whole +flushed):\n%s", d)
				}
				for name, wt := range whole {
					if wt.RowsRead() == 0 {
						if len(pieces[name]) != 0 {
							t.Errorf("%s: pieces of an empty dataset", name)
						}
						continue
					}
					var got []map[string]string
					omitted, latest, read := 0, 0.0, 0
					for _, p := range pieces[name] {
						got = append(got, tableRows(p)...)
						o, l := p.Omitted()
						if o > 0 && (omitted == 0 || l > latest) {
							latest = l
						}
						omitted += o
						read += p.RowsRead()
						for _, f := range p.Fields() {
							if !hasValue(p.Column(f)) {
								t.Errorf("%s: piece with all-null column %s", name, f)
							}
						}
					}
					if d := cmp.Diff(tableRows(wt), got); d != "" {
						t.Fatalf("%s: rows (-whole +pieces):\n%s", name, d)
					}
					wo, wl := wt.Omitted()
					if omitted != wo || latest != wl || read != wt.RowsRead() {
						t.Errorf("%s: omitted %d (latest %v), read %d; want %d (%v), %d", name, omitted, latest, read, wo, wl, wt.RowsRead())
					}
				}
				if tc.opts.Rows != nil && n == 7 {
					if wo, _ := whole["Endpoint.Processes"].Omitted(); wo == 0 {
						t.Error("the filtered case omits no rows")
					}
				}
				for name := range pieces {
					if whole[name] == nil {
						t.Errorf("pieces of %s, which the whole load lacks", name)
					}
				}
			})
		}
	}
}

func hasValue(c *cim.Column) bool {
	for _, code := range c.Codes {
		if code != 0 {
			return true
		}
	}
	return false
}

// TestFlushError checks that an error from Flush stops the walk and is
// returned, in both modes.
func TestFlushError(t *testing.T) {
	dir := t.TempDir()
	jsonl, _ := writeFilterData(t, dir, 500)
	boom := errors.New("disk full")
	for _, tc := range []struct {
		paths []string
		opts  Options
	}{
		{[]string{jsonl}, Options{Dataset: "Endpoint.Processes"}},
		{[]string{filepath.Join("testdata", "events")}, Options{}},
	} {
		calls := 0
		tc.opts.FlushRows = 3
		tc.opts.Flush = func(*cim.Table) error { calls++; return boom }
		_, rep, err := Load(context.Background(), tc.paths, tc.opts)
		if !errors.Is(err, boom) || calls != 1 {
			t.Errorf("%v: err %v after %d calls; want the Flush error after 1", tc.paths, err, calls)
		}
		if rep != nil && len(rep.Unreadable) != 0 {
			t.Errorf("%v: the Flush error was reported as unreadable input: %v", tc.paths, rep.Unreadable)
		}
	}
}
