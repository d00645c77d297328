package eval

import (
	"errors"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/diag"
)

// Conformance cases 1-16 of spl_semantics.md §11 (case 11 is `where`, not
// part of this package yet), plus multivalue, numbers and bare terms.
func TestSearchConformance(t *testing.T) {
	tests := []struct {
		name   string
		query  string
		fields []string
		in     []rec
		want   []rec
	}{
		{"1 wildcard case-insensitive", `search process=*NODE*`, []string{"process"},
			[]rec{{"process": "wmic /node:x process call create"}, {"process": "cmd.exe"}},
			[]rec{{"process": "wmic /node:x process call create"}}},
		{"2 value case-insensitive", `search process_name=CMD.EXE`, []string{"process_name"},
			[]rec{{"process_name": "cmd.exe"}}, []rec{{"process_name": "cmd.exe"}}},
		{"3 whole value", `search process_name=cmd.exe`, []string{"process_name"},
			[]rec{{"process_name": "notcmd.exe"}}, nil},
		{"4 field names case-sensitive", `search User=bob`, []string{"user"},
			[]rec{{"user": "bob"}}, nil},
		{"5 field=* exists", `search user=*`, []string{"user"},
			[]rec{{}, {"user": "bob"}}, []rec{{"user": "bob"}}},
		{"6 NOT field=*", `search NOT user=*`, []string{"user"},
			[]rec{{}, {"user": "bob"}}, []rec{{}}},
		{"7 field!=* never", `search user!=*`, []string{"user"},
			[]rec{{}, {"user": "bob"}}, nil},
		{"8 != needs the field", `search user!=bob`, []string{"user"},
			[]rec{{"user": "bob"}, {"user": "alice"}, {}}, []rec{{"user": "alice"}}},
		{"9 NOT includes missing", `search NOT user=bob`, []string{"user"},
			[]rec{{"user": "bob"}, {"user": "alice"}, {}}, []rec{{"user": "alice"}, {}}},
		{"10 OR binds tighter than AND", `search a=1 OR b=2 c=3`, []string{"a", "b", "c"},
			[]rec{{"a": "1", "c": "4"}, {"a": "1", "c": "3"}}, []rec{{"a": "1", "c": "3"}}},
		{"12 string equality", `search x=1`, []string{"x"},
			[]rec{{"x": "1.0"}, {"x": "1"}}, []rec{{"x": "1"}}},
		{"13 numeric and lexicographic", `search x>5`, []string{"x"},
			[]rec{{"x": "10"}, {"x": "abc"}, {"x": "3"}, {"x": "-7"}}, []rec{{"x": "10"}, {"x": "abc"}}},
		{"14 IN with wildcards", `search code IN (40*, 500)`, []string{"code"},
			[]rec{{"code": "404"}, {"code": "501"}, {"code": "500"}}, []rec{{"code": "404"}, {"code": "500"}}},
		{"15 CIDR", `search ip="10.10.10.0/24"`, []string{"ip"},
			[]rec{{"ip": "10.10.10.23"}, {"ip": "50.10.10.17"}, {"ip": "not an ip"}}, []rec{{"ip": "10.10.10.23"}}},
		{"15b CIDR v6", `search ip="2001:db8::/32"`, []string{"ip"},
			[]rec{{"ip": "2001:db8::1"}, {"ip": "2001:db9::1"}}, []rec{{"ip": "2001:db8::1"}}},
		{"16 star keeps all", `search *`, []string{"a"},
			[]rec{{"a": "x"}, {}}, []rec{{"a": "x"}, {}}},
		{"55 filter macro expansion", `search *`, []string{"count"},
			[]rec{{"count": 3}}, []rec{{"count": 3}}},
		{"question mark is literal", `search a=b?d`, []string{"a"},
			[]rec{{"a": "bcd"}, {"a": "b?d"}}, []rec{{"a": "b?d"}}},
		{"glob in the middle", `search a="C:\\Windows\\*\\cmd.exe"`, []string{"a"},
			[]rec{{"a": `c:\windows\system32\CMD.exe`}, {"a": `c:\windows\cmd.exe`}}, []rec{{"a": `c:\windows\system32\CMD.exe`}}},
		{"numbers in rows", `search count>2 count<=10`, []string{"count"},
			[]rec{{"count": 3}, {"count": 2}, {"count": 10}, {"count": 11}}, []rec{{"count": 3}, {"count": 10}}},
		{"number equality renders", `search firstTime=1700000000`, []string{"firstTime"},
			[]rec{{"firstTime": 1700000000}}, []rec{{"firstTime": 1700000000}}},
		{"multivalue any", `search v=b`, []string{"v"},
			[]rec{{"v": []string{"a", "b"}}, {"v": []string{"a", "c"}}}, []rec{{"v": []string{"a", "b"}}}},
		{"multivalue != none", `search v!=b`, []string{"v"},
			[]rec{{"v": []string{"a", "b"}}, {"v": []string{"a", "c"}}}, []rec{{"v": []string{"a", "c"}}}},
		{"bare term in any field", `search WMIC`, []string{"a", "b"},
			[]rec{{"a": "x", "b": "C:\\wmic.exe"}, {"a": "y"}}, []rec{{"a": "x", "b": "C:\\wmic.exe"}}},
		{"NOT group", `search NOT (a=1 OR a=2)`, []string{"a"},
			[]rec{{"a": "1"}, {"a": "2"}, {"a": "3"}, {}}, []rec{{"a": "3"}, {}}},
		{"NOT IN", `search NOT a IN (1, 2)`, []string{"a"},
			[]rec{{"a": "1"}, {"a": "3"}, {}}, []rec{{"a": "3"}, {}}},
		{"lexicographic compare", `search a<b`, []string{"a"},
			[]rec{{"a": "B"}, {"a": "a"}, {"a": "c"}}, []rec{{"a": "B"}, {"a": "a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runPipe(t, tt.query, rowsOf(tt.fields, tt.in...))
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(recordsOf(tt.want...), records(out.fields, out.rows)); d != "" {
				t.Errorf("%s (-want +got):\n%s", tt.query, d)
			}
		})
	}
}

func TestSearchFirstWithoutEvents(t *testing.T) {
	res, err := runQuery(t, `search user=bob`, nil)
	if err != nil || len(res.Rows) != 0 {
		t.Fatalf("a search over no events: got %v, %v; want no rows", res, err)
	}
}

func TestGenericCommandError(t *testing.T) {
	for q, code := range map[string]diag.Code{
		"| tstats count from datamodel=Endpoint.Processes | frobnicate x=1":  diag.CodeCompileError, // not a Splunk command
		"| tstats count from datamodel=Endpoint.Processes | associate a b c": diag.CodeUnsupportedCommand,
		"| tstats count from datamodel=Endpoint.Processes | sendemail to=x":  diag.CodeRefused,
		"| mstats count(x) where index=m":                                    diag.CodeRefused,
	} {
		_, err := runQuery(t, q, nil)
		var e *Error
		if !errors.As(err, &e) || e.Code != code {
			t.Errorf("%s: got %#v, want code %s", q, err, code)
			continue
		}
		if code == diag.CodeRefused && !strings.Contains(e.Msg, "not supported locally") {
			t.Errorf("%s: %s", q, e.Msg)
		}
	}
}
