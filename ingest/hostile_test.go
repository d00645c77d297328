package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

// bigLine streams n bytes of 'a' without a newline, then a newline and a
// good event.
type bigLine struct {
	n    int
	tail *strings.Reader
}

func (b *bigLine) Read(p []byte) (int, error) {
	if b.n > 0 {
		k := min(len(p), b.n)
		for i := range k {
			p[i] = 'a'
		}
		b.n -= k
		return k, nil
	}
	return b.tail.Read(p)
}

func TestHugeLineBoundedMemory(t *testing.T) {
	good, _ := os.ReadFile("testdata/events/sysmon_1.xml")
	for _, format := range []string{FormatXML, FormatJSON, FormatSysmonLinux} {
		tail := "\n" + string(good)
		if format == FormatJSON {
			tail = "\n{\"a\":1}\n"
		}
		if format == FormatSysmonLinux {
			tail = "\nAug  9 10:42:47 h sysmon: " + string(good)
		}
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var peak atomic.Uint64
		stop := make(chan struct{})
		go peakHeap(stop, &peak)
		r, _ := NewReader(&bigLine{n: 100 << 20, tail: strings.NewReader(tail)}, format)
		var events, skips int
		var reasons []string
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if se, ok := err.(*SkipError); ok {
				skips++
				reasons = append(reasons, se.Error())
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			events++
		}
		close(stop)
		if events != 1 || skips != 1 || reasons[0] != "line 1: record longer than 16777216 bytes" {
			t.Errorf("%s: %d events, skips %q", format, events, reasons)
		}
		if grown := peak.Load() - min(peak.Load(), before.HeapInuse); grown > 64<<20 {
			t.Errorf("%s: heap grew by %d MB for a 100 MB line", format, grown>>20)
		}
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile("testdata/events/sysmon_1.xml")
	g := strings.TrimSpace(string(good))
	files := map[string]string{
		// a truncated file: the last event ends mid-element
		"truncated.xml": g + "\n" + g[:len(g)/2],
		// malformed XML: an unquoted attribute, a missing EventID, garbage between events
		"malformed.xml": strings.Replace(g, "Name='Image'", "Name=Image", 1) + "\n" +
			"<Event><System></System></Event>\n" + "garbage line\nmore garbage\n" + g + " trailing\n",
		// invalid UTF-8 inside a value
		"badutf8.xml": strings.Replace(g, "alice", "al\xffice", 1) + "\n",
		// JSON lines with a broken line and a deeply nested one
		"broken.json": `{"a":1}` + "\n" + `{"a":` + "\n" + strings.Repeat("[", 500) + "\n" + `{"b":2}` + "\n",
	}
	for name, body := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	type want struct {
		events  int
		reasons []string
	}
	for name, w := range map[string]want{
		"truncated.xml": {1, []string{"2: unterminated <Event> element"}},
		"malformed.xml": {1, []string{"1: unquoted attribute in <Data>", "2: no EventID", "3: not an XML event: \"garbage line\"", "5: not an XML event: \"trailing\""}},
		"badutf8.xml":   {1, nil},
		"broken.json":   {2, []string{"2: malformed JSON", "3: not a JSON object"}},
	} {
		events, _, rep, err := LoadEvents(context.Background(), []string{filepath.Join(dir, name)}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		fr := rep.Files[0]
		var got []string
		for _, s := range fr.Skips {
			if s.Path != filepath.Join(dir, name) {
				t.Errorf("%s: skip path %q", name, s.Path)
			}
			got = append(got, itoa(s.Line)+": "+s.Reason)
		}
		if len(events) != w.events || strings.Join(got, "|") != strings.Join(w.reasons, "|") || fr.Skipped != len(w.reasons) {
			t.Errorf("%s: %d events, skips %q; want %d, %q", name, len(events), got, w.events, w.reasons)
		}
		if name == "badutf8.xml" {
			if v, _ := events[0].Get("CurrentDirectory"); v != "C:\\Users\\al\uFFFDice\\" || len(fr.Warnings) != 1 {
				t.Errorf("invalid UTF-8: %q %q", v, fr.Warnings)
			}
		}
	}
}

// TestWrongFormatFlag: a file read as the wrong format gives counted skips
// with file:line, or a warning when the format is unknown, never silence.
func TestWrongFormatFlag(t *testing.T) {
	_, rep := load(t, []string{"testdata/nxlog.jsonl"}, Options{Sourcetype: "XmlWinEventLog"})
	fr := rep.Files[0]
	if fr.Events != 0 || fr.Skipped != 1 || !strings.Contains(fr.Skips[0].String(), "testdata/nxlog.jsonl:1: not an XML event") {
		t.Errorf("JSON read as XML: %+v", fr)
	}
	_, rep = load(t, []string{"testdata/sysmon.xml.log"}, Options{Sourcetype: "_json"})
	if fr := rep.Files[0]; fr.Events != 0 || fr.Skipped == 0 || !strings.HasSuffix(fr.Skips[0].String(), ":1: not a JSON object") {
		t.Errorf("XML read as JSON: %+v", fr)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x.bin"), []byte("\x00\x01binary"), 0o644)
	_, rep = load(t, []string{filepath.Join(dir, "x.bin")}, Options{})
	if fr := rep.Files[0]; len(fr.Warnings) != 1 || !strings.Contains(fr.Warnings[0], "format not recognised") {
		t.Errorf("unknown format: %+v", fr)
	}
}

func TestZip(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"events/sysmon_1.xml", "events/security_4688.xml", "events/winlogbeat_1.json"} {
		data, _ := os.ReadFile("testdata/" + name)
		w, _ := zw.Create(name)
		w.Write(data)
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "logs.zip")
	os.WriteFile(p, buf.Bytes(), 0o644)
	tabs, rep := load(t, []string{p}, Options{})
	var got []string
	for _, f := range rep.Files {
		got = append(got, strings.TrimPrefix(f.Path, p)+" "+f.Format)
	}
	want := "!events/sysmon_1.xml XmlWinEventLog|!events/security_4688.xml XmlWinEventLog|!events/winlogbeat_1.json winlogbeat"
	if strings.Join(got, "|") != want || tabs["Endpoint.Processes"].Len() != 3 {
		t.Errorf("zip: %q, %d rows", got, tabs["Endpoint.Processes"].Len())
	}
}

func TestWalkStopsOnError(t *testing.T) {
	n := 0
	_, _, err := Walk(context.Background(), []string{"testdata/sysmon.xml.log"}, Options{}, func(*Event) error {
		n++
		if n == 2 {
			return io.ErrUnexpectedEOF
		}
		return nil
	})
	if err != io.ErrUnexpectedEOF || n != 2 {
		t.Errorf("err %v after %d events", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Load(ctx, []string{"testdata/sysmon.xml.log"}, Options{}); err == nil {
		t.Error("no error after cancel")
	}
}

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	genSysmon(&buf, 3000) // about 5 MB
	p := filepath.Join(t.TempDir(), "s.log")
	os.WriteFile(p, buf.Bytes(), 0o644)
	var out bytes.Buffer
	load(t, []string{p}, Options{Progress: &out})
	if s := out.String(); !strings.Contains(s, "MB/s") || !strings.Contains(s, "events/s") || !strings.HasSuffix(s, "\n") {
		t.Errorf("progress %q", s)
	}
	out.Reset()
	load(t, []string{"testdata/sysmon.xml.log"}, Options{Progress: &out})
	if out.Len() != 0 {
		t.Errorf("progress for a small input: %q", out.String())
	}
}
