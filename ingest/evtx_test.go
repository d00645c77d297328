package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/evtx"
)

// evtxSamples is the shared .evtx collection (GPL: read in place, never
// copied into the repository).
const evtxSamples = "../../shared/data/evtx_attack_samples"

func needEVTX(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(evtxSamples, "*.evtx"))
	if len(files) == 0 {
		t.Skipf("no .evtx samples at %s (shared data absent); see ../shared/data/README.txt", evtxSamples)
	}
	return files
}

// evtxToXML decodes .evtx files with the evtx package and writes each
// record's XML as one XmlWinEventLog record.
func evtxToXML(t testing.TB, files []string, w io.Writer) int {
	n := 0
	var dec evtx.Decoder
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := evtx.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		for {
			b, _, err := r.Next(nil)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			c, err := dec.Decode(b)
			if err != nil {
				continue
			}
			for _, rec := range c.Records {
				w.Write(rec.XML)
				w.Write([]byte("\n"))
				n++
			}
		}
		f.Close()
	}
	return n
}

// TestEVTXMatchesXmlWinEventLog reads the shared .evtx files directly and
// as the same records exported as XmlWinEventLog text: the events (raw,
// fields, time, metadata) and every data-model table must be the same.
func TestEVTXMatchesXmlWinEventLog(t *testing.T) {
	files := needEVTX(t)
	evEVTX, tabEVTX, repEVTX, err := LoadEvents(t.Context(), files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var skipped int
	for _, f := range repEVTX.Files {
		if strings.HasSuffix(f.Path, ".evtx") && f.Format != FormatEVTX {
			t.Errorf("%s: format %q", f.Path, f.Format)
		}
		skipped += f.Skipped
	}
	if skipped > 0 {
		t.Errorf("%d records skipped: %s", skipped, repEVTX.Summary())
	}
	xmlPath := filepath.Join(t.TempDir(), "events.xml")
	var buf bytes.Buffer
	n := evtxToXML(t, files, &buf)
	if err := os.WriteFile(xmlPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	evXML, tabXML, _, err := LoadEvents(t.Context(), []string{xmlPath}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evEVTX) != 4482 || len(evXML) != n || n != len(evEVTX) {
		t.Fatalf("events: %d from .evtx, %d from XML text (%d records written), want 4482", len(evEVTX), len(evXML), n)
	}
	for i := range evEVTX {
		a, b := evEVTX[i], evXML[i]
		if a.Raw != b.Raw || a.Time != b.Time || a.Host != b.Host || a.Sourcetype != b.Sourcetype || a.Source != b.Source {
			t.Fatalf("event %d differs:\n evtx %v %q %q %q\n xml  %v %q %q %q", i, a.Time, a.Host, a.Source, a.Sourcetype, b.Time, b.Host, b.Source, b.Sourcetype)
		}
		if !slices.Equal(a.Fields(), b.Fields()) {
			t.Fatalf("event %d fields differ:\n evtx %v\n xml  %v", i, a.Fields(), b.Fields())
		}
		if a.Sourcetype != "XmlWinEventLog" || !strings.HasPrefix(a.Source, "XmlWinEventLog:") || a.Time == 0 || a.Host == "" {
			t.Fatalf("event %d metadata: %v %q %q %q", i, a.Time, a.Host, a.Source, a.Sourcetype)
		}
	}
	compareTables(t, tabEVTX, tabXML)
	if len(tabEVTX) == 0 {
		t.Error("no data-model rows")
	}
	for name, tab := range tabEVTX {
		t.Logf("%s: %d rows", name, tab.Len())
	}
}

// compareTables checks that two sets of tables hold the same rows in the
// same order.
func compareTables(t *testing.T, a, b cim.Tables) {
	t.Helper()
	for name, ta := range a {
		tb := b[name]
		if tb == nil {
			t.Errorf("%s: only from .evtx (%d rows)", name, ta.Len())
			continue
		}
		if ta.Len() != tb.Len() {
			t.Errorf("%s: %d rows from .evtx, %d from XML", name, ta.Len(), tb.Len())
			continue
		}
		for i := range ta.Len() {
			ra, rb := ta.Row(i), tb.Row(i)
			for k, v := range ra {
				if k == "source" && strings.HasSuffix(v, ".xml") {
					continue
				}
				if rb[k] != v {
					t.Errorf("%s row %d: %s=%q from .evtx, %q from XML", name, i, k, v, rb[k])
					break
				}
			}
		}
	}
	for name := range b {
		if a[name] == nil {
			t.Errorf("%s: only from XML", name)
		}
	}
}

// TestEVTXInArchives reads an .evtx file gzipped, in a zip, and under a
// name without the extension: found by its magic, same events.
func TestEVTXInArchives(t *testing.T) {
	files := needEVTX(t)
	src := files[0]
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	os.WriteFile(filepath.Join(dir, "a.evtx.gz"), gz.Bytes(), 0o644)
	var zb bytes.Buffer
	z := zip.NewWriter(&zb)
	w, _ := z.Create("logs/b.evtx")
	w.Write(data)
	z.Close()
	os.WriteFile(filepath.Join(dir, "b.zip"), zb.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "c.bin"), data, 0o644)

	want, _, _, err := LoadEvents(t.Context(), []string{src}, Options{})
	if err != nil || len(want) == 0 {
		t.Fatalf("%v, %d events", err, len(want))
	}
	_, _, rep, err := LoadEvents(t.Context(), []string{dir}, Options{Sourcetype: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Files) != 3 {
		t.Fatalf("%d files: %s", len(rep.Files), rep.Summary())
	}
	for _, f := range rep.Files {
		if f.Format != FormatEVTX || f.Events != len(want) || f.Skipped != 0 {
			t.Errorf("%s: format %s, %d events, %d skipped; want evtx, %d, 0", f.Path, f.Format, f.Events, f.Skipped, len(want))
		}
	}
}

// TestEVTXDamaged reads damaged copies of a shared .evtx file: a record
// that cannot be decoded is skipped and reported with its record
// identifier and chunk, the rest is read; a failed checksum, a truncated
// file and the dirty flag are warnings; a chunk without its magic is one
// skip naming the chunk.
func TestEVTXDamaged(t *testing.T) {
	files := needEVTX(t)
	var src []byte
	for _, f := range files {
		if b, _ := os.ReadFile(f); len(b) >= evtx.FileHeaderSize+2*evtx.ChunkSize {
			src = b
			break
		}
	}
	if src == nil {
		t.Skip("no sample with two chunks")
	}
	var dec evtx.Decoder
	c0, err := dec.Decode(src[evtx.FileHeaderSize : evtx.FileHeaderSize+evtx.ChunkSize])
	if err != nil || len(c0.Records) < 3 {
		t.Fatalf("chunk 0: %v", err)
	}
	victim := c0.Records[1]
	c1, err := dec.Decode(src[evtx.FileHeaderSize+evtx.ChunkSize : evtx.FileHeaderSize+2*evtx.ChunkSize])
	if err != nil {
		t.Fatalf("chunk 1: %v", err)
	}
	n1 := len(c1.Records)
	whole, _, _, err := LoadEvents(t.Context(), []string{writeTemp(t, "whole.evtx", src)}, Options{})
	if err != nil {
		t.Fatal(err)
	}

	badRecord := bytes.Clone(src)
	badRecord[evtx.FileHeaderSize+victim.Offset+24+4] = 0x3f // its first token after the fragment header
	dirty := bytes.Clone(src)
	dirty[120] |= evtx.FlagDirty
	badMagic := bytes.Clone(src)
	badMagic[evtx.FileHeaderSize+evtx.ChunkSize] = 'X'
	tests := []struct {
		name    string
		data    []byte
		events  int
		skipped int
		skip    string // in the first skip
		warning string // in a warning
	}{
		{"undecodable record", badRecord, len(whole) - 1, 1, "evtx record", "bad checksum in 1 chunk ([0])"},
		{"dirty", dirty, len(whole), 0, "", "not closed cleanly"},
		{"truncated", src[:evtx.FileHeaderSize+victim.Offset+100], 1, 1, "cut short", "ends inside chunk 0"},
		{"bad chunk magic", badMagic, len(whole) - n1, 1, "evtx chunk 1 not read: evtx: no ElfChnk magic", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeTemp(t, "damaged.bin", tt.data)
			evs, _, rep, err := LoadEvents(t.Context(), []string{p}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			f := rep.Files[0]
			if len(evs) != tt.events || f.Skipped != tt.skipped || f.Records != tt.events+tt.skipped {
				t.Errorf("%d events, %d skipped, %d records; want %d, %d: %s", len(evs), f.Skipped, f.Records, tt.events, tt.skipped, rep.Summary())
			}
			if tt.skip != "" && (len(f.Skips) == 0 || !strings.Contains(f.Skips[0].Reason, tt.skip) || f.Skips[0].Path != p) {
				t.Errorf("skips %v, want %q", f.Skips, tt.skip)
			}
			if tt.name == "undecodable record" && len(f.Skips) > 0 && f.Skips[0].Line != int(victim.ID) {
				t.Errorf("skip line %d, want record %d", f.Skips[0].Line, victim.ID)
			}
			if tt.warning != "" && !strings.Contains(strings.Join(f.Warnings, "\n"), tt.warning) {
				t.Errorf("warnings %q, want %q", f.Warnings, tt.warning)
			}
		})
	}
}

func writeTemp(t *testing.T, name string, data []byte) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestEVTXReader reads a shared .evtx file with the sequential Reader:
// the same events, in the same order, as LoadEvents (without the
// search-time fields), and a damaged record as a *SkipError.
func TestEVTXReader(t *testing.T) {
	files := needEVTX(t)
	want, _, _, err := LoadEvents(t.Context(), files[:3], Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []*Event
	for _, path := range files[:3] {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		head := make([]byte, 8)
		io.ReadFull(f, head)
		f.Seek(0, io.SeekStart)
		if Detect(head) != FormatEVTX {
			t.Fatalf("%s: Detect says %q", path, Detect(head))
		}
		r, err := NewReader(f, FormatEVTX)
		if err != nil {
			t.Fatal(err)
		}
		for {
			ev, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			got = append(got, ev)
		}
		f.Close()
	}
	if len(got) != len(want) {
		t.Fatalf("%d events, LoadEvents %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Raw != want[i].Raw || got[i].Time != want[i].Time || got[i].Source != want[i].Source {
			t.Fatalf("event %d differs", i)
		}
	}

	data, _ := os.ReadFile(files[0])
	var dec evtx.Decoder
	c, err := dec.Decode(data[evtx.FileHeaderSize : evtx.FileHeaderSize+evtx.ChunkSize])
	if err != nil || len(c.Records) < 2 {
		t.Fatalf("%v", err)
	}
	bad := bytes.Clone(data)
	bad[evtx.FileHeaderSize+c.Records[1].Offset+28] = 0x3f
	r, _ := NewReader(bytes.NewReader(bad), FormatEVTX)
	var skip *SkipError
	n := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		if s, ok := err.(*SkipError); ok {
			skip = s
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	first, _, _, err := LoadEvents(t.Context(), files[:1], Options{})
	if err != nil {
		t.Fatal(err)
	}
	if skip == nil || skip.Line != int(c.Records[1].ID) || n != len(first)-1 {
		t.Errorf("skip %v after %d events", skip, n)
	}
	r, err = NewReader(strings.NewReader("<Event>not evtx</Event>"), FormatEVTX)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); !errors.Is(err, evtx.ErrNotEVTX) {
		t.Errorf("a non-.evtx stream read as .evtx: %v", err)
	}
}
