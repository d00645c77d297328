package ingest

import (
	"bytes"
	"io"
	"os"
	"testing"
)

func FuzzXMLScanner(f *testing.F) {
	data, _ := os.ReadFile("testdata/sysmon.xml.log")
	for _, l := range bytes.Split(data, []byte("\n")) {
		f.Add(l)
	}
	f.Add(data)
	f.Add([]byte("<Event><Data Name='x'/><Data Name=\"y\">&#x110000;&#9;&bogus;&</Data></Event>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ev := &Event{}
		parseXMLEvent(b, ev)
		r := NewXMLReader(bytes.NewReader(b))
		for range 10000 {
			if _, err := r.Next(); err == io.EOF {
				return
			} else if err != nil && !IsSkip(err) {
				t.Fatalf("non-skip error: %v", err)
			}
		}
		t.Fatal("reader does not end")
	})
}

func FuzzJSONScanner(f *testing.F) {
	data, _ := os.ReadFile("testdata/nxlog.jsonl")
	for _, l := range bytes.Split(data, []byte("\n")) {
		f.Add(l)
	}
	f.Add([]byte(`{"a":"\ud83d\ude00\u00e9\"","b":[{"c":"]"}],"d":-1.5e3,"e":null}`))
	f.Add([]byte("_time,dest\n1,\"a\"\"b\"\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		scratch := make([]byte, 0, len(b))
		c0 := cap(scratch)
		_ = scanObject(b, &scratch, func(k, v []byte, kind byte) {})
		if cap(scratch) != c0 {
			t.Fatal("scratch reallocated")
		}
		scratch = scratch[:0]
		for i := 0; i < len(b); {
			var err error
			var next int
			_, next, err = scanCSVRecord(b, i, &scratch, nil)
			if next <= i && err == nil {
				t.Fatalf("CSV scanner stuck at %d", i)
			}
			if err != nil || next <= i {
				break
			}
			i = next
		}
		c := &datasetChunk{buf: b}
		parseJSONLChunk(c, &localKeys{kt: newKeyTable("Processes."), cache: map[string]int32{}}, "f")
		c2 := &datasetChunk{buf: b}
		parseCSVChunk(c2, []int32{0, 1}, "f")
	})
}
