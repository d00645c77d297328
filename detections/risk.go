package detections

import (
	"slices"
	"strings"
)

// RiskObjectFields returns the result fields that name the entities at
// risk: rba.risk_objects when the detection has an rba: block, else the
// tags.observable entries whose role includes Victim. Duplicates are
// dropped; order is as written.
func (d *Detection) RiskObjectFields() []string {
	if d == nil {
		return nil
	}
	var out []string
	if d.RBA != nil {
		for _, o := range d.RBA.RiskObjects {
			out = appendUnique(out, o.Field)
		}
		return out
	}
	for _, o := range d.Observables {
		if hasRole(o.Role, "Victim") {
			out = appendUnique(out, o.Name)
		}
	}
	return out
}

// ThreatObjectFields returns the result fields that name what the
// attacker used: rba.threat_objects when the detection has an rba: block,
// else the tags.observable entries whose role includes Attacker.
func (d *Detection) ThreatObjectFields() []string {
	if d == nil {
		return nil
	}
	var out []string
	if d.RBA != nil {
		for _, o := range d.RBA.ThreatObjects {
			out = appendUnique(out, o.Field)
		}
		return out
	}
	for _, o := range d.Observables {
		if hasRole(o.Role, "Attacker") {
			out = appendUnique(out, o.Name)
		}
	}
	return out
}

func hasRole(roles []string, want string) bool {
	for _, r := range roles {
		if strings.EqualFold(strings.TrimSpace(r), want) {
			return true
		}
	}
	return false
}

func appendUnique(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// Testable reports whether `spelunk test` runs the detection by default,
// as contentctl's unit tests do, and if not why: it must be in
// production, have tests, not be a Correlation search (those read the
// risk index other detections write), not be deprecated, and not be
// marked manual_test (at the top level, under tags, or on every test).
func (d *Detection) Testable() (ok bool, why string) {
	switch {
	case d == nil:
		return false, "no detection"
	case d.Deprecated():
		return false, "deprecated"
	case !strings.EqualFold(d.Status, "production"):
		return false, "status " + d.Status
	case strings.EqualFold(d.Type, "correlation"):
		return false, "type Correlation"
	case d.ManualTest != "":
		return false, "manual_test: " + d.ManualTest
	case len(d.Tests) == 0:
		return false, "no tests"
	}
	for _, t := range d.Tests {
		if t.ManualTest == "" {
			return true, ""
		}
	}
	return false, "manual_test: " + d.Tests[0].ManualTest
}
