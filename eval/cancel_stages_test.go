package eval

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// stageCancelCases gives every supported command a use over the rows of
// TestStagesHonourCancellation; "" marks a command whose work does not grow
// with its input rows (the reason beside it), which the test skips.
var stageCancelCases = map[string]string{
	"accum":          "accum n",
	"addcoltotals":   "addcoltotals",
	"addinfo":        "addinfo",
	"addtotals":      "addtotals",
	"append":         "append [| makeresults]",
	"appendcols":     "appendcols [| makeresults]",
	"appendpipe":     "appendpipe [stats count]",
	"autoregress":    "autoregress n",
	"bin":            "bin _time span=1h",
	"chart":          "chart count over user by n",
	"concurrency":    "concurrency duration=n",
	"contingency":    "contingency user n",
	"convert":        "convert ctime(_time)",
	"datamodel":      "", // generates its rows from the data model
	"dedup":          "dedup user",
	"delta":          "delta n",
	"eval":           "eval x=n*2",
	"eventstats":     "eventstats count by user",
	"extract":        "extract pairdelim=\" \" kvdelim=\"=\"",
	"fieldformat":    "", // changes only how a field is shown
	"fields":         "fields - mv",
	"fieldsummary":   "fieldsummary",
	"filldown":       "filldown user",
	"fillnull":       "fillnull value=0 missing",
	"foreach":        "foreach n [eval x=<<FIELD>>]",
	"format":         "format",
	"from":           "", // generates its rows
	"fromjson":       "fromjson _raw",
	"gentimes":       "", // generates its rows
	"geostats":       "geostats latfield=n longfield=n count",
	"head":           "", // keeps a prefix of the rows
	"inputlookup":    "", // generates its rows
	"iplocation":     "", // needs a GeoIP database: its own tests
	"join":           "join user [| makeresults | eval user=\"u1\"]",
	"lookup":         "", // needs a lookup table: its own tests
	"makecontinuous": "makecontinuous _time span=1h",
	"makemv":         "makemv delim=\",\" user",
	"makeresults":    "", // generates its rows
	"map":            "", // runs a search per row, each checked: its own tests
	"multisearch":    "", // generates its rows
	"mvcombine":      "mvcombine user",
	"mvexpand":       "mvexpand mv",
	"nomv":           "nomv mv",
	"outputlookup":   "", // writes a file: its own tests
	"rangemap":       "rangemap field=n low=0-10",
	"rare":           "rare user",
	"regex":          "regex user=\"u1.*\"",
	"rename":         "", // renames fields, not rows
	"replace":        "replace u1 with x in user",
	"return":         "return 100000 user",
	"reverse":        "reverse",
	"rex":            "rex field=_raw \"n=(?<m>\\d+)\"",
	"search":         "search user=u1*",
	"selfjoin":       "selfjoin user",
	"set":            "", // runs its subsearches
	"sort":           "sort 0 n",
	"spath":          "spath",
	"stats":          "stats count by user",
	"strcat":         "strcat user n joined",
	"streamstats":    "streamstats count by user",
	"table":          "table user n",
	"tail":           "", // keeps a suffix of the rows
	"timechart":      "timechart span=1h count by user",
	"tojson":         "tojson",
	"top":            "top user",
	"transaction":    "transaction user maxspan=1s",
	"transpose":      "transpose 100000",
	"trendline":      "trendline sma5(n)",
	"tstats":         "", // generates its rows
	"union":          "", // runs its subsearches
	"uniq":           "uniq",
	"untable":        "untable user n mv",
	"where":          "where n>5",
	"xmlkv":          "xmlkv",
	"xmlunescape":    "xmlunescape",
	"xyseries":       "xyseries user n _time",
}

// TestStagesHonourCancellation: every command that works row by row over
// its input stops, with the context's error, when its context is already
// cancelled, rather than going through a large input first: a caller's
// deadline (--timeout) ends a run inside the command that is running, not
// after it. A supported command missing from stageCancelCases fails.
func TestStagesHonourCancellation(t *testing.T) {
	const n = 100_000
	recs := make([]Record, n)
	for i := range recs {
		recs[i] = Record{
			{"_time", Num(float64(1700000000 + i))},
			{"_raw", Str(fmt.Sprintf("user=u%d action=a%d n=%d", i%97, i%5, i))},
			{"user", Str(fmt.Sprint("u", i%97))},
			{"n", Num(float64(i))},
			{"mv", Multi(fmt.Sprint(i%7), fmt.Sprint(i%11))},
		}
	}
	for _, info := range Commands() {
		if info.Status != CommandSupported {
			continue
		}
		cmd, ok := stageCancelCases[info.Name]
		if !ok {
			t.Errorf("%s: no case in stageCancelCases", info.Name)
			continue
		}
		if cmd == "" {
			continue
		}
		t.Run(cmd, func(t *testing.T) {
			p, err := compileWith(t, "search * | "+cmd, Options{MaxRows: 1 << 22, ParseSearch: parseHook})
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			st := p.stages[len(p.stages)-1]
			in := fromRecords(recs)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			env := &runEnv{ctx: ctx, opts: &p.opts, maxRows: 1 << 22, loc: time.UTC, records: in, input: &Input{Records: recs}}
			start := time.Now()
			_, _, err = st.run(ctx, env, in)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("%s over %d rows with a cancelled context: error %v after %v, want context.Canceled", st.name(), n, err, time.Since(start))
			}
		})
	}
}
