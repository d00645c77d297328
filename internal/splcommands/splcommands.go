// Package splcommands lists the names of Splunk's search commands: the
// commands of Splunk's Search Reference and the custom commands of the
// Splunkbase apps security_content detections call. The evaluator reads
// it to tell an unimplemented Splunk command ("unsupported") from a name
// Splunk does not know ("unknown command ..., did you mean ...").
package splcommands

import (
	"slices"

	"github.com/spelunk-dev/spelunk/internal/suggest"
)

// documented are the commands of Splunk's Search Reference (Splunk
// Enterprise 9.x/10.x "Command quick reference"), lower case, including
// the ones spelunk implements or refuses, then the commands of Splunk's
// premium and bundled apps that detections use. Never modified.
var documented = []string{
	"abstract", "accum", "addcoltotals", "addinfo", "addtotals", "analyzefields", "anomalies",
	"anomalousvalue", "anomalydetection", "append", "appendcols", "appendpipe", "arules", "associate",
	"audit", "autoregress", "bin", "bucket", "bucketdir", "chart", "cluster", "cofilter", "collect",
	"concurrency", "contingency", "convert", "correlate", "ctable", "counttable", "datamodel",
	"datamodelsimple", "dbinspect", "dedup", "delete", "delta", "diff", "erex", "eval", "eventcount",
	"eventstats", "extract", "kv", "fieldformat", "fields", "fieldsummary", "filldown", "fillnull",
	"findtypes", "folderize", "foreach", "format", "from", "fromjson", "gauge", "gentimes", "geom",
	"geomfilter", "geostats", "head", "highlight", "history", "iconify", "inputcsv",
	"inputintelligence", "inputlookup", "iplocation", "join", "kmeans", "kvform", "loadjob",
	"localize", "localop", "lookup", "makecontinuous", "makemv", "makeresults", "map", "mcatalog",
	"mcollect", "metadata", "metasearch", "meventcollect", "mpreview", "msearch", "mstats",
	"multikv", "multisearch", "mvcombine", "mvexpand", "nomv", "outlier", "outputcsv",
	"outputlookup", "outputtext", "overlap", "pivot", "predict", "rangemap", "rare", "redistribute",
	"regex", "reltime", "rename", "replace", "require", "rest", "return", "reverse", "rex",
	"rtorder", "run", "savedsearch", "script", "scrub", "search", "searchtxn", "selfjoin",
	"sendalert", "sendemail", "set", "setfields", "sichart", "sirare", "sistats", "sitimechart",
	"sitop", "sort", "spath", "stats", "strcat", "streamstats", "table", "tags", "tail",
	"timechart", "timewrap", "tojson", "top", "transaction", "transpose", "trendline", "tscollect",
	"tstats", "typeahead", "typelearner", "typer", "union", "uniq", "untable", "walklex", "where",
	"x11", "xmlkv", "xmlunescape", "xpath", "xyseries",
	// Splunk's premium and bundled apps whose commands detections use.
	"apply", "fit", "score", "summary", "ldapsearch", "ldapfilter", "ldapgroup", "dbxquery",
}

// apps are custom search commands of Splunkbase apps that security_content
// detections call, with the app's name. Never modified.
var apps = map[string]string{
	"cyberchef": "CyberChef for Splunk",
}

// Documented reports whether name (lower case) is a command of Splunk's
// Search Reference or of Splunk's premium and bundled apps (MLTK, LDAP,
// DB Connect).
func Documented(name string) bool { return slices.Contains(documented, name) }

// App returns the Splunkbase app whose custom command name (lower case)
// is, and whether it is one.
func App(name string) (app string, ok bool) {
	app, ok = apps[name]
	return app, ok
}

// Names returns the documented commands (Documented), in the Search
// Reference's order; the caller may modify the slice.
func Names() []string { return slices.Clone(documented) }

// AppNames returns the app commands (App), sorted; the caller may modify
// the slice.
func AppNames() []string {
	names := make([]string, 0, len(apps))
	for n := range apps {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Nearest returns the documented command nearest to name (edit distance
// at most a third of the name, at least 2; the first in list order among
// equally near ones), or "".
func Nearest(name string) string {
	best, bestD := "", max(2, len(name)/3)
	for _, k := range documented {
		if d := suggest.Distance(name, k); d <= bestD && (best == "" || d < suggest.Distance(name, best)) {
			best = k
		}
	}
	return best
}
