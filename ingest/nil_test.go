package ingest

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilReceivers: the methods of nil and zero Events, Mappings, Reports
// and rules, given zero arguments (nil events, nil funcs), return empty
// results instead of panicking.
func TestNilReceivers(t *testing.T) {
	// At, read once per field, has no nil check: like an index into a
	// slice, it panics out of range, and a nil Event has no fields.
	niltest.CallAll(t, (*Event)(nil), "At")
	for _, v := range []any{
		new(Event),
		(*Mappings)(nil), new(Mappings),
		(*Mapping)(nil), new(Mapping),
		(*Condition)(nil), new(Condition),
		(*FieldRule)(nil), new(FieldRule),
		(*Report)(nil), new(Report),
		(*SkipError)(nil), new(SkipError),
		FileError{}, Skip{},
	} {
		niltest.CallAll(t, v)
	}
}

// TestNilEvent: a nil Event reads as an event without fields or metadata.
func TestNilEvent(t *testing.T) {
	var e *Event
	if n := e.Len(); n != 0 {
		t.Errorf("Len = %d, want 0", n)
	}
	if v, ok := e.Lookup("_raw"); ok || v != "" {
		t.Errorf("Lookup(_raw) = %q, %v, want none", v, ok)
	}
	if got := e.Fields(); len(got) != 0 {
		t.Errorf("Fields = %v, want none", got)
	}
	e.Add("a", "b") // does nothing
	DefaultMappings().Enrich(nil)
	if got := (*Mappings)(nil).Extend(DefaultMappings()); len(got.Fields) != len(DefaultMappings().Fields) {
		t.Errorf("nil.Extend(default) has %d field groups, want %d", len(got.Fields), len(DefaultMappings().Fields))
	}
	if got := (*Report)(nil).Summary(); got != (&Report{}).Summary() {
		t.Errorf("nil Summary = %q, want the empty report's %q", got, (&Report{}).Summary())
	}
}

// TestNilEnrichZeroMappings: zero Mappings enrich a real event with
// nothing, instead of panicking.
func TestNilEnrichZeroMappings(t *testing.T) {
	ev := NewEvent("x", Field{"a", "1"})
	new(Mappings).Enrich(ev)
	if ev.Len() != 1 {
		t.Errorf("zero Mappings added fields: %v", ev.Fields())
	}
}

// TestNilReader: every reader over a nil io.Reader fails with an error.
func TestNilReader(t *testing.T) {
	for _, f := range []string{FormatXML, FormatWinEventLog, FormatNXLog, FormatWinlogbeat, FormatSysmonLinux, FormatJSON, FormatCSV, FormatEVTX} {
		r, err := NewReader(nil, f)
		if err == nil {
			t.Errorf("NewReader(nil, %q) returned no error", f)
		}
		if r == nil {
			t.Fatalf("NewReader(nil, %q) returned a nil Reader", f)
		}
		if _, err := r.Next(); err == nil {
			t.Errorf("NewReader(nil, %q).Next() returned no error", f)
		}
	}
	for _, r := range []Reader{NewXMLReader(nil), NewNXLogReader(nil), NewJSONReader(nil)} {
		if _, err := r.Next(); err == nil {
			t.Errorf("%T.Next() over nil returned no error", r)
		}
	}
}
