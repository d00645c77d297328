package detections

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSelection(t *testing.T) {
	d := &Detection{
		Name: "Remote WMI Command Attempt", ID: "272df6de-61f1-4784-877c-1fbc3e2d0838",
		Type: "TTP", Status: "production", File: "content/detections/endpoint/remote_wmi_command_attempt.yml",
		MITRE: []string{"T1047"}, Stories: []string{"Suspicious WMI Use"}, DataSources: []string{"Sysmon EventID 1", "Windows Event Log Security 4688"},
	}
	cases := []struct {
		name string
		sel  Selection
		want bool
	}{
		{"zero selects all", Selection{}, true},
		{"default", DefaultSelection(), true},
		{"type case-insensitive", Selection{Types: []string{"ttp"}}, true},
		{"other type", Selection{Types: []string{"Anomaly"}}, false},
		{"status", Selection{Statuses: []string{"experimental"}}, false},
		{"technique", Selection{MITRE: []string{"T1047"}}, true},
		{"parent technique", Selection{MITRE: []string{"T1"}}, false},
		{"story", Selection{Stories: []string{"suspicious wmi use"}}, true},
		{"data source glob", Selection{DataSources: []string{"Sysmon*"}}, true},
		{"data source name", Selection{DataSources: []string{"Sysmon EventID 3"}}, false},
		{"name glob", Selection{Names: []string{"*wmi*"}}, true},
		{"file glob", Selection{Names: []string{"endpoint/remote_*.yml"}}, true},
		{"id", Selection{Names: []string{"272DF6DE-61F1-4784-877C-1FBC3E2D0838"}}, true},
		{"excluded by name", Selection{Exclude: []string{"remote wmi command attempt"}}, false},
		{"excluded by glob", Selection{Exclude: []string{"remote_wmi_*"}}, false},
		{"not excluded", Selection{Exclude: []string{"Other"}}, true},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.sel.Match(d), c.name)
	}
	sub := &Detection{Type: "Anomaly", Status: "production", MITRE: []string{"T1003.003"}}
	assert.True(t, Selection{MITRE: []string{"T1003"}}.Match(sub), "a technique selects its sub-techniques")
	assert.False(t, DefaultSelection().Match(&Detection{Type: "TTP", Status: "experimental"}))
	assert.False(t, DefaultSelection().Match(&Detection{Type: "Correlation", Status: "production"}))
	assert.False(t, Selection{}.Match(nil))
}
