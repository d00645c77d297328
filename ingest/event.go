package ingest

import (
	"errors"
	"fmt"
)

// Event is one raw record: its fields in source order, plus Splunk's
// metadata.
type Event struct {
	Fields     []Field // in the order the record holds them; names are case-sensitive
	Time       float64 // _time: epoch seconds with fraction
	Raw        string  // _raw: the record's text
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
func (e *Event) Get(name string) (string, bool) {
	for i := range e.Fields {
		if e.Fields[i].Name == name {
			return e.Fields[i].Value, true
		}
	}
	return "", false
}

// Reader reads events one at a time. Next returns io.EOF at the end; a
// *SkipError reports one record that could not be read, and the caller may
// call Next again to continue past it. Any other error ends the stream.
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
