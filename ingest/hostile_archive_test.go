package ingest

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"strings"
	"testing"
)

// gz compresses b (fast).
func gz(t *testing.T, b []byte) []byte { return gzLevel(t, b, gzip.BestSpeed) }

// gzLevel compresses b at level.
func gzLevel(t *testing.T, b []byte, level int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, level)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return buf.Bytes()
}

// tarOf is a tar of the members (name, body pairs).
func tarOf(t *testing.T, members ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for i := 0; i+1 < len(members); i += 2 {
		tw.WriteHeader(&tar.Header{Name: members[i], Mode: 0o644, Size: int64(len(members[i+1])), Typeflag: tar.TypeReg})
		tw.Write([]byte(members[i+1]))
	}
	tw.Close()
	return buf.Bytes()
}

// zipOf is a zip of n members named by name(i) holding body(i).
func zipOf(t *testing.T, n int, name, body func(i int) string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name(i), Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body(i)))
	}
	zw.Close()
	return buf.Bytes()
}

// jsonLines is n JSON events.
func jsonLines(n int) string {
	var sb strings.Builder
	for i := range n {
		sb.WriteString(`{"_time":` + itoa(1700000000+i) + `,"n":` + itoa(i) + "}\n")
	}
	return sb.String()
}

func unreadable(rep *Report) string {
	var s []string
	for _, e := range rep.Unreadable {
		s = append(s, e.String())
	}
	return strings.Join(s, "|")
}

func TestHostileArchives(t *testing.T) {
	runHostile(t, []hostileCase{
		{
			// (10,000 layers cost a minute to write; a thousand show the bound)
			name: "gzip nested 1,000 times",
			files: one("deep.gz", func(t *testing.T) []byte {
				b := []byte(jsonLines(1))
				for range 1000 {
					b = gz(t, b)
				}
				return b
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if got := unreadable(rep); !strings.HasSuffix(got, "deep.gz: archives nested deeper than 8 layers (Options.MaxArchiveDepth); not read") || len(rep.Unreadable) != 1 {
					t.Errorf("unreadable %q", got)
				}
			},
		},
		{
			name: "gzip nested within the bound",
			files: one("ok.gz", func(t *testing.T) []byte {
				b := []byte(jsonLines(3))
				for range 8 {
					b = gz(t, b)
				}
				return b
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(evs) != 3 || len(rep.Unreadable) != 0 {
					t.Errorf("%d events, unreadable %q", len(evs), unreadable(rep))
				}
			},
		},
		{
			name: "decompression bomb (default ratio bound)",
			files: one("bomb.json.gz", func(t *testing.T) []byte {
				return gzLevel(t, append([]byte(jsonLines(2)), make([]byte, 200<<20)...), gzip.BestCompression)
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(evs) != 2 || len(rep.Unreadable) != 1 || !strings.Contains(rep.Unreadable[0].Reason, "MaxCompressionRatio 500); the rest not read") {
					t.Errorf("%d events, unreadable %q", len(evs), unreadable(rep))
				}
			},
		},
		{
			name:  "decompressed total bound",
			files: one("big.json.gz", func(t *testing.T) []byte { return gz(t, []byte(jsonLines(100000))) }),
			opts:  Options{MaxDecompressedBytes: 1 << 20},
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(evs) < 20000 || len(evs) >= 100000 || len(rep.Unreadable) != 1 || !strings.Contains(rep.Unreadable[0].Reason, "decompressed more than 1048576 bytes") {
					t.Errorf("%d events, unreadable %q", len(evs), unreadable(rep))
				}
			},
		},
		{
			name: "decompressed total bound in a tar of many members",
			files: one("many.tar.gz", func(t *testing.T) []byte {
				var m []string
				for i := range 1000 {
					m = append(m, "m"+itoa(i)+".json", jsonLines(20))
				}
				return gz(t, tarOf(t, m...))
			}),
			opts: Options{MaxDecompressedBytes: 100 << 10},
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(rep.Unreadable) != 1 || !strings.Contains(rep.Unreadable[0].Reason, "decompressed more than 102400 bytes") || len(rep.Files) > 100 {
					t.Errorf("%d files, unreadable %q", len(rep.Files), unreadable(rep))
				}
			},
		},
		{
			name: "truncated tar.gz, then another file",
			files: func(t *testing.T, dir string) []string {
				b := gz(t, tarOf(t, "a.json", jsonLines(2), "b.json", jsonLines(3), "c.json", jsonLines(5000)))
				return []string{
					writeFile(t, dir, "cut.tar.gz", b[:len(b)*3/4]),
					writeFile(t, dir, "next.json", []byte(jsonLines(1))),
				}
			},
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(rep.Files) != 4 || rep.Files[0].Events != 2 || rep.Files[1].Events != 3 || rep.Files[3].Events != 1 {
					t.Errorf("files %+v", rep.Files)
				}
				if got := unreadable(rep); len(rep.Unreadable) != 1 || !strings.Contains(got, "cut.tar.gz!c.json: read error after") || !strings.HasSuffix(got, "truncated (unexpected end of data)") {
					t.Errorf("unreadable %q", got)
				}
			},
		},
		{
			name: "tar cut between members",
			files: one("cut.tar", func(t *testing.T) []byte {
				b := tarOf(t, "a.json", jsonLines(2), "b.json", jsonLines(3))
				return b[:1024+100] // a's header and data, half of b's header
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(evs) != 2 || !strings.HasSuffix(unreadable(rep), "cut.tar: archive truncated (unexpected end of data); the members before the cut were read") {
					t.Errorf("%d events, unreadable %q", len(evs), unreadable(rep))
				}
			},
		},
		{
			name: "damaged gzip and zip",
			files: func(t *testing.T, dir string) []string {
				return []string{
					writeFile(t, dir, "bad.gz", []byte("\x1f\x8bnot gzip at all")),
					writeFile(t, dir, "bad.zip", []byte("PK\x03\x04 not a zip")),
				}
			},
			check: func(t *testing.T, evs []*Event, rep *Report) {
				got := unreadable(rep)
				if len(rep.Unreadable) != 2 || !strings.Contains(got, "bad.gz: gzip: ") || !strings.Contains(got, "bad.zip: zip: ") {
					t.Errorf("unreadable %q", got)
				}
			},
		},
		{
			name: "macOS metadata and non-log members",
			files: one("mac.zip", func(t *testing.T) []byte {
				names := []string{"logs/a.json", "__MACOSX/logs/._a.json", "logs/._b.json", "logs/.DS_Store", "logs/empty.json", "logs/readme.bin"}
				bodies := []string{jsonLines(2), "\x00\x05\x16\x07", "\x00\x05\x16\x07", "\x00\x00\x00\x01Bud1", "", "\x00\x01\x02"}
				return zipOf(t, len(names), func(i int) string { return names[i] }, func(i int) string { return bodies[i] })
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(rep.Files) != 1 || len(evs) != 2 || rep.Files[0].Warnings != nil {
					t.Errorf("files %+v", rep.Files)
				}
				if !strings.Contains(rep.Summary(), "; ignored 5 archive members without logs (1 empty, 1 not a log format, 3 macOS metadata (__MACOSX/, ._*, .DS_Store))") {
					t.Errorf("summary %q", rep.Summary())
				}
			},
		},
		{
			name: "100,000 empty members",
			files: one("empty.zip", func(t *testing.T) []byte {
				return zipOf(t, 100000, func(i int) string { return "m" + itoa(i) }, func(int) string { return "" })
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(rep.Files) != 0 || rep.IgnoredMembers["empty"] != 100000 || len(rep.Summary()) > 200 {
					t.Errorf("files %d, ignored %v, summary %q", len(rep.Files), rep.IgnoredMembers, rep.Summary())
				}
			},
		},
		{
			name: "100,000 small non-log members",
			files: one("small.tar.gz", func(t *testing.T) []byte {
				m := make([]string, 0, 200000)
				for i := range 100000 {
					m = append(m, "m"+itoa(i), "x")
				}
				return gz(t, tarOf(t, m...))
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(rep.Files) != 0 || rep.IgnoredMembers[ignoredFormat] != 100000 {
					t.Errorf("files %d, ignored %v", len(rep.Files), rep.IgnoredMembers)
				}
			},
		},
		{
			name: "100,000 one-event members",
			files: one("many.tar.gz", func(t *testing.T) []byte {
				m := make([]string, 0, 200000)
				for i := range 100000 {
					m = append(m, "m"+itoa(i)+".json", jsonLines(1))
				}
				return gz(t, tarOf(t, m...))
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(rep.Files) != 100000 || len(evs) != 100000 {
					t.Errorf("files %d, events %d", len(rep.Files), len(evs))
				}
			},
		},
		{
			name: "many members that cannot be read",
			files: one("method.zip", func(t *testing.T) []byte {
				var buf bytes.Buffer
				zw := zip.NewWriter(&buf)
				for i := range 50 {
					w, err := zw.CreateRaw(&zip.FileHeader{Name: "m" + itoa(i) + ".json", Method: 99, CompressedSize64: 1, UncompressedSize64: 1})
					if err != nil {
						t.Fatal(err)
					}
					w.Write([]byte("x"))
				}
				zw.Close()
				return buf.Bytes()
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				s := rep.Summary()
				if len(rep.Unreadable) != 50 || strings.Count(s, "\nunreadable: ") != 21 ||
					!strings.HasSuffix(s, "\nunreadable: ... and 30 more (Report.Unreadable)") ||
					!strings.HasSuffix(rep.Unreadable[0].String(), "method.zip!m0.json: zip: unsupported compression algorithm") {
					t.Errorf("%d unreadable, summary %q", len(rep.Unreadable), s)
				}
			},
		},
		{
			name: "byte-order marks in members",
			files: one("bom.tar.gz", func(t *testing.T) []byte {
				bom := "\xef\xbb\xbf"
				return gz(t, tarOf(t, "a.json", bom+jsonLines(2), "b.csv", bom+"_time,a\n1,x\n"))
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				wantFile(t, rep, 0, "2 events, 0 skipped")
				wantFile(t, rep, 1, "1 events, 0 skipped")
				if len(evs) != 3 || evs[0].Raw != `{"_time":1700000000,"n":0}` {
					t.Errorf("%d events, first %q", len(evs), evs[0].Raw)
				}
			},
		},
		{
			name: "member names with control characters",
			files: one("names.tar", func(t *testing.T) []byte {
				return tarOf(t, "x\n fake: line.json", jsonLines(1), "\x1b[2Jy\u202e.json", `{"a":`+"\n")
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(rep.Files) != 2 || !strings.HasSuffix(rep.Files[0].Path, `names.tar!x\n fake: line.json`) ||
					!strings.HasSuffix(rep.Files[1].Path, `names.tar!\x1b[2Jy\u202e.json`) {
					t.Errorf("paths %q, %q", rep.Files[0].Path, rep.Files[1].Path)
				}
				if s := rep.Summary(); strings.Count(s, "\n") != 0 || strings.ContainsAny(s, "\x1b\u202e") {
					t.Errorf("summary %q", s)
				}
			},
		},
	})
}

func TestUnreadableFileInDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	dir := t.TempDir()
	writeFile(t, dir, "a.json", []byte(jsonLines(2)))
	b := writeFile(t, dir, "b.json", []byte(jsonLines(1)))
	if err := os.Chmod(b, 0); err != nil {
		t.Fatal(err)
	}
	evs, _, rep, err := LoadEvents(context.Background(), []string{dir}, Options{})
	if err != nil || len(evs) != 2 || unreadable(rep) != b+": open: permission denied" {
		t.Errorf("%v, %d events, unreadable %q", err, len(evs), unreadable(rep))
	}
	if !strings.HasSuffix(rep.Summary(), "\nunreadable: "+b+": open: permission denied") {
		t.Errorf("summary %q", rep.Summary())
	}
}
