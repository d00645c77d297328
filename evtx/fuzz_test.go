package evtx

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeChunk feeds arbitrary chunks to the decoder: it must never
// panic, and what it renders is valid UTF-8 made of whole records. Seeds:
// synthetic chunks, and the start of the first chunk of a few shared
// sample files when ../shared is present. Seeds are cut after their first
// records (a chunk cut short is valid input), since the fuzzer mutates
// and minimises small inputs much faster than 64 KiB ones.
func FuzzDecodeChunk(f *testing.F) {
	for _, noDep := range []bool{false, true} {
		c := testChunk(noDep)
		f.Add(c[:binary.LittleEndian.Uint32(c[48:])])
	}
	files, _ := filepath.Glob(filepath.Join(samplesDir, "*.evtx"))
	for i, path := range files {
		if i >= 6 {
			break
		}
		b, err := os.ReadFile(path)
		if err == nil && len(b) >= FileHeaderSize+ChunkSize {
			f.Add(firstRecords(b[FileHeaderSize:FileHeaderSize+ChunkSize], 3))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Decoder
		c, err := d.Decode(b)
		if err != nil {
			return
		}
		if !utf8.Valid(c.XML) {
			t.Fatalf("invalid UTF-8 in the rendered XML")
		}
		n := 0
		for _, r := range c.Records {
			if len(r.XML) == 0 {
				t.Fatalf("record %d rendered to nothing", r.ID)
			}
			n += len(r.XML)
		}
		if n != len(c.XML) {
			t.Fatalf("records hold %d bytes of %d", n, len(c.XML))
		}
	})
}

// firstRecords cuts a chunk after its first n records.
func firstRecords(chunk []byte, n int) []byte {
	pos := chunkHeaderSize
	for range n {
		if pos+8 > len(chunk) || string(chunk[pos:pos+4]) != recordMagic {
			break
		}
		size := int(binary.LittleEndian.Uint32(chunk[pos+4:]))
		if size <= 0 || pos+size > len(chunk) {
			break
		}
		pos += size
	}
	return chunk[:pos]
}
