package ingest

import (
	"bytes"
	"testing"
)

func index2Ref(b []byte, i int, x, y byte) int {
	for ; i < len(b); i++ {
		if b[i] == x || b[i] == y {
			return i
		}
	}
	return -1
}

func TestIndex2(t *testing.T) {
	s := []byte(`abc,def"ghijklmnopqrstuvwxyz0123456789\` + "\x80\xff,\x01\n")
	for i := 0; i <= len(s); i++ {
		for _, p := range [][2]byte{{',', '\n'}, {'"', '\\'}, {0x80, 0x01}} {
			if got, want := index2(s, i, p[0], p[1]), index2Ref(s, i, p[0], p[1]); got != want {
				t.Errorf("index2(%q, %d, %q, %q) = %d, want %d", s, i, p[0], p[1], got, want)
			}
		}
	}
}

// FuzzIndex2 checks index2 against a byte-at-a-time search.
func FuzzIndex2(f *testing.F) {
	f.Add([]byte("abcdefgh,ijk\nl"), byte(','), byte('\n'))
	f.Add(bytes.Repeat([]byte{0xff}, 20), byte(0xfe), byte(0))
	f.Fuzz(func(t *testing.T, b []byte, x, y byte) {
		for i := 0; i <= len(b) && i < 17; i++ {
			if got, want := index2(b, i, x, y), index2Ref(b, i, x, y); got != want {
				t.Fatalf("index2(%q, %d, %q, %q) = %d, want %d", b, i, x, y, got, want)
			}
		}
	})
}
