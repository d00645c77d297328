package eval

import (
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	tests := []struct {
		name       string
		query      string
		fields     []string
		in         []rec
		wantFields []string
		want       []rec
	}{
		{"39 security_content_ctime", `convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime)`,
			[]string{"firstTime"}, []rec{{"firstTime": 1700000000}},
			[]string{"firstTime"}, []rec{{"firstTime": "2023-11-14T22:13:20"}}},
		{"40 default format", `convert ctime(t)`,
			[]string{"t"}, []rec{{"t": 1700000000}},
			[]string{"t"}, []rec{{"t": "11/14/2023 22:13:20"}}},
		{"41 fraction truncated", `convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(t)`,
			[]string{"t"}, []rec{{"t": 1700000000.75}},
			[]string{"t"}, []rec{{"t": "2023-11-14T22:13:20"}}},
		{"numeric string", `convert ctime(t)`,
			[]string{"t"}, []rec{{"t": "1700000000"}},
			[]string{"t"}, []rec{{"t": "11/14/2023 22:13:20"}}},
		{"non-numeric unchanged, null stays", `convert ctime(t)`,
			[]string{"t"}, []rec{{"t": "yesterday"}, {}},
			[]string{"t"}, []rec{{"t": "yesterday"}, {}}},
		{"missing field no-op", `convert ctime(nosuch) AS x`,
			[]string{"t"}, []rec{{"t": 1}},
			[]string{"t"}, []rec{{"t": 1}}},
		{"AS appends", `convert timeformat="%F" ctime(t) AS day`,
			[]string{"t", "u"}, []rec{{"t": 0, "u": "a"}},
			[]string{"t", "u", "day"}, []rec{{"t": 0, "u": "a", "day": "1970-01-01"}}},
		{"AS existing replaces in place", `convert timeformat="%F" ctime(t) AS u`,
			[]string{"u", "t"}, []rec{{"t": 0, "u": "a"}},
			[]string{"u", "t"}, []rec{{"t": 0, "u": "1970-01-01"}}},
		{"wildcard field", `convert timeformat="%H:%M" ctime(*Time)`,
			[]string{"firstTime", "lastTime", "count"}, []rec{{"firstTime": 60, "lastTime": 120, "count": 5}},
			[]string{"firstTime", "lastTime", "count"}, []rec{{"firstTime": "00:01", "lastTime": "00:02", "count": 5}}},
		{"wildcard with none", `convert timeformat="%H:%M" ctime(*Time) none(lastTime)`,
			[]string{"firstTime", "lastTime"}, []rec{{"firstTime": 60, "lastTime": 120}},
			[]string{"firstTime", "lastTime"}, []rec{{"firstTime": "00:01", "lastTime": 120}}},
		{"two conversions", `convert ctime(a) ctime(b)`,
			[]string{"a", "b"}, []rec{{"a": 0, "b": 86400}},
			[]string{"a", "b"}, []rec{{"a": "01/01/1970 00:00:00", "b": "01/02/1970 00:00:00"}}},
		{"mktime", `convert timeformat="%Y-%m-%dT%H:%M:%S" mktime(t)`,
			[]string{"t"}, []rec{{"t": "2023-11-14T22:13:20"}, {"t": "junk"}},
			[]string{"t"}, []rec{{"t": 1700000000}, {"t": "junk"}}},
		{"mktime default format", `convert mktime(t)`,
			[]string{"t"}, []rec{{"t": "11/14/2023 22:13:20"}},
			[]string{"t"}, []rec{{"t": 1700000000}}},
		{"dur2sec", `convert dur2sec(d) dur2sec(e)`,
			[]string{"d", "e"}, []rec{{"d": "01:02:03", "e": "2+00:00:01"}},
			[]string{"d", "e"}, []rec{{"d": 3723, "e": 172801}}},
		{"num", `convert num(a)`,
			[]string{"a"}, []rec{{"a": "1,000.5"}, {"a": "x"}},
			[]string{"a"}, []rec{{"a": 1000.5}, {}}},
		{"rmcomma", `convert rmcomma(a)`,
			[]string{"a"}, []rec{{"a": "1,000,000.00"}},
			[]string{"a"}, []rec{{"a": "1000000.00"}}},
		{"multivalue", `convert timeformat="%Y" ctime(a)`,
			[]string{"a"}, []rec{{"a": []string{"0", "x"}}},
			[]string{"a"}, []rec{{"a": []string{"1970", "x"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runPipe(t, tt.query, rowsOf(tt.fields, tt.in...))
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(tt.wantFields, out.fields); d != "" {
				t.Errorf("fields (-want +got):\n%s", d)
			}
			if d := diff(recordsOf(tt.want...), records(out.fields, out.rows)); d != "" {
				t.Errorf("rows (-want +got):\n%s", d)
			}
		})
	}
}

func TestConvertErrors(t *testing.T) {
	for q, want := range map[string]string{
		`convert auto(a)`:           "not supported yet",
		`convert bogus(a)`:          "unknown convert function",
		`convert ctime(a*) AS b*c*`: "AS name must have",
	} {
		if _, err := runPipe(t, q, rowsOf([]string{"a"})); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", q, err, want)
		}
	}
}
