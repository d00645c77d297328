package detections

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilContent: the methods of a nil or zero Content fail with an error
// instead of panicking.
func TestNilContent(t *testing.T) {
	for _, c := range []*Content{nil, {}} {
		res := niltest.CallAll(t, c)
		for _, m := range []string{"Check", "Compile", "Find", "Test"} {
			if niltest.LastError(res[m]) == nil {
				t.Errorf("%s on %#v returned no error", m, c)
			}
		}
	}
}

// TestNilDetections: nil and zero Detections, CheckReports, LoadErrors
// and Selections answer empty values instead of panicking.
func TestNilDetections(t *testing.T) {
	for _, v := range []any{
		(*Detection)(nil), new(Detection),
		(*CheckReport)(nil), new(CheckReport),
		(*LoadError)(nil), new(LoadError),
		Finding{}, Selection{},
	} {
		niltest.CallAll(t, v)
	}
	if ok, why := (*Detection)(nil).Testable(); ok || why == "" {
		t.Errorf("nil Testable() = %v, %q, want false with a reason", ok, why)
	}
	if (*CheckReport)(nil).HasErrors() {
		t.Error("a nil CheckReport has errors")
	}
}

// TestRenderMessageNilField: without a field func every token stays as
// written.
func TestRenderMessageNilField(t *testing.T) {
	if got := RenderMessage("user $user$ ran $cmd$", nil); got != "user $user$ ran $cmd$" {
		t.Errorf("RenderMessage(nil field) = %q", got)
	}
}
