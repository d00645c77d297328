package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/internal/golden"
)

func TestFieldsCommand(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"fields", "--content", "../../ingest/testdata/coverage", "--data", "../../ingest/testdata/events/sysmon_3.xml", "--missing"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{
		"Sysmon EventID 3 (sysmon_eventid_3.yml; Splunk Add-on for Sysmon 4.0.2): 6/7 listed fields produced, 1 excepted, 100% covered, 6 in 1 data events",
		"  - punct: Splunk's own field",
		"  Splunk Add-on for Sysmon 4.0.2: 1 data sources, 6/7 listed fields produced, 1 excepted, 100% covered, 6 in data",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "  + app") || strings.Contains(out.String(), "protocol_version") {
		t.Error("--missing listed a produced or excepted field")
	}
	out.Reset()
	if code := run([]string{"fields", "--content", "../../ingest/testdata/coverage"}, nil, &out, &errb); code != 0 {
		t.Fatalf("all fields: exit %d", code)
	}
	if !strings.Contains(out.String(), "  x protocol_version: no TAS setting gives them") || !strings.Contains(out.String(), "  + app") {
		t.Errorf("excepted or produced field not shown:\n%s", out.String())
	}
	out.Reset()
	if code := run([]string{"fields", "--content", "../../ingest/testdata/coverage", "--format", "json"}, nil, &out, &errb); code != 0 {
		t.Fatalf("json: exit %d", code)
	}
	var v struct {
		Sources []struct {
			Name string `json:"data_source"`
		} `json:"data_sources"`
	}
	if err := json.Unmarshal(out.Bytes(), &v); err != nil || len(v.Sources) != 4 {
		t.Errorf("json: %v, %d sources", err, len(v.Sources))
	}
	out.Reset()
	if code := run([]string{"fields", "--content", "../../ingest/testdata/coverage", "--data", "../../ingest/testdata/events/sysmon_3.xml,../../ingest/testdata/events/security_4663.xml"}, nil, &out, &errb); code != 0 {
		t.Fatalf("golden: exit %d", code)
	}
	golden.File(t, filepath.Join("testdata", "fields_coverage.txt"), out.String())
	if code := run([]string{"fields", "--content", t.TempDir()}, nil, &out, &errb); code != 2 {
		t.Errorf("empty content dir: exit %d, want 2", code)
	}
}
