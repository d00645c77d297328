package parser

import (
	"slices"

	"github.com/alecthomas/participle/v2"
	"github.com/spelunk-dev/spelunk/ast"
)

// parseFunc parses the command called name (lower case) at query[ts:te],
// whose span is loc.
type parseFunc func(c *converter, name string, ts, te int, loc ast.Span) (ast.Command, error)

// commandEntry is what the parser knows about one command name.
type commandEntry struct {
	// parse parses the command into its own node; nil: the command is
	// parsed generically, into an *ast.GenericCommand holding its raw
	// arguments, as every name missing from the table is.
	parse parseFunc
	// generating: the command generates results, so it may start a
	// [subsearch] without a leading '|' (leadGenerating).
	generating bool
}

// commandTable maps each command name (lower case) to its entry. It is set
// once by init and never modified: as a variable initializer it would form
// an initialization cycle, since search and the commands holding
// subsearches parse nested pipelines through converter.named, which reads
// the table.
var commandTable map[string]commandEntry

func init() { commandTable = newCommandTable() }

// grammar returns the parseFunc that lexes the command with lx, parses it
// with p and converts the result with conv.
func grammar[G any](p *participle.Parser[G], lx lexFunc, conv func(*converter, *G, ast.Span) (ast.Command, error)) parseFunc {
	return func(c *converter, name string, ts, te int, loc ast.Span) (ast.Command, error) {
		return run(c, p, lx, ts, te, name, loc, conv)
	}
}

// newCommandTable builds the table: one entry per name, several names
// sharing a grammar where their syntax is the same.
func newCommandTable() map[string]commandEntry {
	t := map[string]commandEntry{}
	add := func(e commandEntry, names ...string) {
		for _, n := range names {
			if _, dup := t[n]; dup {
				panic("parser: command " + n + " registered twice")
			}
			t[n] = e
		}
	}
	parsed := func(f parseFunc, names ...string) { add(commandEntry{parse: f}, names...) }
	generating := func(f parseFunc, names ...string) { add(commandEntry{parse: f, generating: true}, names...) }

	// search language and expressions
	parsed(grammar(searchParser, lexSearch, (*converter).search), "search")
	parsed(grammar(evalParser, lexEvalCommand, (*converter).eval), "eval")
	parsed(grammar(evalParser, lexEvalCommand, (*converter).fieldformat), "fieldformat")
	parsed(grammar(whereParser, lexExprCommand, (*converter).where), "where")
	parsed(grammar(headParser, lexExprCommand, (*converter).head), "head")
	parsed(grammar(regexParser, lexSearch, (*converter).regex), "regex")

	// generating
	generating(grammar(tstatsParser, lexTstats, (*converter).tstats), "tstats")
	generating(grammar(mstatsParser, lexTstats, (*converter).mstats), "mstats")
	generating(grammar(inputlookupParser, lexInputlookup, (*converter).inputlookup), "inputlookup")
	generating(grammar(itemsParser, lexClause, itemsCommand("makeresults", (*converter).makeresults)), "makeresults")
	generating(grammar(simpleParser, lexClause, itemsCommand("from", (*converter).from)), "from")
	generating(grammar(itemsParser, lexClause, itemsCommand("gentimes", simple("gentimes"))), "gentimes")
	generating(grammar(multiSubParser, lexClause, (*converter).multiSub), "multisearch", "union", "set")
	generating(grammar(simpleParser, lexClause, itemsCommand("datamodel", (*converter).datamodel)), "datamodel")
	// Generating commands without a grammar of their own: parsed
	// generically, listed so they may start a subsearch.
	add(commandEntry{generating: true}, "dbinspect", "eventcount", "loadjob", "metadata", "rest", "savedsearch", "summary")

	// fields
	parsed(grammar(renameParser, lexAs, (*converter).rename), "rename")
	parsed(grammar(convertParser, lexAs, (*converter).convert), "convert")
	parsed(grammar(tableParser, lexWide, (*converter).table), "table")
	parsed(grammar(fieldsParser, lexWide, (*converter).fields), "fields")
	parsed(grammar(fillnullParser, lexClause, (*converter).fillnull), "fillnull")
	parsed(grammar(replaceParser, lexReplace, (*converter).replace), "replace")
	parsed(grammar(itemsParser, lexClause, itemsCommand("addtotals", (*converter).addtotals)), "addtotals")
	parsed(grammar(itemsParser, lexClause, itemsCommand("mvexpand", (*converter).mvexpand)), "mvexpand")
	parsed(grammar(itemsParser, lexClause, itemsCommand("makemv", (*converter).makemv)), "makemv")

	// rows and statistics
	parsed(grammar(statsParser, lexStats, (*converter).stats), "stats", "eventstats", "streamstats", "geostats", "trendline")
	parsed(grammar(sortParser, lexClause, (*converter).sort), "sort")
	parsed(grammar(tailParser, lexClause, (*converter).tail), "tail")
	parsed(grammar(dedupParser, lexDedup, (*converter).dedup), "dedup")
	parsed(grammar(binParser, lexAs, (*converter).bin), "bin", "bucket")
	parsed(grammar(timechartParser, lexTimechart, (*converter).timechart), "timechart")
	parsed(grammar(chartParser, lexChart, (*converter).chart), "chart")
	parsed(grammar(tojsonParser, lexStats, (*converter).tojson), "tojson")
	parsed(grammar(topParser, lexTop, (*converter).top), "top", "rare")
	parsed(grammar(transactionParser, lexTransaction, (*converter).transaction), "transaction")

	// extraction and lookups
	parsed(grammar(lookupParser, lexLookup, (*converter).lookup), "lookup")
	parsed(grammar(simpleParser, lexClause, itemsCommand("outputlookup", (*converter).outputlookup)), "outputlookup")
	parsed(grammar(simpleParser, lexClause, itemsCommand("rex", (*converter).rex)), "rex")
	parsed(grammar(simpleParser, lexClause, itemsCommand("spath", (*converter).spath)), "spath")
	parsed(grammar(simpleParser, lexClause, itemsCommand("xmlkv", (*converter).xmlkv)), "xmlkv")
	parsed(grammar(simpleParser, lexClause, itemsCommand("fromjson", (*converter).fromjson)), "fromjson")
	parsed(grammar(simpleParser, lexClause, itemsCommand("extract", (*converter).extract)), "extract", "kv")
	parsed(grammar(simpleParser, lexClause, itemsCommand("iplocation", (*converter).iplocation)), "iplocation")
	parsed(grammar(simpleParser, lexClause, itemsCommand("map", (*converter).mapCmd)), "map")
	parsed(grammar(multikvParser, lexMultikv, (*converter).multikv), "multikv")

	// commands of options and words (convert_simple.go)
	for _, n := range simpleCommands {
		parsed(grammar(itemsParser, lexClause, itemsCommand(n, simple(n))), n)
	}

	// nested pipelines
	parsed(grammar(subCmdParser, lexClause, (*converter).subCmd), "join", "append", "appendcols", "appendpipe")
	parsed(grammar(subCmdParser, lexClause, (*converter).foreach), "foreach")
	return t
}

// Commands lists the commands the parser reads into their own nodes (the
// ast package's *Command types), sorted; any other name, Splunk's or not,
// becomes an *ast.GenericCommand holding its raw arguments, which the
// evaluator then rejects as unsupported, refused or unknown.
func Commands() []string {
	var names []string
	for n, e := range commandTable {
		if e.parse != nil {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}
