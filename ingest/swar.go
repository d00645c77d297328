package ingest

import (
	"encoding/binary"
	"math/bits"
)

// Byte searches for two bytes at once, eight bytes per step (SWAR): the
// scanners' inner loops, where runs between the bytes looked for are too
// short for two bytes.IndexByte calls to pay off.

const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// swarZero flags (high bit) the zero bytes of w; the lowest flag is always
// exact (flags above it may be false).
func swarZero(w uint64) uint64 { return (w - swarOnes) & ^w & swarHigh }

// index2 is the index of the first byte of b at or after i that is x or y,
// or -1.
func index2(b []byte, i int, x, y byte) int {
	mx, my := swarOnes*uint64(x), swarOnes*uint64(y)
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		if m := swarZero(w^mx) | swarZero(w^my); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(b); i++ {
		if b[i] == x || b[i] == y {
			return i
		}
	}
	return -1
}
