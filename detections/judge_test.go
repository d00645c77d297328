package detections

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/spelunk-dev/spelunk/eval"
)

func TestJudge(t *testing.T) {
	oldSchema := &Detection{Observables: []Observable{
		{Name: "dest", Role: []string{"Victim"}},
		{Name: "user", Role: []string{"Victim", "Attacker"}},
		{Name: "process_name", Role: []string{"Attacker"}},
		{Name: "parent_process", Role: []string{"Other"}},
	}}
	rbaSchema := &Detection{
		Observables: []Observable{{Name: "ignored", Role: []string{"Victim"}}}, // rba wins
		RBA: &RBA{
			RiskObjects:   []RiskObject{{Field: "dest", Score: 40}},
			ThreatObjects: []ThreatObject{{Field: "process_name"}, {Field: "parent_process_name"}},
		},
	}
	noThreat := &Detection{Observables: []Observable{{Name: "dest", Role: []string{"Victim"}}}}
	s, n := eval.Str, eval.Null()
	cases := []struct {
		name   string
		d      *Detection
		fields []string
		rows   []eval.Row
		pass   bool
		row    int
		reason string
	}{
		{"no results", oldSchema, []string{"dest"}, nil, false, -1, "no results"},
		{"first complete result passes", oldSchema, []string{"dest", "user", "process_name"},
			[]eval.Row{{s("h1"), s("u"), s("null")}, {s("h2"), s("u"), s("wmic.exe")}}, true, 1, "result 2 of 2 has every risk and threat object"},
		{"risk object missing", oldSchema, []string{"dest", "process_name"},
			[]eval.Row{{s("h1"), s("wmic.exe")}}, false, 0, "result 1 lacks risk-object field user"},
		{"risk object null in a later result before any pass", oldSchema, []string{"dest", "user", "process_name"},
			[]eval.Row{{s("h1"), s("u"), n}, {s("null"), s("u"), s("x")}}, false, 1, `risk-object field dest is "null" in result 2`},
		{"null risk after a pass is not looked at", oldSchema, []string{"dest", "user", "process_name"},
			[]eval.Row{{s("h1"), s("u"), s("x")}, {s("null"), s("u"), s("x")}}, true, 0, "result 1 of 2 has every risk and threat object"},
		{"risk field null value (not string) counts as missing", oldSchema, []string{"dest", "user", "process_name"},
			[]eval.Row{{n, s("u"), s("x")}}, false, 0, "result 1 lacks risk-object field dest"},
		{"threat never set", oldSchema, []string{"dest", "user", "process_name"},
			[]eval.Row{{s("h1"), s("u"), s("null")}, {s("h2"), s("u"), n}}, false, -1, `threat-object fields missing or "null" in every result: process_name`},
		{"rba threat fields set in different results", rbaSchema, []string{"dest", "process_name", "parent_process_name"},
			[]eval.Row{{s("h1"), s("a"), s("null")}, {s("h2"), s("null"), s("b")}}, false, -1,
			"no result has every threat-object field set (process_name, parent_process_name are each set in some result)"},
		{"rba pass", rbaSchema, []string{"dest", "process_name", "parent_process_name"},
			[]eval.Row{{s("h1"), s("a"), s("b")}}, true, 0, "result 1 of 1 has every risk and threat object"},
		{"rba missing risk object", rbaSchema, []string{"host", "process_name", "parent_process_name"},
			[]eval.Row{{s("h1"), s("a"), s("b")}}, false, 0, "result 1 lacks risk-object field dest"},
		{"no threat objects: first result with risk objects passes", noThreat, []string{"dest"},
			[]eval.Row{{s("h1")}}, true, 0, "result 1 of 1 has every risk and threat object"},
		{"multivalue threat field is set", noThreat, []string{"dest", "x"},
			[]eval.Row{{eval.Multi("null", "h1"), s("x")}}, true, 0, "result 1 of 1 has every risk and threat object"},
		{"empty string is present", noThreat, []string{"dest"},
			[]eval.Row{{s("")}}, true, 0, "result 1 of 1 has every risk and threat object"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := Judge(c.d, &eval.Result{Fields: c.fields, Rows: c.rows})
			assert.Equal(t, Verdict{Pass: c.pass, Reason: c.reason, Row: c.row}, v)
		})
	}
}

func TestRiskAndThreatObjectFields(t *testing.T) {
	d := &Detection{Observables: []Observable{
		{Name: "dest", Role: []string{"Victim"}},
		{Name: "dest", Role: []string{"victim"}},
		{Name: "user", Role: []string{" Victim ", "Attacker"}},
		{Name: "process", Role: []string{"Attacker"}},
	}}
	assert.Equal(t, []string{"dest", "user"}, d.RiskObjectFields())
	assert.Equal(t, []string{"user", "process"}, d.ThreatObjectFields())
	d.RBA = &RBA{RiskObjects: []RiskObject{{Field: "src"}}}
	assert.Equal(t, []string{"src"}, d.RiskObjectFields())
	assert.Empty(t, d.ThreatObjectFields())
}
