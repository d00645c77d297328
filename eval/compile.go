package eval

import (
	"fmt"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
)

// DefaultMaxRows is the row limit used when Options.MaxRows is 0.
const DefaultMaxRows = 10_000_000

// Options configure compilation and running.
type Options struct {
	Now      time.Time      // the search's clock (now(), relative times); zero = time.Now at Compile
	Location *time.Location // zone for formatting times (convert ctime, strftime); nil = UTC
	MaxRows  int            // limit on rows any stage may hold; 0 = DefaultMaxRows
	// RegexTimeout bounds one regular-expression match (backtracking
	// patterns); 0 = DefaultRegexTimeout.
	RegexTimeout time.Duration
	// Lookups resolves the tables of lookup, inputlookup and `from
	// inputlookup:`; nil = no lookups (those commands fail at run time).
	// See the package lookups.
	Lookups LookupResolver
	// OutputDir is the only directory outputlookup may write to; empty =
	// outputlookup is refused at compile time.
	OutputDir string
	// GeoIP is the path of a MaxMind database (GeoLite2-City or GeoIP2-City
	// .mmdb) for iplocation, opened on first use; GeoLocator overrides it.
	GeoIP string
	// GeoLocator answers iplocation instead of the GeoIP file (tests,
	// embedders); nil = open GeoIP.
	GeoLocator GeoLocator
	// ParseSearch turns search text into a query at run time: map's
	// search="..." after its $field$ tokens are filled in, and the values of
	// fields named search or query that a [subsearch] returns. The host wires
	// it to macro expansion and the parser (eval imports neither); nil = map
	// is unsupported and such values match as one phrase. See cmd_map.go.
	ParseSearch func(text string) (*ast.Query, error)

	depth int // nesting level of a subsearch's program (subsearch.go)
}

// Compile checks q and turns each of its commands into a stage of a
// Program. Every problem found is reported: one as an *Error, several as an
// ErrorList sorted by position, each with the span of what caused it.
func Compile(q *ast.Query, opts Options) (p *Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("%w: compile: %v", ErrInternal, r)
		}
	}()
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMaxRows
	}
	if opts.RegexTimeout <= 0 {
		opts.RegexTimeout = DefaultRegexTimeout
	}
	var e errs
	if q == nil || len(q.Commands) == 0 {
		span := ast.Span{Start: ast.NoPos, End: ast.NoPos}
		if q != nil {
			span = q.Loc
		}
		e.addf(span, "empty search")
		return nil, e.err()
	}
	prog := &Program{opts: opts, columns: projectColumns(q)}
	for i, c := range q.Commands {
		st := compileCommand(c, i == 0, &opts, &e)
		if st != nil {
			prog.stages = append(prog.stages, st)
		}
	}
	if err := e.err(); err != nil {
		return nil, err
	}
	return prog, nil
}

// compileCommand compiles one command; first says whether it starts the
// pipeline. It returns nil after reporting an error.
//
// The first command must generate rows (tstats, makeresults) or read the
// events given to RunRecords (search, or any streaming command such as
// eval or where, which then reads those events directly).
func compileCommand(c ast.Command, first bool, opts *Options, e *errs) stage {
	if c == nil {
		e.addf(ast.Span{Start: ast.NoPos, End: ast.NoPos}, "nil command")
		return nil
	}
	if why, ok := refusedCommands[c.CommandName()]; ok {
		e.refused(c.Span(), "command %q is refused: not supported locally: %s", c.CommandName(), why)
		return nil
	}
	if st, ok := compileMulti(c, first, opts, e); ok { // subsearches, join, append, ... (commands_known.go)
		return st
	}
	switch c := c.(type) {
	case *ast.TstatsCommand:
		if !first {
			e.addf(c.Loc, "tstats must be the first command of the search")
			return nil
		}
		return compileTstats(c, opts, e)
	case *ast.MakeresultsCommand:
		if !first {
			e.addf(c.Loc, "makeresults must be the first command of the search")
			return nil
		}
		return compileMakeresults(c, e)
	case *ast.SearchCommand:
		return compileSearchOpts(c, opts, e)
	case *ast.RenameCommand:
		return compileRename(c, e)
	case *ast.ConvertCommand:
		return compileConvert(c, opts, e)
	case *ast.EvalCommand:
		return compileEval(c, opts, e)
	case *ast.WhereCommand:
		return compileWhere(c, opts, e)
	case *ast.StatsCommand:
		switch c.Name {
		case "stats":
			return compileStats(c, opts, e)
		case "eventstats":
			return compileEventstats(c, opts, e)
		case "streamstats":
			return compileStreamstats(c, opts, e)
		}
		e.unsupportedCommand(c.Loc, "command %q is not supported yet", c.Name)
		return nil
	case *ast.TableCommand:
		return compileTable(c, e)
	case *ast.FieldsCommand:
		return compileFields(c, e)
	case *ast.FillnullCommand:
		return compileFillnull(c)
	case *ast.ReplaceCommand:
		return compileReplace(c, e)
	case *ast.AddtotalsCommand:
		return compileAddtotals(c, e)
	case *ast.SortCommand:
		return compileSort(c, e)
	case *ast.HeadCommand:
		return compileHead(c, opts, e)
	case *ast.TailCommand:
		return compileTail(c)
	case *ast.DedupCommand:
		return compileDedup(c, e)
	case *ast.BinCommand:
		return compileBin(c, e)
	case *ast.MvexpandCommand:
		return compileMvexpand(c, e)
	case *ast.MakemvCommand:
		return compileMakemv(c, opts, e)
	// extraction, lookups, data models (issue #5 part A)
	case *ast.RexCommand:
		return compileRex(c, opts, e)
	case *ast.RegexCommand:
		return compileRegexCmd(c, opts, e)
	case *ast.SpathCommand:
		return compileSpath(c, e)
	case *ast.XmlkvCommand:
		return compileXmlkv(c, e)
	case *ast.FromjsonCommand:
		return compileFromjson(c, e)
	case *ast.ExtractCommand:
		return compileExtract(c, e)
	case *ast.LookupCommand:
		return compileLookup(c, opts, e)
	case *ast.InputlookupCommand:
		return compileInputlookup(c, first, opts, e)
	case *ast.OutputlookupCommand:
		return compileOutputlookup(c, opts, e)
	case *ast.IplocationCommand:
		return compileIplocation(c, opts, e)
	case *ast.FromCommand:
		return compileFrom(c, first, opts, e)
	case *ast.DatamodelCommand:
		return compileDatamodel(c, first, e)
	default:
		unknownCommand(c, e) // unsupported Splunk command, or invalid name (commands_known.go)
		return nil
	}
}

// refusedCommands cannot run locally by design: they need a Splunk server,
// its indexes or models, or they act on the outside world. Compiling one
// is a "refused" error giving the reason.
var refusedCommands = map[string]string{
	"mstats":          "it reads Splunk metrics indexes",
	"mcatalog":        "it reads Splunk metrics indexes",
	"mpreview":        "it reads Splunk metrics indexes",
	"msearch":         "it reads Splunk metrics indexes",
	"apply":           "it applies a trained machine-learning model (MLTK)",
	"fit":             "it trains a machine-learning model (MLTK)",
	"score":           "it scores with the machine-learning toolkit (MLTK)",
	"summary":         "it reads a machine-learning model summary (MLTK)",
	"sendemail":       "it sends email",
	"sendalert":       "it triggers alert actions",
	"script":          "it runs an external script",
	"run":             "it runs an external script",
	"collect":         "it writes to a Splunk summary index",
	"tscollect":       "it writes tsidx files on a Splunk server",
	"outputcsv":       "it writes files on a Splunk server",
	"delete":          "it deletes indexed events",
	"dbxquery":        "it queries an external database (DB Connect)",
	"rest":            "it calls a Splunk server's REST API",
	"ldapsearch":      "it queries an LDAP directory",
	"ldapfilter":      "it queries an LDAP directory",
	"ldapgroup":       "it queries an LDAP directory",
	"loadjob":         "it loads a search job from a Splunk server",
	"savedsearch":     "it runs a saved search stored on a Splunk server",
	"dbinspect":       "it inspects Splunk index buckets",
	"metadata":        "it reads Splunk index metadata",
	"eventcount":      "it counts events in Splunk indexes",
	"datamodelsimple": "it reads data-model definitions on a Splunk server",
	// macros.AppMacroPlaceholder: the macros package's stand-in for a macro
	// that ships with a Splunk app (get_asset from Enterprise Security).
	"spelunk_app_macro": "it calls a macro of a Splunk app that security_content does not ship; define it with --macros FILE",

	// Commands whose statistical models or app code are not reproduced
	// locally (issue #5).
	"anomalydetection": "its probabilistic model is Splunk's own and is not reproduced locally",
	"outlier":          "its outlier model is Splunk's own and is not reproduced locally",
	"cyberchef":        "it is a command of the CyberChef for Splunk app",
}
