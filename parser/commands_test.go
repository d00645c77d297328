package parser

import (
	"slices"
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
)

func TestCommandsList(t *testing.T) {
	names := Commands()
	if !slices.IsSorted(names) {
		t.Error("Commands() not sorted")
	}
	for _, want := range []string{"search", "tstats", "stats", "bucket", "kv", "multikv", "mstats"} {
		if !slices.Contains(names, want) {
			t.Errorf("Commands() lacks %q", want)
		}
	}
	for _, generic := range []string{"rest", "summary", "associate", "abstract"} {
		if slices.Contains(names, generic) {
			t.Errorf("Commands() lists %q, which is parsed generically", generic)
		}
	}
}

// TestCommandsHaveNodes parses each command of Commands (and a name
// without an entry) and checks which become their own node.
func TestCommandsHaveNodes(t *testing.T) {
	args := map[string]string{
		"tstats": "count", "mstats": "avg(x) WHERE index=m", "search": "x", "eval": "x=1", "where": "x=1",
		"head": "1", "regex": `x="a"`, "inputlookup": "t.csv", "from": "datamodel:M", "datamodel": "M D search",
		"rename": "a AS b", "convert": "ctime(x)", "table": "x", "fields": "x", "fillnull": "", "replace": "a WITH b IN x",
		"addtotals": "", "mvexpand": "x", "makemv": "x", "makeresults": "", "stats": "count", "eventstats": "count",
		"streamstats": "count", "geostats": "count by x", "filldown": "x", "addcoltotals": "labelfield=l x", "rangemap": "field=x low=1-5", "xmlunescape": "", "transpose": "3", "concurrency": "duration=d", "contingency": "a b", "ctable": "a b", "counttable": "a b", "fieldsummary": "maxvals=3 x*", "selfjoin": "max=0 id", "makecontinuous": "_time span=1h", "tojson": "str(a*) fill_null=t", "multisearch": "[search a] [search b]", "union": "maxout=5 [search a] [search b]", "set": "diff [search a] [search b]", "gentimes": "start=10/1/2016:00:00:00 increment=1h", "trendline": "sma2(x) as y", "sort": "x", "tail": "1", "dedup": "x", "bin": "_time span=1h", "bucket": "_time span=1h",
		"timechart": "count", "top": "x", "rare": "x", "transaction": "x", "lookup": "t x", "outputlookup": "t.csv",
		"rex": `"(?<a>.)"`, "spath": "", "xmlkv": "", "fromjson": "x", "extract": "", "kv": "", "iplocation": "x",
		"map": `search="search x"`, "multikv": "", "join": "x [search y]", "append": "[search y]",
		"appendcols": "[search y]", "appendpipe": "[stats count]", "foreach": "x [eval y=1]",
		"reverse": "", "uniq": "", "addinfo": "", "nomv": "x", "mvcombine": `delim="," x`, "accum": "x AS y",
		"delta": "x p=2", "autoregress": "x p=1-3", "strcat": `a "-" b c`, "untable": "a b c",
		"xyseries": "a b c", "format": `"(" "(" "AND" ")" "OR" ")"`, "return": "2 x $y", "chart": "count over a by b", "fieldformat": `x=tostring(x, "commas")`,
	}
	for _, name := range Commands() {
		a, ok := args[name]
		if !ok {
			t.Errorf("no test arguments for %q", name)
			continue
		}
		q, err := Parse("| " + name + " " + a)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if _, generic := q.Commands[0].(*ast.GenericCommand); generic {
			t.Errorf("%s parsed generically", name)
		}
	}
	q, err := Parse("| associate")
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := q.Commands[0].(*ast.GenericCommand); !ok || g.Name != "associate" {
		t.Errorf("associate: got %#v, want a GenericCommand", q.Commands[0])
	}
}

// TestGeneratingLeadSubsearch: a generating command, with or without a
// grammar of its own, may start a subsearch without '|'; another word
// starts an implicit search.
func TestGeneratingLeadSubsearch(t *testing.T) {
	for _, tc := range []struct {
		q, want string
	}{
		{"| makeresults | append [mstats avg(x) WHERE index=m]", "mstats"},
		{"| makeresults | append [rest /services/x]", "rest"},
		{"| makeresults | append [summary model]", "summary"},
		{"| makeresults | append [stats count]", "search"},
	} {
		q, err := Parse(tc.q)
		if err != nil {
			t.Fatalf("%s: %v", tc.q, err)
		}
		app, ok := q.Commands[1].(*ast.AppendCommand)
		if !ok {
			t.Fatalf("%s: got %T", tc.q, q.Commands[1])
		}
		if got := app.Subsearch.Commands[0].CommandName(); got != tc.want {
			t.Errorf("%s: subsearch starts with %q, want %q", tc.q, got, tc.want)
		}
	}
}

// TestOptionListsNameParsedCommands: the option lists (options.go, the
// hints of convertError) only name commands with a grammar of their own.
func TestOptionListsNameParsedCommands(t *testing.T) {
	for _, m := range []map[string][]string{commandOptions, knownOptions} {
		for name := range m {
			if commandTable[name].parse == nil {
				t.Errorf("options listed for %q, which has no parser entry", name)
			}
		}
	}
}
