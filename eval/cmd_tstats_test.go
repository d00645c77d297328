package eval

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/parser"
)

const dm = "Endpoint.Processes"

func procTable() *cim.Table {
	return buildTable(dm,
		ev(100, "dest", "h1", "user", "bob", "process_name", "cmd.exe", "process_id", "10", "process", "cmd.exe /c whoami"),
		ev(200, "dest", "h1", "user", "bob", "process_name", "CMD.EXE", "process_id", "9", "process", "cmd.exe /c dir"),
		ev(150, "dest", "h2", "user", "alice", "process_name", "wmic.exe", "process_id", "100", "process", "wmic /node:x process call create"),
		ev(50, "dest", "h2", "process_name", "notcmd.exe", "process_id", "70", "dest_ip", "10.10.10.23"),
		ev(3700, "dest", "h3", "user", "carol", "process_name", "powershell.exe", "dest_ip", "50.10.10.17", "code", "404"),
		ev(7300, "dest", "h3", "user", "carol", "process_name", "powershell.exe", "code", "501"),
	)
}

func TestTstats(t *testing.T) {
	tables := cim.Tables{dm: procTable()}
	tests := []struct {
		name       string
		query      string
		wantFields []string
		want       []rec
	}{
		{"count no by", `| tstats count from datamodel=Endpoint.Processes`,
			[]string{"count"}, []rec{{"count": 6}}},
		{"where earliest latest epoch", `| tstats count from datamodel=Endpoint.Processes where earliest=150 latest=3700 by Processes.dest`,
			[]string{"Processes.dest", "count"}, []rec{{"Processes.dest": "h1", "count": 1}, {"Processes.dest": "h2", "count": 1}}},
		{"where time bound beside a field term", `| tstats count from datamodel=Endpoint.Processes where Processes.dest=h3 latest=7300`,
			[]string{"count"}, []rec{{"count": 1}}},
		{"where relative time against Now", `| tstats count from datamodel=Endpoint.Processes where earliest=-1h`,
			[]string{"count"}, []rec{{"count": 0}}},
		{"where time bounds are lifted out of OR and narrow together", `| tstats count from datamodel=Endpoint.Processes where earliest=100 (earliest=200 OR Processes.dest=h1)`,
			[]string{"count"}, []rec{{"count": 1}}},
		{"no match no by gives count 0", `| tstats count min(_time) from datamodel=Endpoint.Processes where Processes.user=nobody`,
			[]string{"count", "min(_time)"}, []rec{{"count": 0}}},
		{"no match with by gives no rows", `| tstats count from datamodel=Endpoint.Processes where Processes.user=nobody by Processes.dest`,
			[]string{"Processes.dest", "count"}, nil},
		{"case-insensitive whole value", `| tstats count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.process_name`,
			[]string{"Processes.process_name", "count"}, []rec{{"Processes.process_name": "CMD.EXE", "count": 1}, {"Processes.process_name": "cmd.exe", "count": 1}}},
		{"49 null by-field drops", `| tstats count from datamodel=Endpoint.Processes where Processes.process_name=notcmd.exe by Processes.user`,
			[]string{"Processes.user", "count"}, nil},
		{"50 fillnull_value=null", `| tstats fillnull_value=null count from datamodel=Endpoint.Processes where Processes.process_name=notcmd.exe by Processes.user`,
			[]string{"Processes.user", "count"}, []rec{{"Processes.user": "null", "count": 1}}},
		{"aggregates", `| tstats count min(_time) as firstTime max(_time) as lastTime dc(Processes.process_name) values(Processes.process_id) count(Processes.user) from datamodel=Endpoint.Processes by Processes.dest`,
			[]string{"Processes.dest", "count", "firstTime", "lastTime", "dc(Processes.process_name)", "values(Processes.process_id)", "count(Processes.user)"},
			[]rec{
				{"Processes.dest": "h1", "count": 2, "firstTime": 100, "lastTime": 200, "dc(Processes.process_name)": 2, "values(Processes.process_id)": []string{"10", "9"}, "count(Processes.user)": 2},
				{"Processes.dest": "h2", "count": 2, "firstTime": 50, "lastTime": 150, "dc(Processes.process_name)": 2, "values(Processes.process_id)": []string{"100", "70"}, "count(Processes.user)": 1},
				{"Processes.dest": "h3", "count": 2, "firstTime": 3700, "lastTime": 7300, "dc(Processes.process_name)": 1, "count(Processes.user)": 2},
			}},
		{"min max sum avg numeric", `| tstats min(Processes.process_id) as lo max(Processes.process_id) as hi sum(Processes.process_id) as s avg(Processes.process_id) as a range(Processes.process_id) as r from datamodel=Endpoint.Processes`,
			[]string{"lo", "hi", "s", "a", "r"}, []rec{{"lo": 9, "hi": 100, "s": 189, "a": 47.25, "r": 91}}},
		{"min max strings", `| tstats min(Processes.process_name) as lo max(Processes.process_name) as hi from datamodel=Endpoint.Processes`,
			[]string{"lo", "hi"}, []rec{{"lo": "CMD.EXE", "hi": "wmic.exe"}}},
		{"earliest latest first last", `| tstats earliest(Processes.process_id) as e latest(Processes.process_id) as l first(Processes.process_id) as f last(Processes.process_id) as z earliest_time(Processes.user) as et from datamodel=Endpoint.Processes`,
			[]string{"e", "l", "f", "z", "et"}, []rec{{"e": "70", "l": "9", "f": "9", "z": "70", "et": 100}}},
		{"by sorts pids numerically", `| tstats count from datamodel=Endpoint.Processes where Processes.process_id=* by Processes.process_id`,
			[]string{"Processes.process_id", "count"},
			[]rec{{"Processes.process_id": "9", "count": 1}, {"Processes.process_id": "10", "count": 1}, {"Processes.process_id": "70", "count": 1}, {"Processes.process_id": "100", "count": 1}}},
		{"by _time span", `| tstats count from datamodel=Endpoint.Processes by _time span=1h`,
			[]string{"_time", "count"}, []rec{{"_time": 0, "count": 4}, {"_time": 3600, "count": 1}, {"_time": 7200, "count": 1}}},
		{"two by fields, first most significant", `| tstats count from datamodel=Endpoint.Processes where Processes.user=* by Processes.user Processes.dest`,
			[]string{"Processes.user", "Processes.dest", "count"},
			[]rec{{"Processes.user": "alice", "Processes.dest": "h2", "count": 1}, {"Processes.user": "bob", "Processes.dest": "h1", "count": 2}, {"Processes.user": "carol", "Processes.dest": "h3", "count": 2}}},
		{"!= needs field, NOT does not", `| tstats count from datamodel=Endpoint.Processes where Processes.user!=bob by Processes.dest`,
			[]string{"Processes.dest", "count"}, []rec{{"Processes.dest": "h2", "count": 1}, {"Processes.dest": "h3", "count": 2}}},
		{"NOT includes nulls", `| tstats count from datamodel=Endpoint.Processes where NOT Processes.user=bob`,
			[]string{"count"}, []rec{{"count": 4}}},
		{"NOT field=*", `| tstats count from datamodel=Endpoint.Processes where NOT Processes.user=*`,
			[]string{"count"}, []rec{{"count": 1}}},
		{"field!=* never", `| tstats count from datamodel=Endpoint.Processes where Processes.user!=*`,
			[]string{"count"}, []rec{{"count": 0}}},
		{"IN with wildcards", `| tstats count from datamodel=Endpoint.Processes where Processes.code IN (40*, 500)`,
			[]string{"count"}, []rec{{"count": 1}}},
		{"CIDR", `| tstats count from datamodel=Endpoint.Processes where Processes.dest_ip=10.10.10.0/24`,
			[]string{"count"}, []rec{{"count": 1}}},
		{"numeric compare", `| tstats count from datamodel=Endpoint.Processes where Processes.process_id>50`,
			[]string{"count"}, []rec{{"count": 2}}},
		{"_time compare", `| tstats count from datamodel=Endpoint.Processes where _time>=150 _time<7300`,
			[]string{"count"}, []rec{{"count": 3}}},
		{"OR tighter than AND", `| tstats count from datamodel=Endpoint.Processes where Processes.dest=h1 OR Processes.dest=h2 Processes.user=bob`,
			[]string{"count"}, []rec{{"count": 2}}},
		{"bare star and nodename", `| tstats count from datamodel=Endpoint.Processes where nodename=Processes * by Processes.dest`,
			[]string{"Processes.dest", "count"}, []rec{{"Processes.dest": "h1", "count": 2}, {"Processes.dest": "h2", "count": 2}, {"Processes.dest": "h3", "count": 2}}},
		{"unprefixed field has no value", `| tstats count from datamodel=Endpoint.Processes where dest=h1`,
			[]string{"count"}, []rec{{"count": 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := runQuery(t, tt.query, tables)
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(tt.wantFields, res.Fields); d != "" {
				t.Errorf("fields (-want +got):\n%s", d)
			}
			if d := diff(recordsOf(tt.want...), records(res.Fields, res.Rows)); d != "" {
				t.Errorf("rows (-want +got):\n%s", d)
			}
		})
	}
}

func TestTstatsMissingTable(t *testing.T) {
	res, err := runQuery(t, `| tstats count from datamodel=Endpoint.Processes by Processes.dest`, cim.Tables{})
	if err != nil || len(res.Rows) != 0 {
		t.Fatalf("got %v, %v", res, err)
	}
}

func TestTstatsCompileErrors(t *testing.T) {
	for q, want := range map[string]string{
		`| tstats count`: "tstats without from datamodel= is not supported yet",
		`| tstats count from datamodel=Nope.Nothing`:                                                        `unknown data model dataset "Nope.Nothing" (known: `,
		`| tstats bogus=1 count from datamodel=Endpoint.Processes`:                                          `unknown tstats option "bogus"`,
		`| tstats summariesonly=maybe count from datamodel=Endpoint.Processes`:                              "not a boolean",
		`| tstats count from datamodel=Endpoint.Processes where wmic`:                                       "bare search term wmic",
		`| tstats list(Processes.x) from datamodel=Endpoint.Processes`:                                      `tstats does not allow the function list()`,
		`| tstats frob(Processes.x) from datamodel=Endpoint.Processes`:                                      `unknown tstats function "frob"`,
		`| tstats count from datamodel=Endpoint.Processes by _time span=1fortnight`:                         "not a time unit",
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest span=1h`:                        "needs _time",
		`| tstats count from datamodel=Endpoint.Processes where latest<-24h`:                                "takes '='",
		`| tstats count from datamodel=Endpoint.Processes | tstats count from datamodel=Endpoint.Processes`: "first command",
	} {
		_, err := runQuery(t, q, nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s:\n got %v\nwant %q", q, err, want)
		}
	}
}

func TestTstatsAcceptedOptions(t *testing.T) {
	q := `| tstats summariesonly=t allow_old_summaries=true prestats=f chunk_size=1000 include_reduced_buckets=false fillnull_value="N/A" count from datamodel=Endpoint.Processes by Processes.user`
	res, err := runQuery(t, q, cim.Tables{dm: procTable()})
	if err != nil {
		t.Fatal(err)
	}
	want := recordsOf(rec{"Processes.user": "N/A", "count": 1}, rec{"Processes.user": "alice", "count": 1},
		rec{"Processes.user": "bob", "count": 2}, rec{"Processes.user": "carol", "count": 2})
	if d := diff(want, records(res.Fields, res.Rows)); d != "" {
		t.Error(d)
	}
}

func TestErrorList(t *testing.T) {
	_, err := runQuery(t, `| tstats bogus=1 count from datamodel=Endpoint.Processes | eval x=nosuchfn() | stats frob(x)`, nil)
	var l ErrorList
	if !errors.As(err, &l) || len(l) != 3 || l[0].Span.Start > l[1].Span.Start {
		t.Fatalf("got %#v", err)
	}
}

func TestMaxRows(t *testing.T) {
	q, _ := parser.Parse(`| tstats count from datamodel=Endpoint.Processes by Processes.dest`)
	p, err := Compile(q, Options{MaxRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Exec(context.Background(), Input{Tables: cim.Tables{dm: procTable()}}); err == nil || !strings.Contains(err.Error(), "limit of 2") {
		t.Fatalf("got %v", err)
	}
}

func TestCancel(t *testing.T) {
	q, _ := parser.Parse(`| tstats count from datamodel=Endpoint.Processes where Processes.dest=h1`)
	p, err := Compile(q, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Exec(ctx, Input{Tables: cim.Tables{dm: procTable()}}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}
