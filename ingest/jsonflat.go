package ingest

import (
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxJSONDepth bounds nesting, so hostile input cannot exhaust the stack.
const maxJSONDepth = 100

var errJSONDepth = errors.New("JSON nested deeper than 100 levels")

// flattenJSON walks one JSON object and calls emit for every leaf value,
// named the way Splunk's JSON extraction (KV_MODE=json, spath) names it:
//
//	{"a":{"b":1}}            a.b=1
//	{"a":[1,2]}              a{}=1, a{}=2        (a multivalue field)
//	{"a":[{"b":1},{"b":2}]}  a{}.b=1, a{}.b=2
//	{"a":[[1]]}              a{}{}=1
//
// Strings are unescaped; numbers, true and false are kept as written; null
// and empty objects or arrays give no field. Values without escapes are
// substrings of s. It returns an error for malformed input (the record is
// then skipped) and never panics.
func flattenJSON(s string, emit func(name, value string)) error {
	f := &flattener{s: s, emit: emit}
	f.ws()
	if f.i >= len(s) || s[f.i] != '{' {
		return errNotObject
	}
	if err := f.value("", 0); err != nil {
		return err
	}
	f.ws()
	if f.i != len(s) {
		return errJSON
	}
	return nil
}

type flattener struct {
	s    string
	i    int
	emit func(name, value string)
}

func (f *flattener) ws() {
	for f.i < len(f.s) && (f.s[f.i] == ' ' || f.s[f.i] == '\t' || f.s[f.i] == '\r' || f.s[f.i] == '\n') {
		f.i++
	}
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func (f *flattener) value(name string, depth int) error {
	if depth > maxJSONDepth {
		return errJSONDepth
	}
	f.ws()
	if f.i >= len(f.s) {
		return errJSON
	}
	switch c := f.s[f.i]; c {
	case '{':
		f.i++
		f.ws()
		if f.i < len(f.s) && f.s[f.i] == '}' {
			f.i++
			return nil
		}
		for {
			f.ws()
			if f.i >= len(f.s) || f.s[f.i] != '"' {
				return errJSON
			}
			key, err := f.str()
			if err != nil {
				return err
			}
			f.ws()
			if f.i >= len(f.s) || f.s[f.i] != ':' {
				return errJSON
			}
			f.i++
			if err := f.value(join(name, key), depth+1); err != nil {
				return err
			}
			f.ws()
			if f.i >= len(f.s) {
				return errJSON
			}
			if f.s[f.i] == '}' {
				f.i++
				return nil
			}
			if f.s[f.i] != ',' {
				return errJSON
			}
			f.i++
		}
	case '[':
		f.i++
		f.ws()
		if f.i < len(f.s) && f.s[f.i] == ']' {
			f.i++
			return nil
		}
		for {
			if err := f.value(name+"{}", depth+1); err != nil {
				return err
			}
			f.ws()
			if f.i >= len(f.s) {
				return errJSON
			}
			if f.s[f.i] == ']' {
				f.i++
				return nil
			}
			if f.s[f.i] != ',' {
				return errJSON
			}
			f.i++
		}
	case '"':
		v, err := f.str()
		if err != nil {
			return err
		}
		f.emit(name, v)
		return nil
	default:
		start := f.i
		for f.i < len(f.s) && f.s[f.i] != ',' && f.s[f.i] != '}' && f.s[f.i] != ']' &&
			f.s[f.i] != ' ' && f.s[f.i] != '\t' && f.s[f.i] != '\r' && f.s[f.i] != '\n' {
			f.i++
		}
		lit := f.s[start:f.i]
		if !validLiteral(lit) {
			return errJSON
		}
		if lit != "null" {
			f.emit(name, lit)
		}
		return nil
	}
}

// validLiteral accepts true, false, null and JSON numbers (loosely:
// digits, sign, dot, exponent).
func validLiteral(s string) bool {
	switch s {
	case "true", "false", "null":
		return true
	case "":
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			return false
		}
	}
	return true
}

// str reads the string at f.i (at its opening quote).
func (f *flattener) str() (string, error) {
	f.i++
	start := f.i
	q := strings.IndexByte(f.s[start:], '"')
	if q < 0 {
		return "", errJSON
	}
	if strings.IndexByte(f.s[start:start+q], '\\') < 0 {
		f.i = start + q + 1
		return f.s[start : start+q], nil
	}
	var sb strings.Builder
	i := start
	for i < len(f.s) {
		c := f.s[i]
		if c == '"' {
			f.i = i + 1
			return sb.String(), nil
		}
		if c != '\\' {
			sb.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(f.s) {
			return "", errJSON
		}
		switch f.s[i+1] {
		case '"', '\\', '/':
			sb.WriteByte(f.s[i+1])
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 't':
			sb.WriteByte('\t')
		case 'u':
			r, ok := hex4(view(f.s), i+2)
			if !ok {
				return "", errJSON
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(view(f.s), i+2); ok && i+1 < len(f.s) && f.s[i] == '\\' && f.s[i+1] == 'u' {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						i += 6
						sb.WriteRune(d)
						continue
					}
				}
				r = utf8.RuneError
			}
			sb.WriteRune(r)
			continue
		default:
			return "", errJSON
		}
		i += 2
	}
	return "", errJSON
}
