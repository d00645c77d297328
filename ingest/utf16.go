package ingest

import (
	"bufio"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// fromUTF16 returns br itself, or, when br starts with a UTF-16 byte-order
// mark (FF FE little-endian, as Windows PowerShell 5 writes "> file";
// FE FF big-endian), a reader of the same text in UTF-8 without the mark.
// Unpaired surrogates become U+FFFD.
func fromUTF16(br *bufio.Reader) *bufio.Reader {
	head, _ := br.Peek(2)
	if len(head) < 2 {
		return br
	}
	var big bool
	switch {
	case head[0] == 0xff && head[1] == 0xfe:
	case head[0] == 0xfe && head[1] == 0xff:
		big = true
	default:
		return br
	}
	br.Discard(2)
	return bufio.NewReaderSize(&utf16Reader{r: br, big: big}, 256<<10)
}

// utf16Reader transcodes UTF-16 to UTF-8.
type utf16Reader struct {
	r    *bufio.Reader
	big  bool
	out  []byte // transcoded, not yet returned
	high rune   // a high surrogate waiting for its pair (0: none)
	err  error
}

func (u *utf16Reader) unit(b []byte) rune {
	if u.big {
		return rune(b[0])<<8 | rune(b[1])
	}
	return rune(b[1])<<8 | rune(b[0])
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		u.fill()
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// fill transcodes the next block of input into out.
func (u *utf16Reader) fill() {
	in, err := u.r.Peek(32 << 10)
	if len(in) < 2 && err != nil {
		u.out = u.out[:0]
		if u.high != 0 { // unpaired at the end
			u.out = utf8.AppendRune(u.out, utf8.RuneError)
			u.high = 0
		}
		if len(in) == 1 { // half a code unit at the end
			u.out = utf8.AppendRune(u.out, utf8.RuneError)
			u.r.Discard(1)
		}
		if err == bufio.ErrBufferFull {
			err = nil
		}
		u.err = err
		if u.err == nil {
			u.err = io.EOF
		}
		return
	}
	n := len(in) &^ 1
	out := u.out[:0]
	for i := 0; i < n; i += 2 {
		r := u.unit(in[i:])
		switch {
		case u.high != 0 && utf16.IsSurrogate(r) && r >= 0xdc00:
			out = utf8.AppendRune(out, utf16.DecodeRune(u.high, r))
			u.high = 0
			continue
		case u.high != 0:
			out = utf8.AppendRune(out, utf8.RuneError)
			u.high = 0
		}
		switch {
		case r >= 0xd800 && r < 0xdc00:
			u.high = r
		case utf16.IsSurrogate(r):
			out = utf8.AppendRune(out, utf8.RuneError)
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	u.r.Discard(n)
	u.out = out
}
