package parser_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/parser"
)

// ignoreSpans compares trees positions aside.
var ignoreSpans = cmpopts.IgnoreTypes(ast.Span{})

// seed1 and seed2 are expanded security_content searches; their canonical
// form is exactly what was written.
const (
	seed1 = `| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe) Processes.process=*node* by Processes.dest Processes.user Processes.parent_process Processes.process_name Processes.process Processes.process_id Processes.parent_process_id | rename Processes.* AS * | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(lastTime) | search *`
	seed2 = `| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where Processes.process_name=scrcons.exe by Processes.dest Processes.user Processes.parent_process Processes.process_name Processes.process Processes.process_id Processes.parent_process_id | rename Processes.* AS * | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(lastTime) | search *`
)

// roundTripQueries are varied queries; each must survive String and
// Format. They seed FuzzParse too.
var roundTripQueries = []string{
	seed1,
	seed2,
	`*`,
	`search *`,
	`foo bar "a phrase"`,
	`index=main sourcetype=XmlWinEventLog EventCode=1`,
	`a=1 OR b=2 c=3`,
	`a=1 AND (b=2 OR c=3) NOT d=4`,
	`NOT NOT x`,
	`process="*\\node*" path=C:\Windows\* dest_ip=10.0.0.0/8 CommandLine=*-enc*`,
	`x="say \"hi\"" y=""`,
	`count>=10 count<5 a!=b c<=1 d>2`,
	`dest = $dest$ user= bob`,
	`Processes.process_name IN ("cmd.exe", "powershell.exe", pwsh*, 40*)`,
	`process_name IN("a","b") NOT parent IN (x)`,
	`or and not in`,
	`"Search Name"="x y" "a b"`,
	`| search [| inputlookup hosts.csv | fields host] OR host=h1`,
	`| search NOT [search index=x | fields user]`,
	`| TSTATS COUNT FROM DATAMODEL=Endpoint.Processes WHERE Processes.process_name=x BY Processes.dest`,
	`| tstats count from datamodel=Endpoint by _time span=1h Processes.dest`,
	`| tstats prestats=t count(Processes.process) AS n dc(Processes.user) as users values(Processes.process) from datamodel=Endpoint.Processes where nodename=Processes.process Processes.process_name=cmd.exe by Processes.dest, Processes.user`,
	`| tstats count where index=main by host`,
	`| tstats count from datamodel=Network_Traffic.All_Traffic where All_Traffic.dest_port IN (3389, 22) NOT All_Traffic.src=10.0.0.0/8 by All_Traffic.src span=5m`,
	`| rename a AS b, c* AS d* "Search Name" as search_name`,
	`| rename a as b c as d,`,
	`| convert ctime(firstTime) mktime(x) AS y dur2sec(z)`,
	`| convert timeformat="%Y" ctime(*)`,
	`| eval x="a|b", y=if(z>1, "(", ")") | stats count by x`,
	`| makeresults | eval n=1 | where n=1 AND m!="x"`,
	`search index=a | lookup t.csv a OUTPUT b | table a b | dedup a | sort - count`,
	`| inputlookup t | search dest="*" | Stats Count BY dest`,
	`((((a))))`,
	`_time>=relative_time(now(), "-1d@d") x=*GetCurrent()*`,
	`x=a=b y=*\"q\":true*`,
	`a,b c`,
	"a=1\n| stats count\n| where count > 1",
	`search=x searches | search`,
	`| tstats count from datamodel=Endpoint.Processes where (Processes.process_name="cmd.exe" OR (Processes.process_name=powershell.exe Processes.process IN ("*-enc*", "*-e *"))) by Processes.dest | search count>0`,
	`| eval x=if(a>1,"a","b"), y=a."x".b, 'q r'=mvfilter(match(x,"a")), z=case(a=1,"x",true(),"y") | where x IN ("a","b") and not like(y,"%a") OR z LIKE "a%"`,
	`| eval a=-1, b=1.5e3, c=!x, d= - -x, e = NOT a = NOT b = c, f='a{}.b', g={x}, {h}=1, feature_-value=2`,
	`| eval x=a - -1, y=-(a+b)*c, z=(a) , w='it\'s' . "\"q\""`,
	`| where NOT (a=1 XOR b) AND c!=d OR e<=f`,
	`| stats count(eval(x>1)) as n dc(Processes.dest) as "Search Name" values(x) by a, b c | eventstats count | streamstats reset_before="(x>1)" reset_after="(y=\"a\")" count by x`,
	`| stats min(_time) as firstTime values(eval(if(op=="a",v,null))) as old p95(x) perc99(y) exactperc99(z) upperperc95(w) estdc(u) distinct_count(v) as aceFlags(inheritance) by user_id, dest, Image ,ImageLoaded, , OriginalFileName`,
	`| table a, b c* "d e" | fields - a, b | fields -x | fields + y, z | fields unusual_cmdline* predicted(x)`,
	`| fillnull value="U" a, b | fillnull | fillnull value=0 | replace "a" with "b", x WITH y IN f1, f2 | replace "::ffff:*" with * in src`,
	`| addtotals fieldname=Score, a, b | addtotals | sort 0 -count | sort - count | sort limit=10 +x num(y) d | sort count, - ut_shannon`,
	`| head 10 | head limit=5 | head (x>1) keeplast=true | head | tail | tail 5 | dedup 2 a,b keepempty=true sortby -x | dedup a`,
	`| bin _time span=1h | bucket span=5m _time as t | bin span=1h gtime | mvexpand x limit=5 | makemv delim="," x | makemv tokenizer="([\w\d\-]+)" p | makeresults count=3 | makeresults`,
	"search a ``` a | comment ``` b | stats count ```trailing``` | where x > 1 ```c```",
	`| lookup local=true t.csv a AS b, c OUTPUTNEW d AS e, f | lookup t a output b | lookup t k | lookup t "output" AS x`,
	`| inputlookup append=t max=10 hosts.csv where host=h* OR ip IN (1, 2) | outputlookup append=true out.csv | inputlookup "where"`,
	`| inputlookup t.csv | search [| inputlookup x | fields a] | where x IN ("a", "b")`,
	`x | rex field=_raw max_match=0 "(?<a>\\\w+)\"" | rex mode=sed field=x "s/a/b/g" | rex "(?<u>.+)" offset_field=o`,
	`x | regex x!="a\d" | regex "^b" | regex _raw = "c" | regex "a b"="x"`,
	`x | spath input=a output=b path=c{}.d | spath e.f | spath "q{}" output=z | spath`,
	`x | xmlkv | xmlkv Message maxinputs=10 | fromjson Data prefix=p_ | extract pairdelim=";" kvdelim=":" | extract | multikv | multikv forceheader=1 fields a b filter x`,
	`x | iplocation prefix=a_ allfields=t lang=en src | join type=left max=0 a, b [| inputlookup t] | join [search y]`,
	`x | append [mstats count(a) as n where index=m by h span=10s] | appendcols override=t [search y | head 1] | appendpipe run_in_preview=f [stats count | eval x=1]`,
	"x | appendpipe [| map search=\"search `m` a=$a$\" maxsearches=5] | map saved1 maxsearches=2",
	`x | foreach mode=multivalue x [eval y=<<ITEM>>] | foreach count* matchseg1=s [eval 'new_<<MATCHSEG1>>'='<<FIELD>>' * 2, s="<<MATCHSTR>>"]`,
	`x | transaction a, b maxspan=5m startswith="EventCode=1" endswith=eval(x>1) keepevicted=true | transaction c startswith=foo endswith=(a OR b)`,
	`| mstats prestats=t avg(tcp.*) as tcp.* where index=k AND earliest=-1h by a b span=10s`,
	`| from datamodel:"Endpoint.Processes" | from datamodel Web.Web | from inputlookup:x.csv | from datamodel:"a b"`,
	`| datamodel Endpoint Processes search | datamodel | datamodel Network_Traffic flat summariesonly=t | datamodel "search" flat`,
	`x | timechart span=1h limit=0 count by host useother=f where count in top5 | timechart avg(x) as y max(eval(a*2)) as z`,
	`x | top limit=5 x by y | top 3 a b | rare x showperc=f | top "5" | top "by"`,
	`x | join a [ summary model_v1] | join b [mstats count(x) where index=k]`,
}

func TestRoundTrip(t *testing.T) {
	for _, q := range roundTripQueries {
		t.Run("", func(t *testing.T) { checkRoundTrip(t, q) })
	}
}

func TestSeedsPrintExactly(t *testing.T) {
	for _, q := range []string{seed1, seed2} {
		tree, err := parser.Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		if got := tree.String(); got != q {
			t.Errorf("String() differs from the seed:\n got: %s\nwant: %s", got, q)
		}
	}
}

// checkRoundTrip parses q and checks that String and Format print trees
// that parse back equal, and that both printers are fixed points.
func checkRoundTrip(t *testing.T, q string) {
	t.Helper()
	tree, err := parser.Parse(q)
	if err != nil {
		t.Fatalf("Parse(%q): %v", q, err)
	}
	s := tree.String()
	again, err := parser.Parse(s)
	if err != nil {
		t.Fatalf("Parse(String()) of %q: %v\nString: %s", q, err, s)
	}
	if d := cmp.Diff(tree, again, ignoreSpans); d != "" {
		t.Errorf("Parse(String()) differs for %q (-first +second):\n%s\nString: %s", q, d, s)
	}
	if s2 := again.String(); s2 != s {
		t.Errorf("String is not a fixed point:\n 1: %s\n 2: %s", s, s2)
	}
	f := ast.Format(tree)
	fTree, err := parser.Parse(f)
	if err != nil {
		t.Fatalf("Parse(Format()) of %q: %v\nFormat:\n%s", q, err, f)
	}
	if d := cmp.Diff(tree, fTree, ignoreSpans); d != "" {
		t.Errorf("Parse(Format()) differs for %q (-first +second):\n%s\nFormat:\n%s", q, d, f)
	}
	if f2 := ast.Format(fTree); f2 != f {
		t.Errorf("Format is not a fixed point:\n1:\n%s\n2:\n%s", f, f2)
	}
}

func TestParseSearch(t *testing.T) {
	e, err := parser.ParseSearch(` tag=process tag=report `)
	if err != nil {
		t.Fatal(err)
	}
	and, ok := e.(*ast.SearchAnd)
	if !ok || len(and.Terms) != 2 || and.String() != "tag=process tag=report" {
		t.Fatalf("ParseSearch = %#v", e)
	}
	if s := and.Terms[1].Span(); s.Start != 13 || s.End != 23 {
		t.Errorf("span = %v, want [13, 23)", s)
	}
	for _, bad := range []string{"", "a OR", "(a"} {
		if _, err := parser.ParseSearch(bad); err == nil {
			t.Errorf("ParseSearch(%q) succeeded", bad)
		}
	}
}
