package ingest

import (
	"bytes"
	"testing"
)

// recordsEndRef is the byte-at-a-time CSV recordsEnd the faster one
// replaced.
func recordsEndRef(buf []byte) int {
	last := 0
	i := 0
	for i < len(buf) {
		if buf[i] == '"' {
			j := i + 1
			for {
				q := indexFrom(buf, j, '"')
				if q < 0 || q+1 == len(buf) {
					return last
				}
				if buf[q+1] == '"' {
					j = q + 2
					continue
				}
				i = q + 1
				break
			}
		}
		for i < len(buf) && buf[i] != ',' && buf[i] != '\n' {
			i++
		}
		if i < len(buf) && buf[i] == '\n' {
			last = i + 1
		}
		i++
	}
	return last
}

func TestRecordsEndCSV(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"a,b\nc,d\n", 8},
		{"a,b\nc,d", 4},
		{"a,\"x\ny\",b\nc", 10},
		{"a,\"x\ny\nc", 0},
		{"a\nb,\"x\ny\nc", 2},
		{"a\"b\nc,d\n", 8},      // a stray quote opens nothing
		{"\"a\"\"\n\"\nb\n", 9}, // "" inside quotes
		{"x,\"a\"", 0},          // "" may follow
		{"", 0},
	} {
		if got := recordsEnd([]byte(tc.in), true); got != tc.want {
			t.Errorf("recordsEnd(%q) = %d, want %d", tc.in, got, tc.want)
		}
		if got := recordsEndRef([]byte(tc.in)); got != tc.want {
			t.Errorf("recordsEndRef(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// FuzzRecordsEndCSV checks recordsEnd against the reference.
func FuzzRecordsEndCSV(f *testing.F) {
	for _, s := range []string{"a,b\nc\n", "a,\"b\nc\",d\ne", "\"\"\"\n", "a\"b\",\"\n\"\n", ",\"\n", "\n\"x\"y\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := recordsEnd(b, true), recordsEndRef(b); got != want {
			t.Fatalf("%q: %d, reference %d", b, got, want)
		}
		if got, want := recordsEnd(b, false), bytes.LastIndexByte(b, '\n')+1; got != want {
			t.Fatalf("%q JSONL: %d, want %d", b, got, want)
		}
	})
}
