package eval

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilProgram: the methods of a nil or zero Program fail with an error
// instead of panicking.
func TestNilProgram(t *testing.T) {
	for _, p := range []*Program{nil, {}} {
		res := niltest.CallAll(t, p)
		for _, m := range []string{"Exec"} {
			if niltest.LastError(res[m]) == nil {
				t.Errorf("%s on %#v returned no error", m, p)
			}
		}
	}
}

// TestNilReceivers: the methods of nil and zero Errors, filters, reads,
// prepared reads, lookup tables and results return empty values instead
// of panicking.
func TestNilReceivers(t *testing.T) {
	for _, v := range []any{
		(*Error)(nil), new(Error),
		(*EventFilter)(nil), new(EventFilter),
		(*EventRead)(nil), new(EventRead),
		(*LookupTable)(nil), new(LookupTable),
		(*Prepared)(nil), new(Prepared),
		(*Result)(nil), new(Result),
		(*TableFilter)(nil), new(TableFilter),
		CommandPosition(0), ErrorList{}, ErrorList{nil}, Record{}, Row{}, Value{},
	} {
		niltest.CallAll(t, v)
	}
	(*Prepared)(nil).Add(Record{}, []string{"k"})
	NewPrepared([]*EventRead{nil}).Finish()
	if got := (*Error)(nil).Error(); got != "eval: nil Error" {
		t.Errorf("nil Error() = %q", got)
	}
}
