package query

import (
	"testing"

	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilReceivers: the methods of a nil or zero Env and Search fail with
// an error (or return empty values) instead of panicking.
func TestNilReceivers(t *testing.T) {
	for _, e := range []*Env{nil, {}} {
		res := niltest.CallAll(t, e)
		for _, m := range []string{"Expand", "Compile", "CompileSource", "Plan", "Load", "LoadWith"} {
			if niltest.LastError(res[m]) == nil && e == nil {
				t.Errorf("(*Env)(nil).%s returned no error", m)
			}
		}
	}
	for _, s := range []*Search{nil, {}} {
		res := niltest.CallAll(t, s)
		for _, m := range []string{"Exec", "Explain"} {
			if niltest.LastError(res[m]) == nil {
				t.Errorf("%s on %#v returned no error", m, s)
			}
		}
	}
	var d *Data
	niltest.CallAll(t, d)
}

// TestNilErrorsAndEvents: nil and zero errors, explanations and event
// sources return empty values instead of panicking, and reads out of
// range are empty.
func TestNilErrorsAndEvents(t *testing.T) {
	for _, v := range []any{
		(*SearchError)(nil), new(SearchError),
		(*MemoryLimitError)(nil), new(MemoryLimitError),
		(*Explanation)(nil), new(Explanation),
		(*Events)(nil), new(Events),
		Needs{},
	} {
		niltest.CallAll(t, v)
	}
	if got := (*SearchError)(nil).Error(); got != "query: nil SearchError" {
		t.Errorf("nil SearchError = %q", got)
	}
	evs := NewEvents([]*ingest.Event{ingest.NewEvent("x")})
	if got := evs.AppendRecord(nil, 1); got != nil {
		t.Errorf("AppendRecord out of range = %v, want dst", got)
	}
	if v := evs.View(-1).Field("user"); !v.IsNull() {
		t.Errorf("View out of range has user = %v", v)
	}
	if v := EventView(nil).Field("user"); !v.IsNull() {
		t.Errorf("EventView(nil) has user = %v", v)
	}
	withNil := []*ingest.Event{nil, ingest.NewEvent("x"), nil}
	if n := NewEvents(withNil).Len(); n != 1 {
		t.Errorf("NewEvents with nil events: %d events, want 1", n)
	}
	if recs := EventRecords(withNil); len(recs) != 1 || withNil[0] != nil {
		t.Errorf("EventRecords with nil events: %d records (the slice given: %v)", len(recs), withNil)
	}
}

// TestPositionedNilExpansion: a SearchError without an expansion has no
// position, and no panic.
func TestPositionedNilExpansion(t *testing.T) {
	e := Positioned("parse", nil, 3, "bad")
	if e.Msg != "bad" || e.Stage != "parse" || e.Snippet != "" {
		t.Errorf("Positioned(nil expansion) = %#v", e)
	}
	_ = e.Detail()
}
