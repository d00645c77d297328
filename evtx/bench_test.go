package evtx

import (
	"os"
	"testing"
)

// sampleChunks returns every used chunk of the shared sample files.
func sampleChunks(b *testing.B) [][]byte {
	var chunks [][]byte
	for _, path := range sampleFiles(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		for off := FileHeaderSize; off+ChunkSize <= len(data); off += ChunkSize {
			if string(data[off:off+8]) == ChunkMagic {
				chunks = append(chunks, data[off:off+ChunkSize])
			}
		}
	}
	return chunks
}

// BenchmarkDecodeChunks decodes every chunk of the shared samples on one
// goroutine: the decoder alone (binary XML to XML text), MB/s of chunks.
func BenchmarkDecodeChunks(b *testing.B) {
	chunks := sampleChunks(b)
	b.SetBytes(int64(len(chunks) * ChunkSize))
	b.ReportAllocs()
	var d Decoder
	records := 0
	for b.Loop() {
		records = 0
		for _, c := range chunks {
			out, err := d.Decode(c)
			if err != nil {
				b.Fatal(err)
			}
			records += len(out.Records)
		}
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
