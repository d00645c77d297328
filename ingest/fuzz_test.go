package ingest

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// fuzzReader runs every record of data through the format's reader: it
// must end, and report only events, skips or io.EOF.
func fuzzReader(t *testing.T, format string, data []byte) {
	r, err := NewReader(bytes.NewReader(data), format)
	if err != nil {
		return // a CSV whose header cannot be read
	}
	for range 100000 {
		ev, err := r.Next()
		if err == io.EOF {
			return
		}
		if err != nil && !IsSkip(err) {
			t.Fatalf("%s: non-skip error: %v", format, err)
		}
		if err == nil && ev == nil {
			t.Fatalf("%s: nil event without error", format)
		}
	}
	t.Fatalf("%s: reader does not end", format)
}

func seed(f *testing.F, path string) {
	data, _ := os.ReadFile(path)
	for _, l := range bytes.Split(data, []byte("\n")) {
		f.Add(l)
	}
	f.Add(data)
}

func FuzzXMLScanner(f *testing.F) {
	seed(f, "testdata/sysmon.xml.log")
	seed(f, "testdata/security.xml.log")
	f.Add([]byte("<Event><Data Name='x'/><Data Name=\"y\">&#x110000;&#9;&bogus;&</Data></Event>"))
	f.Add([]byte("<Event><System><EventID>1</EventID></System><UserData><A><B>x</B></A></UserData></Event>"))
	f.Add([]byte("<Event><System><EventID>1</EventID></System><EventData><Data Name='CommandLine'>a\n01/14/2021 11:41:39 PM\nLogName=Security\nEventCode=4688\n</Data></EventData></Event>\n01/14/2021 11:41:39 PM\nEventCode=1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ev := &Event{}
		parseXMLEvent(string(b), ev)
		fuzzReader(t, FormatXML, b)
	})
}

func FuzzWinEventLogText(f *testing.F) {
	seed(f, "testdata/mixed.log")
	f.Add([]byte("01/14/2021 11:41:39 PM\nLogName=Security\nEventCode=4688\nMessage=a\nb=c\n"))
	f.Fuzz(func(t *testing.T, b []byte) { fuzzReader(t, FormatWinEventLog, b) })
}

func FuzzSysmonLinux(f *testing.F) {
	seed(f, "testdata/sysmon_linux.log")
	f.Fuzz(func(t *testing.T, b []byte) { fuzzReader(t, FormatSysmonLinux, b) })
}

func FuzzJSONEvents(f *testing.F) {
	seed(f, "testdata/nxlog.jsonl")
	seed(f, "testdata/winlogbeat.jsonl")
	seed(f, "testdata/events.json")
	f.Add([]byte(`{"a":"\ud83d\ude00\u00e9\"","b":[{"c":"]"}],"d":-1.5e3,"e":null,"f":[[1,[2]]]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, format := range []string{FormatNXLog, FormatWinlogbeat, FormatJSON} {
			fuzzReader(t, format, b)
		}
		_, _ = flattenJSON(string(b), func(string, string) {})
	})
}

func FuzzCSV(f *testing.F) {
	seed(f, "testdata/events.csv")
	f.Add([]byte("_time,dest\n1,\"a\"\"b\"\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzReader(t, FormatCSV, b)
		scratch := make([]byte, 0, len(b))
		for i := 0; i < len(b); {
			_, next, err := scanCSVRecord(b, i, &scratch, nil)
			if next <= i && err == nil {
				t.Fatalf("CSV scanner stuck at %d", i)
			}
			if err != nil || next <= i {
				break
			}
			i = next
		}
		c := &datasetChunk{buf: b}
		parseCSVChunk(c, []int32{0, 1}, "f", nil)
	})
}

func FuzzDatasetJSONL(f *testing.F) {
	f.Add([]byte(`{"_time":1,"dest":"x"}` + "\n" + `{"_time":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		scratch := make([]byte, 0, len(b))
		c0 := cap(scratch)
		_ = scanObject(b, &scratch, func(k, v []byte, kind byte) {})
		if cap(scratch) != c0 {
			t.Fatal("scratch reallocated")
		}
		c := &datasetChunk{buf: b}
		parseJSONLChunk(c, &localKeys{kt: newKeyTable("Processes."), cache: map[string]int32{}}, "f", nil)
	})
}
