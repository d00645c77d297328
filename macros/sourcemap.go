package macros

import "sort"

// ref names where a byte was written: offset off of the searched text
// (call < 0) or of the definition of the macro expanded by Calls[call].
type ref struct {
	call int
	off  int
}

// piece says that the bytes of a text from at up to the next piece's at
// were written contiguously starting at ref.
type piece struct {
	at  int
	ref ref
}

// refAt returns where byte p of a text with pieces pcs was written.
func refAt(pcs []piece, p int) ref {
	k := sort.Search(len(pcs), func(i int) bool { return pcs[i].at > p }) - 1
	if k < 0 {
		return ref{call: -1}
	}
	r := pcs[k].ref
	r.off += p - pcs[k].at
	return r
}

// addPiece appends piece{at, r} to dst, merging it with the last piece when
// it continues that piece's run.
func addPiece(dst []piece, at int, r ref) []piece {
	if n := len(dst); n > 0 {
		last := dst[n-1]
		if last.ref.call == r.call && last.ref.off+(at-last.at) == r.off {
			return dst
		}
		if last.at == at {
			dst[n-1].ref = r
			return dst
		}
	}
	return append(dst, piece{at: at, ref: r})
}

// appendRange appends to dst the pieces that describe bytes [a, b) of a text
// with pieces src, placed at offset base of the destination text.
func appendRange(dst []piece, base int, src []piece, a, b int) []piece {
	if a >= b {
		return dst
	}
	k := max(sort.Search(len(src), func(i int) bool { return src[i].at > a })-1, 0)
	for ; k < len(src) && src[k].at < b; k++ {
		pa := max(src[k].at, a)
		r := src[k].ref
		r.off += pa - src[k].at
		dst = addPiece(dst, base+pa-a, r)
	}
	return dst
}
