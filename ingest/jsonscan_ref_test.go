package ingest

import (
	"bytes"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// scanStringRef is the byte-at-a-time scanString the faster one replaced; it
// reads the string starting after its opening quote at i and
// returns its unescaped value and the index after the closing quote.
// Strings without escapes alias b; others are unescaped into *scratch.
func scanStringRef(b []byte, i int, scratch *[]byte) ([]byte, int, error) {
	q := bytes.IndexByte(b[i:], '"')
	if q < 0 {
		return nil, 0, errJSON
	}
	if bytes.IndexByte(b[i:i+q], '\\') < 0 {
		return b[i : i+q], i + q + 1, nil
	}
	start := len(*scratch)
	out := *scratch
	for i < len(b) {
		c := b[i]
		switch {
		case c == '"':
			*scratch = out
			return out[start:], i + 1, nil
		case c != '\\':
			// copy the run up to the next quote or backslash
			j := i + 1
			for j < len(b) && b[j] != '"' && b[j] != '\\' {
				j++
			}
			out = append(out, b[i:j]...)
			i = j
			continue
		}
		if i+1 >= len(b) {
			return nil, 0, errJSON
		}
		switch b[i+1] {
		case '"', '\\', '/':
			out = append(out, b[i+1])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(b, i+2)
			if !ok {
				return nil, 0, errJSON
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(b, i+2); ok && i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						i += 6
						out = utf8.AppendRune(out, d)
						continue
					}
				}
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
			continue
		default:
			return nil, 0, errJSON
		}
		i += 2
	}
	return nil, 0, errJSON
}

// FuzzScanStringRef checks scanString against the reference scanner: same
// value, end and error for every input.
func FuzzScanStringRef(f *testing.F) {
	for _, s := range []string{`abc"`, `a\\b"x`, `\"q\""`, `\u00e9\ud83d\ude00"`, `\ud83d"`, `a\x"`, `\`, `a\"`, `C:\\Windows\\x.exe\" -k" , "n":1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s1 := make([]byte, 0, len(b))
		s2 := make([]byte, 0, len(b))
		v1, e1, err1 := scanString(b, 0, &s1)
		v2, e2, err2 := scanStringRef(b, 0, &s2)
		if (err1 == nil) != (err2 == nil) || e1 != e2 || !bytes.Equal(v1, v2) {
			t.Fatalf("%q: got %q %d %v, reference %q %d %v", b, v1, e1, err1, v2, e2, err2)
		}
	})
}
