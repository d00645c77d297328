package eval

import "github.com/spelunk-dev/spelunk/ast"

// commandTable is the registry (commands.go), keyed by command name and
// by alias. It is set once by init and never modified: as a variable
// initializer it would form an initialization cycle, since the commands
// holding pipelines (join, append, map, subsearches) compile them through
// compileCommand, which reads the table.
var commandTable map[string]*commandSpec

func init() {
	commandTable = newCommandTable(supportedCommands(), refusedCommands(), unsupportedCommands())
}

// newCommandTable indexes specs by name and alias.
func newCommandTable(families ...[]*commandSpec) map[string]*commandSpec {
	t := map[string]*commandSpec{}
	for _, f := range families {
		for _, s := range f {
			for _, n := range append([]string{s.name}, s.aliases...) {
				if _, dup := t[n]; dup {
					panic("eval: command " + n + " registered twice")
				}
				t[n] = s
			}
		}
	}
	return t
}

// supported returns the entry of a command spelunk implements.
func supported(name string, pos CommandPosition, compile compileFunc, columns columnsFunc, aliases ...string) *commandSpec {
	return &commandSpec{name: name, aliases: aliases, status: CommandSupported, position: pos, compile: compile, columns: columns}
}

// supportedCommands are the commands spelunk implements, each with its
// compile function (cmd_*.go) and, for those the raw-event projection can
// see through, its columns function (projection.go).
func supportedCommands() []*commandSpec {
	return []*commandSpec{
		// generating
		supported("tstats", PositionFirstUnlessAppend, node(func(c *ast.TstatsCommand, env *compileEnv) stage {
			if !env.first {
				return compileTstatsAppend(c, env.opts, env.e)
			}
			if hasSubsearch(c.Where) {
				return compileTstatsSub(c, env.first, env.opts, env.e)
			}
			return compileTstats(c, env.opts, env.e)
		}), nil),
		supported("makeresults", PositionFirst, node(func(c *ast.MakeresultsCommand, env *compileEnv) stage {
			return compileMakeresults(c, env.e)
		}), nil),
		supported("from", PositionFirst, node(func(c *ast.FromCommand, env *compileEnv) stage {
			return compileFrom(c, env.opts, env.e)
		}), nil),
		supported("multisearch", PositionFirst, node(func(c *ast.MultisearchCommand, env *compileEnv) stage {
			return compileMultisearch(c, env.opts, env.e)
		}), nil),
		supported("union", PositionFirst, node(func(c *ast.MultisearchCommand, env *compileEnv) stage {
			return compileMultisearch(c, env.opts, env.e)
		}), nil),
		supported("set", PositionFirst, node(func(c *ast.MultisearchCommand, env *compileEnv) stage {
			return compileMultisearch(c, env.opts, env.e)
		}), nil),
		supported("gentimes", PositionFirst, node(func(c *ast.SimpleCommand, env *compileEnv) stage {
			return compileGentimes(c, env.e)
		}), nil),
		supported("datamodel", PositionFirst, node(func(c *ast.DatamodelCommand, env *compileEnv) stage {
			return compileDatamodel(c, env.e)
		}), nil),
		supported("inputlookup", PositionFirstUnlessAppend, node(func(c *ast.InputlookupCommand, env *compileEnv) stage {
			return compileInputlookup(c, env.first, env.opts, env.e)
		}), nil),

		// filtering and computing
		supported("search", PositionAnywhere, node(func(c *ast.SearchCommand, env *compileEnv) stage {
			if hasSubsearch(c.Expr) {
				return compileSearchSub(c, env.opts, env.e)
			}
			return compileSearchOpts(c, env.opts, env.e)
		}), searchColumns),
		supported("where", PositionAnywhere, node(func(c *ast.WhereCommand, env *compileEnv) stage {
			return compileWhere(c, env.opts, env.e)
		}), whereColumns),
		supported("eval", PositionAnywhere, node(func(c *ast.EvalCommand, env *compileEnv) stage {
			return compileEval(c, env.opts, env.e)
		}), evalColumns),
		supported("fieldformat", PositionAnywhere, node(func(c *ast.FieldformatCommand, env *compileEnv) stage {
			return compileFieldformat(c, env.opts, env.e)
		}), nil),
		supported("regex", PositionAnywhere, node(func(c *ast.RegexCommand, env *compileEnv) stage {
			return compileRegexCmd(c, env.opts, env.e)
		}), nil),
		supported("convert", PositionAnywhere, node(func(c *ast.ConvertCommand, env *compileEnv) stage {
			return compileConvert(c, env.opts, env.e)
		}), nil),
		supported("bin", PositionAnywhere, node(func(c *ast.BinCommand, env *compileEnv) stage {
			return compileBin(c, env.e)
		}), nil, "bucket"),

		// fields
		supported("rename", PositionAnywhere, node(func(c *ast.RenameCommand, env *compileEnv) stage {
			return compileRename(c, env.e)
		}), nil),
		supported("table", PositionAnywhere, node(func(c *ast.TableCommand, env *compileEnv) stage {
			return compileTable(c, env.e)
		}), tableColumns),
		supported("fields", PositionAnywhere, node(func(c *ast.FieldsCommand, env *compileEnv) stage {
			return compileFields(c, env.e)
		}), nil),
		supported("fillnull", PositionAnywhere, node(func(c *ast.FillnullCommand, _ *compileEnv) stage {
			return compileFillnull(c)
		}), nil),
		supported("replace", PositionAnywhere, node(func(c *ast.ReplaceCommand, env *compileEnv) stage {
			return compileReplace(c, env.e)
		}), nil),
		supported("addtotals", PositionAnywhere, node(func(c *ast.AddtotalsCommand, env *compileEnv) stage {
			return compileAddtotals(c, env.e)
		}), nil),

		// rows
		supported("sort", PositionAnywhere, node(func(c *ast.SortCommand, env *compileEnv) stage {
			return compileSort(c, env.e)
		}), nil),
		supported("head", PositionAnywhere, node(func(c *ast.HeadCommand, env *compileEnv) stage {
			return compileHead(c, env.opts, env.e)
		}), nil),
		supported("tail", PositionAnywhere, node(func(c *ast.TailCommand, _ *compileEnv) stage {
			return compileTail(c)
		}), nil),
		supported("dedup", PositionAnywhere, node(func(c *ast.DedupCommand, env *compileEnv) stage {
			return compileDedup(c, env.e)
		}), nil),
		supported("mvexpand", PositionAnywhere, node(func(c *ast.MvexpandCommand, env *compileEnv) stage {
			return compileMvexpand(c, env.e)
		}), nil),
		supported("makemv", PositionAnywhere, node(func(c *ast.MakemvCommand, env *compileEnv) stage {
			return compileMakemv(c, env.opts, env.e)
		}), nil),

		// statistics
		supported("stats", PositionAnywhere, node(func(c *ast.StatsCommand, env *compileEnv) stage {
			return compileStats(c, env.opts, env.e)
		}), statsColumns),
		supported("eventstats", PositionAnywhere, node(func(c *ast.StatsCommand, env *compileEnv) stage {
			return compileEventstats(c, env.opts, env.e)
		}), nil),
		supported("streamstats", PositionAnywhere, node(func(c *ast.StatsCommand, env *compileEnv) stage {
			return compileStreamstats(c, env.opts, env.e)
		}), nil),
		supported("geostats", PositionAnywhere, node(func(c *ast.StatsCommand, env *compileEnv) stage {
			return compileGeostats(c, env.opts, env.e)
		}), nil),
		supported("tojson", PositionAnywhere, node(func(c *ast.TojsonCommand, env *compileEnv) stage {
			return compileTojson(c, env.e)
		}), nil),
		supported("trendline", PositionAnywhere, node(func(c *ast.StatsCommand, env *compileEnv) stage {
			return compileTrendline(c, env.e)
		}), nil),
		supported("timechart", PositionAnywhere, node(func(c *ast.TimechartCommand, env *compileEnv) stage {
			return compileTimechart(c, env.opts, env.e)
		}), nil),
		supported("chart", PositionAnywhere, node(func(c *ast.ChartCommand, env *compileEnv) stage {
			return compileChart(c, env.opts, env.e)
		}), nil),
		supported("top", PositionAnywhere, node(func(c *ast.TopCommand, env *compileEnv) stage {
			return compileTop(c, env.e)
		}), nil),
		supported("rare", PositionAnywhere, node(func(c *ast.TopCommand, env *compileEnv) stage {
			return compileTop(c, env.e)
		}), nil),
		supported("transaction", PositionAnywhere, node(func(c *ast.TransactionCommand, env *compileEnv) stage {
			return compileTransaction(c, env.opts, env.e)
		}), nil),

		// extraction
		supported("rex", PositionAnywhere, node(func(c *ast.RexCommand, env *compileEnv) stage {
			return compileRex(c, env.opts, env.e)
		}), nil),
		supported("spath", PositionAnywhere, node(func(c *ast.SpathCommand, env *compileEnv) stage {
			return compileSpath(c, env.e)
		}), nil),
		supported("xmlkv", PositionAnywhere, node(func(c *ast.XmlkvCommand, env *compileEnv) stage {
			return compileXmlkv(c, env.e)
		}), nil),
		supported("fromjson", PositionAnywhere, node(func(c *ast.FromjsonCommand, env *compileEnv) stage {
			return compileFromjson(c, env.e)
		}), nil),
		supported("extract", PositionAnywhere, node(func(c *ast.ExtractCommand, env *compileEnv) stage {
			return compileExtract(c, env.e)
		}), nil, "kv"),
		supported("iplocation", PositionAnywhere, node(func(c *ast.IplocationCommand, env *compileEnv) stage {
			return compileIplocation(c, env.opts, env.e)
		}), nil),

		// lookups
		supported("lookup", PositionAnywhere, node(func(c *ast.LookupCommand, env *compileEnv) stage {
			return compileLookup(c, env.opts, env.e)
		}), nil),
		supported("outputlookup", PositionAnywhere, node(func(c *ast.OutputlookupCommand, env *compileEnv) stage {
			return compileOutputlookup(c, env.opts, env.e)
		}), nil),

		// commands of options and words (ast.SimpleCommand)
		simpleCmd("reverse", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileReverse(c, env.e) }),
		simpleCmd("uniq", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileUniq(c, env.e) }),
		simpleCmd("addinfo", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileAddinfo(c, env.opts, env.e) }),
		simpleCmd("nomv", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileNomv(c, env.e) }),
		simpleCmd("mvcombine", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileMvcombine(c, env.e) }),
		simpleCmd("accum", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileAccum(c, env.e) }),
		simpleCmd("delta", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileDelta(c, env.e) }),
		simpleCmd("autoregress", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileAutoregress(c, env.e) }),
		simpleCmd("strcat", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileStrcat(c, env.e) }),
		simpleCmd("xyseries", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileXyseries(c, env.e) }),
		simpleCmd("untable", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileUntable(c, env.e) }),
		simpleCmd("format", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileFormat(c, env.e) }),
		simpleCmd("return", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileReturn(c, env.e) }),
		simpleCmd("filldown", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileFilldown(c, env.e) }),
		simpleCmd("addcoltotals", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileAddcoltotals(c, env.e) }),
		simpleCmd("rangemap", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileRangemap(c, env.e) }),
		simpleCmd("concurrency", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileConcurrency(c, env.e) }),
		supported("contingency", PositionAnywhere, node(func(c *ast.SimpleCommand, env *compileEnv) stage {
			return compileContingency(c, env.e)
		}), nil, "ctable", "counttable"),
		simpleCmd("fieldsummary", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileFieldsummary(c, env.e) }),
		simpleCmd("selfjoin", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileSelfjoin(c, env.e) }),
		simpleCmd("makecontinuous", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileMakecontinuous(c, env.e) }),
		simpleCmd("transpose", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileTranspose(c, env.e) }),
		simpleCmd("xmlunescape", func(c *ast.SimpleCommand, env *compileEnv) stage { return compileXmlunescape(c, env.e) }),

		// nested pipelines
		supported("join", PositionAnywhere, node(func(c *ast.JoinCommand, env *compileEnv) stage {
			return compileJoin(c, env.opts, env.e)
		}), nil),
		supported("append", PositionAnywhere, node(func(c *ast.AppendCommand, env *compileEnv) stage {
			return compileAppend(c, env.opts, env.e)
		}), nil),
		supported("appendcols", PositionAnywhere, node(func(c *ast.AppendCommand, env *compileEnv) stage {
			return compileAppend(c, env.opts, env.e)
		}), nil),
		supported("appendpipe", PositionAnywhere, node(func(c *ast.AppendpipeCommand, env *compileEnv) stage {
			return compileAppendpipe(c, env.opts, env.e)
		}), nil),
		supported("foreach", PositionAnywhere, node(func(c *ast.ForeachCommand, env *compileEnv) stage {
			return compileForeach(c, env.opts, env.e)
		}), nil),
		supported("map", PositionAnywhere, node(func(c *ast.MapCommand, env *compileEnv) stage {
			return compileMap(c, env.opts, env.e)
		}), nil),
	}
}

// simpleCmd returns the entry of a command parsed into an
// *ast.SimpleCommand (cmd_simple.go), allowed anywhere.
func simpleCmd(name string, f func(c *ast.SimpleCommand, env *compileEnv) stage) *commandSpec {
	return supported(name, PositionAnywhere, node(f), nil)
}

// refused returns the entry of a command refused for reason.
func refused(name, reason string) *commandSpec {
	return &commandSpec{name: name, status: CommandRefused, reason: reason}
}

// refusedCommands cannot run locally by design: they need a Splunk server,
// its indexes or models, or they act on the outside world. Compiling one
// is a "refused" error giving the reason.
func refusedCommands() []*commandSpec {
	return []*commandSpec{
		refused("mstats", "it reads Splunk metrics indexes"),
		refused("mcatalog", "it reads Splunk metrics indexes"),
		refused("mpreview", "it reads Splunk metrics indexes"),
		refused("msearch", "it reads Splunk metrics indexes"),
		refused("apply", "it applies a trained machine-learning model (MLTK)"),
		refused("fit", "it trains a machine-learning model (MLTK)"),
		refused("score", "it scores with the machine-learning toolkit (MLTK)"),
		refused("summary", "it reads a machine-learning model summary (MLTK)"),
		refused("sendemail", "it sends email"),
		refused("sendalert", "it triggers alert actions"),
		refused("script", "it runs an external script"),
		refused("run", "it runs an external script"),
		refused("collect", "it writes to a Splunk summary index"),
		refused("tscollect", "it writes tsidx files on a Splunk server"),
		refused("outputcsv", "it writes files on a Splunk server"),
		refused("delete", "it deletes indexed events"),
		refused("dbxquery", "it queries an external database (DB Connect)"),
		refused("rest", "it calls a Splunk server's REST API"),
		refused("ldapsearch", "it queries an LDAP directory"),
		refused("ldapfilter", "it queries an LDAP directory"),
		refused("ldapgroup", "it queries an LDAP directory"),
		refused("loadjob", "it loads a search job from a Splunk server"),
		// [D S-inputcsv: "Loads search results from the specified .csv
		// file ... located in $SPLUNK_HOME/var/run/splunk/csv"]: files
		// outputcsv wrote on a Splunk server, not lookups.
		refused("inputcsv", "it reads CSV files from a Splunk server's var/run/splunk/csv directory (what outputcsv wrote); load a CSV as a lookup with --lookups DIR and inputlookup instead"),
		// [D S-kvform: "Extracts key-value pairs from events based on a
		// form template ... stored in $SPLUNK_HOME/etc/apps/.../*.form"]
		refused("kvform", "it needs form templates (.form files) from a Splunk server's app configuration"),
		// [D S-scrub: "Anonymizes the search results by replacing
		// identifying data ... using the dictionary and configuration
		// files found in $SPLUNK_HOME/etc/anonymizer"]
		refused("scrub", "it needs Splunk's anonymizer dictionaries and configuration ($SPLUNK_HOME/etc/anonymizer)"),
		// [D S-highlight: "Highlights specified terms in the events list";
		// S-iconify: "displays a unique icon for each different value"]:
		// they change only how Splunk Web shows results.
		refused("highlight", "it only changes how Splunk Web displays events; results are unchanged, so remove it"),
		refused("iconify", "it only changes how Splunk Web displays results (an icon per value); results are unchanged, so remove it"),
		refused("savedsearch", "it runs a saved search stored on a Splunk server"),
		refused("dbinspect", "it inspects Splunk index buckets"),
		refused("metadata", "it reads Splunk index metadata"),
		refused("eventcount", "it counts events in Splunk indexes"),
		refused("datamodelsimple", "it reads data-model definitions on a Splunk server"),
		// macros.AppMacroPlaceholder: the macros package's stand-in for a
		// macro that ships with a Splunk app (get_asset from Enterprise
		// Security). Not a Splunk command (splcommands).
		refused(appMacroCommand, "it calls a macro of a Splunk app that security_content does not ship; define it with --macros FILE"),

		// Commands whose statistical models or app code are not
		// reproduced locally.
		refused("anomalydetection", "its probabilistic model is Splunk's own and is not reproduced locally"),
		refused("outlier", "its outlier model is Splunk's own and is not reproduced locally"),
		refused("cyberchef", "it is a command of the CyberChef for Splunk app"),
		// [D S-predict: "The predict command provides different univariate
		// and bivariate time series algorithms": LLP5 by default, Kalman
		// filters whose initialisation and smoothing parameters the
		// Search Reference does not give.]
		refused("predict", "its Kalman-filter forecasting algorithms (LL, LLT, LLP, LLP5, LLB, BiLL) are Splunk's own and their parameters are not documented, so forecasts cannot be reproduced"),
		// [D S-sistats: "The sistats command is one of several commands
		// that you can use to create summary indexes" — its output is
		// summary-index data for a later stats over the summary index.]
		refused("sistats", "it writes summary-index statistics for Splunk's summary indexing; use stats"),
		refused("sichart", "it writes summary-index statistics for Splunk's summary indexing; use chart"),
		refused("sitimechart", "it writes summary-index statistics for Splunk's summary indexing; use timechart"),
		refused("sitop", "it writes summary-index statistics for Splunk's summary indexing; use top"),
		refused("sirare", "it writes summary-index statistics for Splunk's summary indexing; use rare"),
	}
}

// appMacroCommand is the command name of the macros package's stand-in for
// a macro that ships with a Splunk app (macros.AppMacroPlaceholder); the
// registry refuses it. It is no Splunk command.
const appMacroCommand = "spelunk_app_macro"

// unsupportedCommands are Splunk commands spelunk does not implement for a
// reason worth stating; compiling one is an "unsupported" error giving it.
// Splunk commands without an entry are unsupported without a reason.
func unsupportedCommands() []*commandSpec {
	return []*commandSpec{{
		name:   "multikv",
		status: CommandUnsupported,
		// [D S-multikv: "The general strategy is to identify a header,
		// offsets, and field counts ... Auto-detection of header rows
		// favors rows that are text, and are ALLCAPS or Capitalized"]:
		// the header detection and tokenizing are heuristics Splunk does
		// not specify. The corpus's one use (GCS access-log CSV in
		// Pub/Sub messages) depends on them exactly: it reads fields
		// named sc_status_, cs_object_ with values that keep their
		// quotes ("\"200\""), which only Splunk's undocumented tokenizer
		// produces. Guessing would give rows that look right and differ.
		reason: "its header detection and column tokenizing are undocumented heuristics (multikv.conf defaults), so its fields cannot be reproduced faithfully; extract table rows with rex or makemv/mvexpand instead",
	}, {
		name:   "erex",
		status: CommandUnsupported,
		// [D S-erex: "Use the erex command to extract data from a field
		// when you do not know the regular expression to use ... from
		// example values"]: how the regular expression is learned from
		// examples= and counterexamples= is not documented, so the
		// expression (and what it extracts) would differ from Splunk's.
		reason: "the regular expression it learns from examples is produced by an undocumented algorithm, so its extractions cannot be reproduced faithfully; write the regular expression with rex instead",
	}, {
		name:   "cluster",
		status: CommandUnsupported,
		// [D S-cluster: "The default grouping method is to break down the
		// events into terms (match=termlist) and compute the vector
		// between events"; t= "controls the sensitivity ... The closer
		// the threshold is to 1, the more similar events have to be";
		// labelonly=false returns "only one event from each cluster"]:
		// nothing says how the terms become a vector (counts, weights,
		// positions for termlist, n for ngramset), which similarity is
		// compared against t=, in what order events join clusters, which
		// event stands for its cluster, or how labels are numbered. Any
		// choice gives clusters that look right and differ from Splunk's.
		reason: "its similarity measure is not documented (the Search Reference says only that events are broken into terms and \"the vector between events\" is compared against t=), nor which event represents a cluster or how labels are numbered, so its clusters cannot be reproduced faithfully",
	}}
}
