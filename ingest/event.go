package ingest

import (
	"errors"
	"fmt"
	"strings"
)

// Event is one raw record: its fields in order, plus Splunk's metadata.
//
// A field may occur several times: that is a multivalue field, its values
// in order (eventtype, tag, JSON arrays "a{}", repeated unnamed <Data>).
// Fields hold, in this order: the fields the reader extracted, then the
// search-time fields the add-on knowledge adds (Mappings.Fields: dest,
// process_name, user, ...), then eventtype and tag. Values are usually
// substrings of Raw, so keeping events costs little beyond the input.
type Event struct {
	Fields     []Field // names are case-sensitive
	Time       float64 // _time: epoch seconds with fraction (microseconds)
	Raw        string  // _raw: the record's text as in the file (for XML the <Event> element)
	Host       string
	Source     string
	Sourcetype string
	Index      string
	Line       int // 1-based line where the record starts in its file
}

// Field is one named value of an Event.
type Field struct {
	Name, Value string
}

// Get returns the value of the first field called name (case-sensitive).
// It does not look at metadata; see Lookup.
func (e *Event) Get(name string) (string, bool) {
	for i := range e.Fields {
		if e.Fields[i].Name == name {
			return e.Fields[i].Value, true
		}
	}
	return "", false
}

// Values returns every value of the field called name, in order (nil when
// the event has no such field).
func (e *Event) Values(name string) []string {
	var out []string
	for i := range e.Fields {
		if e.Fields[i].Name == name {
			out = append(out, e.Fields[i].Value)
		}
	}
	return out
}

// Lookup is Get that also answers Splunk's default fields: host, source,
// sourcetype, index, _raw and linecount come from the metadata when no
// extracted field has the name.
func (e *Event) Lookup(name string) (string, bool) {
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

func (e *SkipError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// IsSkip reports whether err is (or wraps) a *SkipError.
func IsSkip(err error) bool {
	var s *SkipError
	return errors.As(err, &s)
}
