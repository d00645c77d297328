package eval

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/diag"
)

func TestMap(t *testing.T) {
	tests := []struct {
		name, query string
		field       string
		want        []string
	}{
		{"corpus shape: appendpipe map by logon id",
			`search EventCode=5136 | table TargetLogonId src_user | appendpipe [| map search="search EventCode=4624 TargetLogonId=$TargetLogonId$"] | stats values(src_ip) as ip by TargetLogonId`,
			"ip", []string{"10.0.0.1", "10.0.0.2"}},
		{"maxsearches limits the searches",
			`search EventCode=5136 | map maxsearches=1 search="search EventCode=4624 TargetLogonId=$TargetLogonId$" | table src_ip`,
			"src_ip", []string{"10.0.0.1"}},
		{"missing token field is empty",
			`search EventCode=5136 | map search="search EventCode=4624 TargetLogonId=$nosuch$*" | table src_ip`,
			"src_ip", []string{"10.0.0.1", "10.0.0.2", "10.0.0.1", "10.0.0.2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := compileWith(t, tt.query, Options{ParseSearch: parseHook})
			if err != nil {
				t.Fatal(err)
			}
			res, err := p.Exec(context.Background(), Input{Records: multiEvents()})
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(tt.want, column(res, tt.field)); d != "" {
				t.Errorf("%s (-want +got):\n%s", tt.field, d)
			}
		})
	}
}

func TestMapCompileErrors(t *testing.T) {
	tests := []struct {
		query string
		opts  Options
		code  diag.Class
		sub   string
	}{
		{`| makeresults | map search="search x=$x$"`, Options{}, CodeUnsupported, "ParseSearch"},
		{`| makeresults | map search="| makeresults | sendemail to=$x$"`, Options{ParseSearch: parseHook}, CodeRefused, "map search"},
		{`| makeresults | map savedsearch_name`, Options{ParseSearch: parseHook}, CodeRefused, "saved search"},
	}
	for _, tt := range tests {
		_, err := compileWith(t, tt.query, tt.opts)
		var e *Error
		if !errors.As(err, &e) || e.Class() != tt.code || !strings.Contains(e.Msg, tt.sub) {
			t.Errorf("%s: got %v, want [%s] ...%s...", tt.query, err, tt.code, tt.sub)
		}
	}
}

func TestSubstituteTokens(t *testing.T) {
	vals := map[string]string{"a": "1", "b c": "x"}
	for in, want := range map[string]string{
		"x=$a$":          "x=1",
		"x=$a$ y=$a$":    "x=1 y=1",
		"cost $5":        "cost $5",
		"$b c$ $a$":      "$b c$ 1",
		"$$":             "$$",
		"x=$missing$ $a": "x= $a",
	} {
		if got := substituteTokens(in, func(n string) string { return vals[n] }); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}
