package ingest

import (
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Event is one raw record: its fields in order, plus Splunk's metadata.
//
// A field may occur several times: that is a multivalue field, its values
// in order (eventtype, tag, JSON arrays "a{}", repeated unnamed <Data>).
// Fields hold, in this order: the fields the reader extracted, then the
// search-time fields the add-on knowledge adds (Mappings.Fields: dest,
// process_name, user, ...), then eventtype and tag. Read them with Len and
// At, All, Get, Values or Lookup; add one with Add.
//
// Events from Load, Walk and the Readers are stored compactly: a value that
// is a substring of Raw is kept as its offset and length in Raw, any other
// value in a per-event arena, and the names as one slice shared by the
// events with the same field names, so keeping an event costs its Raw text
// plus 4 bytes per field (8 when Raw and the arena reach 64 KiB). A
// search-time alias that copies another field's value shares its bytes.
type Event struct {
	Time       float64 // _time: epoch seconds with fraction (microseconds)
	Raw        string  // _raw: the record's text as in the file (for XML the <Event> element)
	Host       string
	Source     string
	Sourcetype string
	Index      string
	Line       int // 1-based line where the record starts in its file

	// fields is the event's fields while it is built (readers, search-time
	// knowledge) or after Add; when it is nil and vals is not, the fields
	// are names (names are case-sensitive) and vals.
	fields []Field
	names  []string // compact names, shared between events: never modified
	vals   []uint32 // compact values: offsets and lengths (see valueAt)
	extra  string   // compact values that are not substrings of Raw
}

// Field is one named value of an Event.
type Field struct {
	Name, Value string
}

// NewEvent returns an event with the given fields (copied) and raw text.
func NewEvent(raw string, fields ...Field) *Event {
	return &Event{Raw: raw, fields: append([]Field(nil), fields...)}
}

// inExtra marks a compact value's offset as an offset into extra.
const inExtra = 1 << 31

// compact reports whether e holds its fields in the compact form.
func (e *Event) compact() bool { return e.fields == nil && e.vals != nil }

// Len returns the number of fields (a multivalue field counts once per
// value); 0 for a nil Event.
func (e *Event) Len() int {
	if e == nil {
		return 0
	}
	if e.compact() {
		return len(e.names)
	}
	return len(e.fields)
}

// At returns field i (0 <= i < Len()). Like an index into a slice, an i
// out of range panics (a nil Event has no fields): At is read once per
// field, and a check would cost every read.
func (e *Event) At(i int) Field {
	if e.compact() {
		return Field{e.names[i], e.valueAt(i)}
	}
	return e.fields[i]
}

// nameAt is At(i).Name.
func (e *Event) nameAt(i int) string {
	if e.compact() {
		return e.names[i]
	}
	return e.fields[i].Name
}

// valueAt is At(i).Value.
func (e *Event) valueAt(i int) string {
	if !e.compact() {
		return e.fields[i].Value
	}
	if len(e.vals) == len(e.names) {
		// narrow: offset<<16 | length into Raw followed by extra
		off, n := int(e.vals[i]>>16), int(e.vals[i]&0xffff)
		if off >= len(e.Raw) {
			off -= len(e.Raw)
			return e.extra[off : off+n]
		}
		return e.Raw[off : off+n]
	}
	off, n := e.vals[2*i], e.vals[2*i+1]
	if off&inExtra != 0 {
		off &^= inExtra
		return e.extra[off : off+n]
	}
	return e.Raw[off : off+n]
}

// All iterates over the fields in order, with their index.
func (e *Event) All() iter.Seq2[int, Field] {
	return func(yield func(int, Field) bool) {
		for i := range e.Len() {
			if !yield(i, e.At(i)) {
				return
			}
		}
	}
}

// Fields returns a copy of the fields, in order.
func (e *Event) Fields() []Field {
	out := make([]Field, e.Len())
	for i := range out {
		out[i] = e.At(i)
	}
	return out
}

// Add appends a field (a second value when the name is already there).
// On a nil Event it does nothing.
func (e *Event) Add(name, value string) {
	if e == nil {
		return
	}
	if e.compact() {
		e.fields = e.Fields()
		e.names, e.vals, e.extra = nil, nil, ""
	}
	e.fields = append(e.fields, Field{name, value})
}

// Get returns the value of the first field called name (case-sensitive).
// It does not look at metadata; see Lookup.
func (e *Event) Get(name string) (string, bool) {
	for i := range e.Len() {
		if e.nameAt(i) == name {
			return e.valueAt(i), true
		}
	}
	return "", false
}

// Values returns every value of the field called name, in order (nil when
// the event has no such field).
func (e *Event) Values(name string) []string {
	var out []string
	for i := range e.Len() {
		if e.nameAt(i) == name {
			out = append(out, e.valueAt(i))
		}
	}
	return out
}

// Lookup is Get that also answers Splunk's default fields: host, source,
// sourcetype, index, _raw and linecount come from the metadata when no
// extracted field has the name. A nil Event has no fields and no metadata.
func (e *Event) Lookup(name string) (string, bool) {
	if e == nil {
		return "", false
	}
	if v, ok := e.Get(name); ok {
		return v, true
	}
	return e.meta(name)
}

// meta answers the default fields from the metadata.
func (e *Event) meta(name string) (string, bool) {
	switch name {
	case "host":
		return e.Host, e.Host != ""
	case "source":
		return e.Source, e.Source != ""
	case "sourcetype":
		return e.Sourcetype, e.Sourcetype != ""
	case "index":
		return e.Index, e.Index != ""
	case "_raw":
		return e.Raw, true
	case "linecount":
		return itoa(strings.Count(e.Raw, "\n") + 1), true
	}
	return "", false
}

// Reader reads events one at a time. Next returns io.EOF at the end; a
// *SkipError reports one record that could not be read, and the caller may
// call Next again to continue past it. Any other error ends the stream.
// Readers return events as the format gives them: no search-time fields,
// eventtypes or tags (Load and Walk add those).
type Reader interface {
	Next() (*Event, error)
}

// Warner is implemented by readers that have notes about the whole stream
// (for example a fallback time field), reported once per file.
type Warner interface {
	Warnings() []string
}

// SkipError reports one record a Reader skipped.
type SkipError struct {
	Line   int    // 1-based line where the record starts
	Reason string // why it was skipped
}

// Error returns "line N: reason".
func (e *SkipError) Error() string {
	if e == nil {
		return "ingest: nil SkipError"
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
}

// IsSkip reports whether err is (or wraps) a *SkipError.
func IsSkip(err error) bool {
	var s *SkipError
	return errors.As(err, &s)
}
