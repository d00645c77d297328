package export

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spelunk-dev/spelunk/cim"
)

// streamRows builds n rows of Endpoint.Processes over days days
// (interleaved: row i on day i%days), cutting the builder every cut rows
// (0: one table). Row 11 alone has the field "late_field", row 3 the field
// "Custom" and row 30 "custom" (the same column without case).
func streamRows(n, days, cut int) []*cim.Table {
	ds, _ := cim.LookupDataset("Endpoint.Processes")
	b := ds.NewBuilder()
	var out []*cim.Table
	for i := range n {
		b.Set("dest", "h"+strconv.Itoa(i%5))
		b.Set("process", fmt.Sprintf(`C:\w\p%d.exe /x`, i%9))
		if i%4 == 0 {
			b.Set("user", "u"+strconv.Itoa(i%3))
		}
		if i%6 == 0 {
			b.Set("process_hash", "MD5="+strconv.Itoa(i)) // a list column
		}
		switch i {
		case 11:
			b.Set("late_field", "late")
		case 3:
			b.Set("Custom", "C")
		case 30:
			b.Set("custom", "c")
		case 40:
			b.Set("empty_field", "") // an empty string, not null
		}
		b.EndRow(1700000000 + float64(i%days)*86400 + float64(i))
		if cut > 0 && b.Len() == cut {
			out = append(out, b.Cut())
		}
	}
	return append(out, b.Table())
}

// readDataset reads every file back, rows ordered by _seq.
func readDataset(t *testing.T, files []File) []map[string]string {
	t.Helper()
	var all []map[string]string
	for _, f := range files {
		rows := readBack(t, f.Path)
		if len(rows) != f.Rows {
			t.Errorf("%s: %d rows read, %d reported", f.Path, len(rows), f.Rows)
		}
		for _, r := range rows {
			if want := "day=" + dayName(dayOf(mustFloat(t, r["_time"]))); filepath.Base(filepath.Dir(f.Path)) != want {
				t.Errorf("%s: a row of %s", f.Path, want)
			}
			for k, v := range r {
				if v == "<null>" {
					delete(r, k)
				}
			}
		}
		all = append(all, rows...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, _ := strconv.Atoi(all[i]["_seq"])
		b, _ := strconv.Atoi(all[j]["_seq"])
		return a < b
	})
	return all
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestTableWriterStreamEqualsWhole checks that a dataset written in pieces
// reads back as the whole table written at once: the same rows, values,
// times, and _seq the row's position in the whole stream; that a piece
// with a new field continues its days in new part files; and that the
// rows buffered stay within one row group.
func TestTableWriterStreamEqualsWhole(t *testing.T) {
	const n = 120
	wantFiles, err := Tables(t.TempDir(), cim.Tables{"Endpoint.Processes": streamRows(n, 3, 0)[0]}, Options{RowGroupRows: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := readDataset(t, wantFiles)
	if v, ok := want[40]["empty_field"]; !ok || v != "" {
		t.Errorf("row 40: empty_field %q %v, want an empty string", v, ok)
	}
	if _, ok := want[41]["empty_field"]; ok {
		t.Error("row 41: empty_field not null")
	}
	if len(want) != n || want[3]["Custom"] != "C" || want[30]["Custom"] != "" || want[0]["process_hash"] != "MD5=0" {
		t.Fatalf("whole table read back: %d rows, row 3 %v, row 30 %v, row 0 %v", len(want), want[3], want[30], want[0])
	}
	for i, r := range want {
		if r["_seq"] != strconv.Itoa(i) {
			t.Fatalf("row %d has _seq %s", i, r["_seq"])
		}
	}
	for _, tc := range []struct{ cut, days, rg int }{{1, 3, 5}, {7, 3, 5}, {7, 12, 4}, {50, 1, 1000}, {1000, 3, 7}} {
		t.Run(fmt.Sprintf("cut%d/days%d/rg%d", tc.cut, tc.days, tc.rg), func(t *testing.T) {
			w := NewTableWriter(t.TempDir(), Options{RowGroupRows: tc.rg})
			for _, p := range streamRows(n, tc.days, tc.cut) {
				if err := w.Add(p); err != nil {
					t.Fatal(err)
				}
				for _, ds := range w.sets {
					total := 0
					for _, dw := range ds.open {
						total += dw.buffered
					}
					if total >= tc.rg {
						t.Fatalf("%d rows buffered, row group %d", total, tc.rg)
					}
					if len(ds.open) > maxOpenDays {
						t.Fatalf("%d day files open", len(ds.open))
					}
				}
			}
			files, err := w.Close()
			if err != nil {
				t.Fatal(err)
			}
			got := readDataset(t, files)
			wantHere := want
			if tc.days != 3 {
				wantHere = readDataset(t, mustTables(t, streamRows(n, tc.days, 0)[0]))
			}
			if d := cmp.Diff(wantHere, got); d != "" {
				t.Fatalf("rows (-whole +streamed):\n%s", d)
			}
			if tc.cut < 11 {
				parts := 0
				for _, f := range files {
					if filepath.Base(f.Path) != "part-0.parquet" {
						parts++
					}
				}
				if parts == 0 {
					t.Error("late_field started no new part file")
				}
			}
			for i := 1; i < len(files); i++ {
				if !filePartLess(files[i-1], files[i]) {
					t.Errorf("files out of order: %s before %s", files[i-1].Path, files[i].Path)
				}
			}
		})
	}
}

func mustTables(t *testing.T, tb *cim.Table) []File {
	t.Helper()
	files, err := Table(t.TempDir(), tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
