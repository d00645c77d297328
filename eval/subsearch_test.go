package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
)

// multiEvents are the raw events the map and subsearch tests search.
func multiEvents() []Record {
	mk := func(t float64, kv ...string) Record {
		r := Record{{Name: "_time", Value: Num(t)}}
		for i := 0; i+1 < len(kv); i += 2 {
			r = append(r, Field{Name: kv[i], Value: Str(kv[i+1])})
		}
		return r
	}
	return []Record{
		mk(100, "EventCode", "5136", "TargetLogonId", "0x1", "src_user", "alice"),
		mk(90, "EventCode", "4624", "TargetLogonId", "0x1", "src_ip", "10.0.0.1"),
		mk(80, "EventCode", "4624", "TargetLogonId", "0x2", "src_ip", "10.0.0.2"),
		mk(70, "EventCode", "5136", "TargetLogonId", "0x2", "src_user", "bob"),
	}
}

func TestSubsearchSearchFieldIsRaw(t *testing.T) {
	q := `search [| makeresults | eval search="EventCode=4624 src_ip=10.0.0.2" | fields search] | table TargetLogonId`
	for _, tc := range []struct {
		opts Options
		want []string
	}{
		{Options{ParseSearch: parseHook}, []string{"0x2"}},
		{Options{}, nil}, // without a parser the value is one phrase: no _raw, no field holds it
	} {
		p, err := compileWith(t, q, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Exec(context.Background(), Input{Records: multiEvents()})
		if err != nil {
			t.Fatal(err)
		}
		if d := diff(tc.want, column(res, "TargetLogonId")); d != "" {
			t.Errorf("hook=%v (-want +got):\n%s", tc.opts.ParseSearch != nil, d)
		}
	}
}

func TestSubsearchReadsInputUnderTstats(t *testing.T) {
	// A tstats search whose join subsearch reads events: ReadsEvents must
	// say so, and Exec gives the subsearch the records.
	p, err := compileWith(t, `| tstats count from datamodel=Endpoint.Processes by Processes.user | rename Processes.user as src_user | join src_user [search EventCode=5136 | table src_user TargetLogonId]`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !p.ReadsEvents() || p.leadsWithEvents() {
		t.Fatalf("ReadsEvents=%v leadsWithEvents=%v", p.ReadsEvents(), p.leadsWithEvents())
	}
	tab := buildTable("Endpoint.Processes", ev(1, "user", "alice"), ev(2, "user", "carol"))
	res, err := p.Exec(context.Background(), Input{Tables: cim.Tables{"Endpoint.Processes": tab}, Records: multiEvents()})
	if err != nil {
		t.Fatal(err)
	}
	if d := diff([]string{"0x1"}, column(res, "TargetLogonId")); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	// Run gives no events: the subsearch finds none, the inner join nothing.
	res, err = p.Exec(context.Background(), Input{Tables: cim.Tables{"Endpoint.Processes": tab}})
	if err != nil || len(res.Rows) != 0 {
		t.Errorf("Run: got %v rows, %v; want none", len(res.Rows), err)
	}
}

func TestSubsearchDepthLimit(t *testing.T) {
	q := "| makeresults"
	for range maxSubsearchDepth + 1 {
		q = "| makeresults | append [" + q + "]"
	}
	_, err := compileWith(t, q, Options{})
	if err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Fatalf("got %v", err)
	}
}
