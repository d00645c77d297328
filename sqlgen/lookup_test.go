package sqlgen

import (
	"errors"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/diag"
)

// TestLookupRefuses: what lookup does not compile, per dialect, refused
// with its reason at the input that needs it.
func TestLookupRefuses(t *testing.T) {
	const base = `| tstats count from datamodel=Endpoint.Processes by Processes.process_name | rename Processes.process_name as p | `
	tests := []struct {
		d      Dialect
		query  string
		at     string // the text the error's span starts at
		reason string
	}{
		{DuckDB, `| tstats values(Processes.user) as u from datamodel=Endpoint.Processes | lookup users user AS u OUTPUT role`, `user AS u`, "multivalue input u"},
		{ClickHouse, `| tstats values(Processes.user) as u from datamodel=Endpoint.Processes | lookup users user AS u OUTPUT role`, `user AS u`, "multivalue input u"},
		{ClickHouse, base + `lookup users nosuch AS p OUTPUT role`, `nosuch AS p`, `has no field "nosuch"`},
	}
	for _, tt := range tests {
		t.Run(string(tt.d)+" "+tt.query, func(t *testing.T) {
			_, err := generateWith(t, tt.query, Options{Dialect: tt.d, Lookups: testLookups(t)})
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("want *Error, got %v", err)
			}
			if !strings.Contains(ge.Msg, tt.reason) {
				t.Errorf("message %q lacks %q", ge.Msg, tt.reason)
			}
			if got := tt.query[ge.Span.Start:]; !strings.HasPrefix(got, tt.at) {
				t.Errorf("span starts at %q, want %q", got, tt.at)
			}
			if ge.Code == diag.CodeCompileError {
				t.Errorf("code %s: a refusal, not a compile error, is wanted", ge.Code)
			}
		})
	}
	// WILDCARD matching compiles for both.
	for _, d := range Dialects() {
		if _, err := generateWith(t, base+`lookup procs pattern AS p OUTPUT kind`, Options{Dialect: d, Lookups: testLookups(t)}); err != nil {
			t.Errorf("%s: %v", d, err)
		}
	}
}
