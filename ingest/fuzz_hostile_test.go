package ingest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzJSONFlatten: flattening ends, never panics, and stays within its
// bounds of fields and name bytes, whatever the input.
func FuzzJSONFlatten(f *testing.F) {
	key := strings.Repeat("k", 5000)
	f.Add(`{"` + key + `":[` + strings.Repeat("1,", 2500) + `1]}`)
	f.Add(`{"` + key + `":[` + strings.Repeat(`{"b":{"c":[1]}},[2],`, 400) + `1]}`)
	f.Add(`{"` + key + `":{` + distinctMembers(2500) + `}}`)
	f.Add(`{"a":"\ud83d\ude00\u00e9\"","b":[{"c":"]"}],"d":-1.5e3,"e":null,"f":[[1,[2]]]}`)
	f.Add(`{"a\u0041":{"x":1},"b\u0042":{"x":2},"a":[{"a\u0041":[{"x":[1]}]}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		fields := 0
		truncated, err := flattenJSON(s, func(string, string) { fields++ })
		if fields > maxJSONFields {
			t.Fatalf("%d fields", fields)
		}
		if err == nil && !truncated && fields > len(s) {
			t.Fatalf("%d fields from %d bytes", fields, len(s))
		}
	})
}

// FuzzCSVEvents: the CSV event reader ends and reports only events, skips
// or io.EOF, with stray and unbalanced quotes anywhere.
func FuzzCSVEvents(f *testing.F) {
	f.Add([]byte("_time,host,item\n1,a,5\" disk\n2,b,ok\n3,c,\"quoted, fine\"\n4,d,x\"y\"z\n5,e,last\n"))
	f.Add([]byte("_time,host,item\n1,a,\"5 disk\n2,b,ok\n3,c,\"multi\nline\"\n4,d,x\n"))
	f.Add([]byte("\xef\xbb\xbf_time,\"a\"\"b\",c\r\n1,\"x\r\ny\",z\r\n"))
	f.Add([]byte("a,b,\"" + strings.Repeat("c", 1000)))
	f.Fuzz(func(t *testing.T, b []byte) { fuzzReader(t, FormatCSV, b) })
}

// FuzzArchive: any bytes read as a file (gzip, tar, zip, nested, cut)
// give results and Report entries, never an error or a panic, in bounded
// time and memory.
func FuzzArchive(f *testing.F) {
	lines := []byte(jsonLines(3))
	nested := lines
	for range 12 {
		nested = gzBytes(nested)
	}
	f.Add(nested)
	tgz := gzBytes(tarBytes("a.json", string(lines), "__MACOSX/._a.json", "x", "b\n.json", string(lines)))
	f.Add(tgz)
	f.Add(tgz[:len(tgz)/2])
	f.Add(tarBytes("a.json", string(lines))[:700])
	f.Add(gzBytes(tarBytes("in.tar.gz", string(tgz))))
	f.Add([]byte("PK\x03\x04 not a zip"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(dir, "in")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, rep, err := LoadEvents(context.Background(), []string{p}, Options{MaxDecompressedBytes: 8 << 20, MaxRecordBytes: 1 << 20})
		if err != nil {
			t.Fatalf("error %v", err)
		}
		for _, e := range rep.Unreadable {
			if e.Path == "" || e.Reason == "" || strings.ContainsAny(e.Path, "\n\r") {
				t.Fatalf("unreadable %+v", e)
			}
		}
		for _, fr := range rep.Files {
			if strings.ContainsAny(fr.Path, "\n\r\x1b") {
				t.Fatalf("path %q", fr.Path)
			}
		}
	})
}

func gzBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func tarBytes(members ...string) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for i := 0; i+1 < len(members); i += 2 {
		tw.WriteHeader(&tar.Header{Name: members[i], Mode: 0o644, Size: int64(len(members[i+1])), Typeflag: tar.TypeReg})
		tw.Write([]byte(members[i+1]))
	}
	tw.Close()
	return buf.Bytes()
}
