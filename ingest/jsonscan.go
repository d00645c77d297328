package ingest

import (
	"errors"
	"unicode/utf16"
	"unicode/utf8"
)

// Kinds of JSON values scanObject reports.
const (
	jsonString = 's' // a string, unescaped
	jsonLit    = 'n' // a number, true or false, as written
	jsonNull   = 'z' // null
	jsonRaw    = 'r' // a nested object or array, as written
)

var (
	errNotObject = errors.New("not a JSON object")
	errJSON      = errors.New("malformed JSON")
)

// scanObject scans one flat JSON object in line, calling fn for each
// member in order with its key and value. Keys are compared exactly
// (JSON keys are case-sensitive, unlike encoding/json's struct decoding).
// Strings with escapes are unescaped by appending to *scratch, whose
// spare capacity must be at least len(line) so it never reallocates
// (values alias *scratch or line; they are valid until either is reused). Nested objects and arrays
// are passed whole, as written. It returns an error for malformed input
// and never panics.
func scanObject(line []byte, scratch *[]byte, fn func(key, val []byte, kind byte)) error {
	return scanObjectSome(line, scratch, nil, fn)
}

// scanObjectSome is scanObject for the members want selects (by key, in
// order; nil: every member): fn is called for those only, and the string
// values of the others are checked (the same errors) but not unescaped.
func scanObjectSome(line []byte, scratch *[]byte, want func(key []byte) bool, fn func(key, val []byte, kind byte)) error {
	i := skipWS(line, 0)
	if i >= len(line) || line[i] != '{' {
		return errNotObject
	}
	i = skipWS(line, i+1)
	if i < len(line) && line[i] == '}' {
		if skipWS(line, i+1) != len(line) {
			return errJSON
		}
		return nil
	}
	for {
		if i >= len(line) || line[i] != '"' {
			return errJSON
		}
		key, next, err := scanString(line, i+1, scratch)
		if err != nil {
			return err
		}
		i = skipWS(line, next)
		if i >= len(line) || line[i] != ':' {
			return errJSON
		}
		i = skipWS(line, i+1)
		if i >= len(line) {
			return errJSON
		}
		var val []byte
		var kind byte
		wanted := want == nil || want(key)
		switch c := line[i]; {
		case c == '"' && !wanted:
			if i, err = skipString(line, i+1); err != nil {
				return err
			}
			kind = jsonString
		case c == '"':
			val, i, err = scanString(line, i+1, scratch)
			if err != nil {
				return err
			}
			kind = jsonString
		case c == '{' || c == '[':
			end, err := skipNested(line, i)
			if err != nil {
				return err
			}
			val, kind, i = line[i:end], jsonRaw, end
		default:
			s := i
			for i < len(line) && line[i] != ',' && line[i] != '}' && line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\n' {
				i++
			}
			val = line[s:i]
			if len(val) == 0 {
				return errJSON
			}
			kind = jsonLit
			if string(val) == "null" {
				kind = jsonNull
			}
		}
		if wanted {
			fn(key, val, kind)
		}
		i = skipWS(line, i)
		if i >= len(line) {
			return errJSON
		}
		if line[i] == '}' {
			if skipWS(line, i+1) != len(line) {
				return errJSON
			}
			return nil
		}
		if line[i] != ',' {
			return errJSON
		}
		i = skipWS(line, i+1)
	}
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// scanString reads the string starting after its opening quote at i and
// returns its unescaped value and the index after the closing quote.
// Strings without escapes alias b; others are unescaped into *scratch,
// copying the runs between backslashes whole.
func scanString(b []byte, i int, scratch *[]byte) ([]byte, int, error) {
	j := index2(b, i, '"', '\\')
	if j < 0 {
		return nil, 0, errJSON
	}
	if b[j] == '"' {
		return b[i:j], j + 1, nil
	}
	start := len(*scratch)
	out := *scratch
	for {
		out = append(out, b[i:j]...)
		if b[j] == '"' {
			*scratch = out
			return out[start:], j + 1, nil
		}
		var err error
		out, i, err = unescape(b, j, out)
		if err != nil {
			return nil, 0, err
		}
		if j = index2(b, i, '"', '\\'); j < 0 {
			return nil, 0, errJSON
		}
	}
}

// skipString is scanString without the value: it returns the index after
// the closing quote, with scanString's errors for bad escapes.
func skipString(b []byte, i int) (int, error) {
	for {
		j := index2(b, i, '"', '\\')
		if j < 0 {
			return 0, errJSON
		}
		if b[j] == '"' {
			return j + 1, nil
		}
		if j+1 >= len(b) {
			return 0, errJSON
		}
		switch b[j+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i = j + 2
		case 'u':
			if _, ok := hex4(b, j+2); !ok {
				return 0, errJSON
			}
			i = j + 6
		default:
			return 0, errJSON
		}
	}
}

// unescape appends the value of the escape sequence at b[i] (a backslash)
// to out and returns the index after it.
func unescape(b []byte, i int, out []byte) ([]byte, int, error) {
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
					return utf8.AppendRune(out, d), i + 6, nil
				}
			}
			r = utf8.RuneError
		}
		return utf8.AppendRune(out, r), i, nil
	default:
		return nil, 0, errJSON
	}
	return out, i + 2, nil
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// skipNested returns the index after the object or array starting at i.
func skipNested(b []byte, i int) (int, error) {
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if i >= len(b) {
				return 0, errJSON
			}
		}
		i++
	}
	return 0, errJSON
}
