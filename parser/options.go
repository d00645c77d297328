package parser

import (
	"fmt"

	"github.com/spelunk-dev/spelunk/ast"
)

// commandOptions are the option keys each command accepts, as Splunk
// documents them; checkOptions rejects others with a "did you mean" hint.
// Commands missing here accept any key.
var commandOptions = map[string][]string{
	"lookup":       {"local", "update", "event_time_field"},
	"inputlookup":  {"append", "start", "max", "strict"},
	"outputlookup": {"append", "create_empty", "override_if_empty", "max", "key_field", "allow_updates", "createinapp", "create_context", "output_format"},
	"rex":          {"field", "max_match", "offset_field", "mode"},
	"spath":        {"input", "output", "path"},
	"xmlkv":        {"maxinputs"},
	"fromjson":     {"prefix"},
	"extract":      {"pairdelim", "kvdelim", "limit", "maxchars", "mv_add", "clean_keys", "auto", "reload", "segment"},
	"multikv":      {"conf", "copyattrs", "forceheader", "multitable", "noheader", "rmorig"},
	"iplocation":   {"prefix", "allfields", "lang"},
	"join":         {"type", "max", "usetime", "earlier", "overwrite", "left", "right"},
	"append":       {"extendtimerange", "maxtime", "maxout", "timeout"},
	"appendcols":   {"override", "extendtimerange", "maxtime", "maxout", "timeout"},
	"appendpipe":   {"run_in_preview"},
	"foreach":      {"mode", "fieldstr", "matchstr", "matchseg1", "matchseg2", "matchseg3", "itemstr"},
	"map":          {"search", "maxsearches"},
	"transaction": {"maxspan", "maxpause", "maxevents", "connected", "keepevicted", "mvlist", "delim", "unifyends",
		"keeporphans", "mvraw", "nullstr", "maxopentxn", "maxopenevents", "name", "fields"},
	"top":            {"limit", "countfield", "percentfield", "showcount", "showperc", "useother", "otherstr"},
	"rare":           {"limit", "countfield", "percentfield", "showcount", "showperc", "useother", "otherstr"},
	"datamodel":      {"summariesonly", "strict_fields", "allow_old_summaries"},
	"reverse":        {},
	"uniq":           {},
	"addinfo":        {},
	"nomv":           {},
	"mvcombine":      {"delim"},
	"accum":          {},
	"delta":          {"p"},
	"autoregress":    {"p"},
	"strcat":         {"allrequired"},
	"untable":        {},
	"xyseries":       {"grouped", "sep", "format"},
	"format":         {"mvsep", "maxresults", "emptystr"},
	"filldown":       {},
	"addcoltotals":   {"labelfield", "label"},
	"xmlunescape":    {"maxinputs"},
	"transpose":      {"column_name", "header_field", "include_empty"},
	"concurrency":    {"duration", "start", "output"},
	"fieldsummary":   {"maxvals"},
	"selfjoin":       {"overwrite", "max", "keepsingle"},
	"makecontinuous": {"span", "bins", "minspan", "start", "end", "aligntime"},
	"tojson":         {"default_type", "fill_null", "include_internal", "output_field"},
	"gentimes":       {"start", "end", "increment"},
	"multisearch":    {},
	"union":          {"maxtime", "maxout", "timeout"},
	"set":            {},
	"contingency":    {"maxrows", "maxcols", "mincolcover", "minrowcover", "usetotal", "totalstr"},
	"ctable":         {"maxrows", "maxcols", "mincolcover", "minrowcover", "usetotal", "totalstr"},
	"counttable":     {"maxrows", "maxcols", "mincolcover", "minrowcover", "usetotal", "totalstr"},
	"chart": {"sep", "format", "cont", "limit", "agg", "useother", "usenull", "otherstr", "nullstr",
		"span", "bins", "minspan", "start", "end"},
	"timechart": {"span", "bins", "minspan", "start", "end", "aligntime", "limit", "useother", "usenull", "otherstr",
		"nullstr", "cont", "partial", "fixedrange", "format", "sep", "agg", "dedup_splitvals"},
}

// checkOptions reports the first option of cmd whose key is not one of
// commandOptions[cmd].
func (c *converter) checkOptions(cmd string, opts []ast.Option) error {
	keys, ok := commandOptions[cmd]
	if !ok {
		return nil
	}
next:
	for _, o := range opts {
		for _, k := range keys {
			if equalFold(o.Key, k) {
				continue next
			}
		}
		msg := fmt.Sprintf("%s: unknown option %q", cmd, o.Key)
		if kw := nearKeyword(o.Key, keys...); kw != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", kw)
		}
		return errorf(c.query, int(o.Loc.Start), "%s", msg)
	}
	return nil
}
