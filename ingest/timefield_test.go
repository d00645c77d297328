package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestTimeLayout(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"%Y-%m-%d %H:%M:%S", "2006-01-02 15:04:05", ""},
		{"%m/%d/%Y %I:%M:%S %p", "01/02/2006 03:04:05 PM", ""},
		{"%d.%m.%Y %T,%3N %z", "02.01.2006 15:04:05,000 -0700", ""},
		{"%F %T.%6N%:z", "2006-01-02 15:04:05.000000-07:00", ""},
		{"%a %b %e %H:%M:%S %Z %Y", "Mon Jan _2 15:04:05 MST 2006", ""},
		{"01/02/2006 3:04:05 PM", "01/02/2006 3:04:05 PM", ""},
		{"100%%", "100%", ""},
		{"%Q", "", `time format "%Q": %Q not supported`},
		{"%Y%", "", `time format "%Y%": ends with %`},
	} {
		got, _, err := timeLayout(tc.in)
		if got != tc.want || (err == nil) != (tc.err == "") || err != nil && err.Error() != tc.err {
			t.Errorf("timeLayout(%q) = %q, %v; want %q, %s", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestTimeOptions(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"ps.csv":      "TimeCreated,Id,MachineName\n5/12/2020 10:20:32 PM,4688,h\n",
		"custom.json": `{"ts":"12.05.2020 22:20:32,123","a":1}` + "\n" + `{"a":2,"@timestamp":"2020-05-12T00:00:00Z"}` + "\n",
		"epoch.json":  `{"when":"1589322032.5"}` + "\n",
		"text.log":    "05/12/2020 10:20:32 PM\nLogName=Security\nEventCode=4688\nMessage=m\n",
		"sysmon.json": `{"UtcTime":"2020-05-12 22:20:32.000","x":1}` + "\n",
		"dotnet.json": `{"TimeCreated":"/Date(1589322032123+0200)/","Id":1}` + "\n",
	}
	for name, body := range files {
		writeFile(t, dir, name, []byte(body))
	}
	const utc = 1589322032.0 // 2020-05-12 22:20:32 UTC
	const ny = utc + 4*3600  // the same wall time in New York (EDT)
	for _, tc := range []struct {
		file    string
		opts    Options
		want    []float64
		warning string
	}{
		{"ps.csv", Options{}, []float64{utc}, ""},
		{"ps.csv", Options{InputTZ: "America/New_York"}, []float64{ny}, ""},
		{"custom.json", Options{TimeField: "ts", TimeFormat: "%d.%m.%Y %H:%M:%S,%3N"}, []float64{utc + 0.123, 1589241600}, "1 events had no ts field that reads as a time; their _time is the reader's"},
		{"custom.json", Options{TimeField: "ts", TimeFormat: "02.01.2006 15:04:05,000", InputTZ: "America/New_York"}, []float64{ny + 0.123, 1589241600}, "1 events had no ts field"},
		{"epoch.json", Options{TimeField: "when", TimeFormat: "%s"}, []float64{utc + 0.5}, ""},
		{"text.log", Options{InputTZ: "America/New_York"}, []float64{ny}, ""},
		{"sysmon.json", Options{InputTZ: "America/New_York"}, []float64{utc}, ""},
		{"dotnet.json", Options{}, []float64{utc + 0.123}, ""},
	} {
		evs, _, rep, err := LoadEvents(context.Background(), []string{filepath.Join(dir, tc.file)}, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		var got []float64
		for _, ev := range evs {
			got = append(got, ev.Time)
		}
		w := strings.Join(rep.Files[0].Warnings, "|")
		if len(got) != len(tc.want) || !strings.HasPrefix(w, tc.warning) || (tc.warning == "") != (w == "") {
			t.Errorf("%s %+v: times %v, warnings %q; want %v, %q", tc.file, tc.opts, got, w, tc.want, tc.warning)
			continue
		}
		for i := range got {
			if d := got[i] - tc.want[i]; d > 1e-6 || d < -1e-6 {
				t.Errorf("%s %+v: times %v, want %v", tc.file, tc.opts, got, tc.want)
			}
		}
	}
	for _, o := range []Options{{InputTZ: "Mars/Olympus"}, {TimeFormat: "%Q"}} {
		if _, _, err := Load(context.Background(), []string{dir}, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

func TestMappingsTimeRules(t *testing.T) {
	user, err := ParseMappings([]byte(`
time:
  - name: export-local
    match: [{field: MachineName}]
    field: [Created, TimeCreated]
    format: "%m/%d/%Y %I:%M:%S %p"
    tz: America/New_York
  - name: never
    match: [{field: nope}]
    field: x
`))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := writeFile(t, dir, "ps.csv", []byte("TimeCreated,Id,MachineName\n05/12/2020 10:20:32 PM,4688,h\n05/12/2020 10:20:32 PM,1,\nbad,2,h\n"))
	evs, _, rep, err := LoadEvents(context.Background(), []string{p}, Options{Mappings: DefaultMappings().Extend(user)})
	if err != nil {
		t.Fatal(err)
	}
	const utc = 1589322032.0
	if len(evs) != 3 || evs[0].Time != utc+4*3600 || evs[1].Time != utc || evs[2].Time != 0 {
		t.Errorf("times %v %v %v", evs[0].Time, evs[1].Time, evs[2].Time)
	}
	if w := strings.Join(rep.Files[0].Warnings, "|"); w != "1 events selected by a mappings time rule had no field of it that reads as a time; their _time is the reader's|1 events had no time; their _time is 0" {
		t.Errorf("warnings %q", w)
	}
	for _, bad := range []string{
		"time: [{name: a, field: x, tz: Mars/Olympus}]",
		"time: [{name: a, field: x, format: '%Q'}]",
		"time: [{name: a}]",
	} {
		if _, err := ParseMappings([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
