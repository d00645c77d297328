package ingest

import (
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// maxJSONDepth bounds nesting, so hostile input cannot exhaust the stack.
const maxJSONDepth = 100

var errJSONDepth = errors.New("JSON nested deeper than 100 levels")

// Bounds of one flattened JSON event: fields, and bytes of field names
// (names repeat their parents' names, so nested input could otherwise give
// names far longer than itself: a 50 KB key over 25,000 array elements).
const (
	maxJSONFields    = 10000
	maxJSONNameBytes = 1 << 20 // plus 4 bytes per input byte
	maxJSONNameCache = 4096
)

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
//
// Cost is linear in len(s): a name is built once per parent and key and
// shared by every array element that repeats it, and an event gives at
// most maxJSONFields fields whose names hold at most maxJSONNameBytes +
// 4*len(s) bytes; past either bound, the rest of the object is checked
// but gives no field, and truncated is true (the text stays in _raw).
func flattenJSON(s string, emit func(name, value string)) (truncated bool, err error) {
	f := &flattener{s: s, emit: emit, nameBytes: maxJSONNameBytes + 4*len(s)}
	f.ws()
	if f.i >= len(s) || s[f.i] != '{' {
		return false, errNotObject
	}
	if err := f.value("", 0); err != nil {
		return f.truncated, err
	}
	f.ws()
	if f.i != len(s) {
		return f.truncated, errJSON
	}
	return f.truncated, nil
}

type flattener struct {
	s         string
	i         int
	emit      func(name, value string)
	fields    int // emitted
	nameBytes int // left for new names
	truncated bool
	arrays    int // arrays the walk is in: names repeat only there
	names     map[nameKey]childName
}

// childName is a cached child name with its parent (kept so that the
// parent's address, part of the key, is not reused while cached).
type childName struct{ parent, name string }

// nameKey is a child name's parent (by its text's address and length:
// the parent names that repeat are themselves shared) and key.
type nameKey struct {
	parent uintptr
	n      int
	key    string // "" for an array's elements
	array  bool
}

// child is the name of parent's member key, or of its array elements
// (array true); "" with truncated set when the name budget is spent.
// Names built inside arrays, where they repeat, are cached.
func (f *flattener) child(parent, key string, array bool) string {
	if f.truncated {
		return ""
	}
	if parent == "" && !array {
		return key // a top-level key: a substring of s or its unescaped copy
	}
	cache := f.arrays > 0 // outside arrays, each name is built once anyway
	var k nameKey
	if cache {
		k = nameKey{uintptr(unsafe.Pointer(unsafe.StringData(parent))), len(parent), key, array}
		if array {
			k.key = ""
		}
		if c, ok := f.names[k]; ok && c.parent == parent {
			return c.name
		}
	}
	var name string
	if array {
		name = parent + "{}"
	} else {
		name = parent + "." + key
	}
	f.nameBytes -= len(name)
	if f.nameBytes < 0 {
		f.truncated = true
		return ""
	}
	if cache {
		if f.names == nil {
			f.names = map[nameKey]childName{}
		}
		if len(f.names) < maxJSONNameCache {
			f.names[k] = childName{parent, name}
		}
	}
	return name
}

// jsonTruncatedWarning reports the events flattenJSON truncated.
func jsonTruncatedWarning(n, line int) string {
	return itoa(n) + " JSON events had more than " + itoa(maxJSONFields) +
		" fields or longer field names than their size allows (first on line " + itoa(line) + "); the rest of each was not extracted (it stays in _raw)"
}

// leaf emits one field unless a bound was reached.
func (f *flattener) leaf(name, value string) {
	if f.truncated {
		return
	}
	if f.fields >= maxJSONFields {
		f.truncated = true
		return
	}
	f.fields++
	f.emit(name, value)
}

func (f *flattener) ws() {
	for f.i < len(f.s) && (f.s[f.i] == ' ' || f.s[f.i] == '\t' || f.s[f.i] == '\r' || f.s[f.i] == '\n') {
		f.i++
	}
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
			if err := f.value(f.child(name, key, false), depth+1); err != nil {
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
		elem := f.child(name, "{}", true)
		f.arrays++
		defer func() { f.arrays-- }()
		for {
			if err := f.value(elem, depth+1); err != nil {
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
		f.leaf(name, v)
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
			f.leaf(name, lit)
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
