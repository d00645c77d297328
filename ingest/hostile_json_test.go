package ingest

import (
	"strings"
	"testing"
)

func TestHostileJSON(t *testing.T) {
	key := strings.Repeat("k", 50000)
	lines := func(recs ...string) func(*testing.T) []byte {
		return func(*testing.T) []byte { return []byte(strings.Join(recs, "\n") + "\n" + `{"_time":1,"ok":1}` + "\n") }
	}
	// fields gives the first event's number of fields and bytes of names.
	fields := func(evs []*Event) (int, int) {
		if len(evs) < 2 {
			return -1, -1
		}
		n, bytes := 0, 0
		for _, f := range evs[0].All() {
			n++
			bytes += len(f.Name)
		}
		return n, bytes
	}
	runHostile(t, []hostileCase{
		{
			name:  "long key over a long array",
			files: one("a.json", lines(`{"_time":1,"`+key+`":[`+strings.Repeat("1,", 25000)+`1]}`)),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				// every element is a field: the bound on fields applies
				wantFile(t, rep, 0, "2 events, 0 skipped|warning: 1 JSON events had more than 10000 fields or longer field names than their size allows (first on line 1); the rest of each was not extracted (it stays in _raw)")
				if v := evs[0].Values(key + "{}"); len(v) != maxJSONFields-1 {
					t.Errorf("%d values", len(v))
				}
			},
		},
		{
			name:  "long key over an array of objects and arrays",
			files: one("b.json", lines(`{"_time":1,"`+key+`":[`+strings.Repeat(`{"b":{"c":[1]}},[2],`, 4000)+`1]}`)),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				wantFile(t, rep, 0, "2 events, 0 skipped")
				if v := evs[0].Values(key + "{}.b.c{}"); len(v) != 4000 {
					t.Errorf("%d values", len(v))
				}
			},
		},
		{
			name:  "long key over many distinct members",
			files: one("c.json", lines(`{"_time":1,"`+key+`":{`+strings.Repeat(`"x":1,`, 0)+distinctMembers(25000)+`}}`)),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				wantFile(t, rep, 0, "2 events, 0 skipped|warning: 1 JSON events had more than 10000 fields or longer field names than their size allows (first on line 1); the rest of each was not extracted (it stays in _raw)")
				if _, b := fields(evs); b > maxJSONNameBytes+5*len(evs[0].Raw) {
					t.Errorf("%d bytes of names", b)
				}
			},
		},
		{
			name:  "more fields than the bound",
			files: one("d.json", lines(`{"_time":1,`+distinctMembers(30000)+`}`)),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				wantFile(t, rep, 0, "2 events, 0 skipped|warning: 1 JSON events had more than 10000 fields or longer field names than their size allows (first on line 1); the rest of each was not extracted (it stays in _raw)")
				if n, _ := fields(evs); n != maxJSONFields {
					t.Errorf("%d fields", n)
				}
			},
		},
		{
			name:  "NXLog with more fields than the bound",
			files: one("e.json", lines(`{"EventID":1,"SourceName":"x",`+distinctMembers(30000)+`}`)),
			opts:  Options{Sourcetype: FormatNXLog},
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if fr := rep.Files[0]; fr.Events != 2 || !strings.Contains(strings.Join(fr.Warnings, "|"), "1 JSON events had more than 10000 fields") {
					t.Errorf("%s", fileSummary(fr))
				}
			},
		},
		{
			name: "many events of distinct long names",
			files: one("f.json", func(*testing.T) []byte {
				var sb strings.Builder
				for i := range 2000 {
					sb.WriteString(`{"_time":1,"` + strings.Repeat("n", 1000) + itoa(i) + `":{` + distinctMembers(50) + "}}\n")
				}
				return []byte(sb.String())
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				wantFile(t, rep, 0, "2000 events, 0 skipped")
			},
		},
	})
}

// distinctMembers is n JSON members "m0":0,"m1":1,... without braces.
func distinctMembers(n int) string {
	var sb strings.Builder
	for i := range n {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`"m` + itoa(i) + `":` + itoa(i))
	}
	return sb.String()
}
