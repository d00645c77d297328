package ast

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// JSON returns the tree under n as indented JSON (two spaces), for `spelunk parse
// --json` and golden files. Each node is an object with "type" (the Go type
// name, e.g. "TstatsCommand") and "span" ([start, end] byte offsets), then
// its fields in declaration order under lower-camel-case keys ("bySpan").
// Fields holding their zero value (empty string, nil, empty list, false)
// are left out. A Literal is {"raw": ..., "quoted": true} with "value" added
// when escapes make it differ from raw.
func JSON(n Node) ([]byte, error) {
	if n == nil {
		return nil, errors.New("ast: nil node")
	}
	e := &jsonEncoder{}
	if err := e.value(reflect.ValueOf(n)); err != nil {
		return nil, err
	}
	return e.b.Bytes(), nil
}

// jsonEncoder writes indented JSON (two spaces), keeping each span on one
// line: "span": [2, 414].
type jsonEncoder struct {
	b     bytes.Buffer
	depth int
}

func (e *jsonEncoder) newline() {
	e.b.WriteByte('\n')
	for i := 0; i < e.depth; i++ {
		e.b.WriteString("  ")
	}
}

var (
	spanType    = reflect.TypeFor[Span]()
	literalType = reflect.TypeFor[Literal]()
)

func (e *jsonEncoder) value(v reflect.Value) error {
	b := &e.b
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		return e.value(v.Elem())
	case reflect.Slice:
		if v.Len() == 0 {
			b.WriteString("[]")
			return nil
		}
		b.WriteByte('[')
		e.depth++
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			e.newline()
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
		e.depth--
		e.newline()
		b.WriteByte(']')
		return nil
	case reflect.Struct:
		return e.object(v)
	case reflect.String:
		return e.str(v.String())
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
		return nil
	}
	s, err := json.Marshal(v.Interface())
	b.Write(s)
	return err
}

func (e *jsonEncoder) object(v reflect.Value) error {
	b := &e.b
	t := v.Type()
	b.WriteByte('{')
	e.depth++
	first := true
	key := func(k string) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		e.newline()
		b.WriteString(strconv.Quote(k))
		b.WriteString(": ")
	}
	closeObj := func() {
		e.depth--
		if !first {
			e.newline()
		}
		b.WriteByte('}')
	}
	if t == literalType {
		l := v.Interface().(Literal)
		key("raw")
		if err := e.value(reflect.ValueOf(l.Raw)); err != nil {
			return err
		}
		if l.Quoted {
			key("quoted")
			b.WriteString("true")
			if val := l.Value(); val != l.Raw {
				key("value")
				if err := e.value(reflect.ValueOf(val)); err != nil {
					return err
				}
			}
		}
		closeObj()
		return nil
	}
	if _, ok := t.FieldByName("Loc"); ok {
		key("type")
		b.WriteString(strconv.Quote(t.Name()))
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		fv := v.Field(i)
		if f.Type == spanType {
			s := fv.Interface().(Span)
			key("span")
			b.WriteString("[" + strconv.Itoa(int(s.Start)) + ", " + strconv.Itoa(int(s.End)) + "]")
			continue
		}
		if fv.IsZero() || (fv.Kind() == reflect.Slice && fv.Len() == 0) {
			continue
		}
		key(lowerCamel(f.Name))
		if err := e.value(fv); err != nil {
			return err
		}
	}
	closeObj()
	return nil
}

// str writes s as a JSON string without HTML escaping, so that <, > and &
// (foreach's <<FIELD>>, comparisons) stay readable.
func (e *jsonEncoder) str(s string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	e.b.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return nil
}

func lowerCamel(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
