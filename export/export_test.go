package export

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/spelunk-dev/spelunk/cim"
)

func testTable(n int) *cim.Table {
	b := cim.NewBuilder("Endpoint.Processes")
	for i := 0; i < n; i++ {
		b.Set("dest", "h"+string(rune('a'+i%3)))
		if i%2 == 0 {
			b.Set("user", "bob")
		}
		b.Set("custom_field", "x")
		if i == 0 {
			b.Set("process_hash", "MD5=1") // declared multivalue: a list
		}
		b.EndRow(1700000000 + float64(i)*40000) // about one row every 11 hours
	}
	return b.Table()
}

// readBack returns the file's rows as column name → value ("<null>" for
// null).
func readBack(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	r := parquet.NewReader(pf)
	cols := pf.Schema().Columns()
	var out []map[string]string
	buf := make([]parquet.Row, 16)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			m := map[string]string{}
			for _, v := range row {
				name := cols[v.Column()][0]
				if v.IsNull() {
					m[name] = "<null>"
				} else {
					m[name] = v.String()
				}
			}
			out = append(out, m)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestTableByDay(t *testing.T) {
	dir := t.TempDir()
	files, err := Table(dir, testTable(10), Options{RowGroupRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	var days []string
	for _, f := range files {
		total += f.Rows
		days = append(days, f.Day)
		if want := filepath.Join(dir, "Endpoint.Processes", "day="+f.Day, "part-0.parquet"); f.Path != want {
			t.Errorf("path %s, want %s", f.Path, want)
		}
	}
	if total != 10 {
		t.Errorf("%d rows written, want 10", total)
	}
	if got := strings.Join(days, ","); got != "2023-11-14,2023-11-15,2023-11-16,2023-11-17,2023-11-18,2023-11-19" {
		t.Errorf("days %s", got)
	}
	rows := readBack(t, files[0].Path)
	if len(rows) != files[0].Rows {
		t.Fatalf("read %d rows, want %d", len(rows), files[0].Rows)
	}
	first := rows[0]
	for k, want := range map[string]string{"_time": "1.7e+09", "_seq": "0", "dest": "ha", "user": "bob", "custom_field": "x", "process_name": "<null>", "process_hash": "MD5=1"} {
		if first[k] != want {
			t.Errorf("%s = %q, want %q (row %v)", k, first[k], want, first)
		}
	}
	second := readBack(t, files[1].Path)
	if len(second) != 2 || second[0]["user"] != "<null>" || second[0]["process_hash"] != "<null>" || second[0]["_seq"] != "1" || second[1]["_seq"] != "2" {
		t.Errorf("second day %v: want rows 1 (user null) and 2", second)
	}
}

func TestTablesEmpty(t *testing.T) {
	files, err := Tables(t.TempDir(), cim.Tables{"Endpoint.Processes": cim.NewBuilder("Endpoint.Processes").Table()}, Options{})
	if err != nil || len(files) != 0 {
		t.Fatalf("files %v, err %v: want none", files, err)
	}
}
