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
	// MaxValueLen bounds the bytes of one field value an expression makes
	// (a string, or a multivalue's values together); 0 =
	// DefaultMaxValueLen.
	MaxValueLen int
	// MaxMultivalue bounds the values of one multivalue an expression
	// makes; 0 = DefaultMaxMultivalue.
	MaxMultivalue int
	// MaxCells bounds the cells (rows × columns) of any command's table;
	// 0 = DefaultMaxCells.
	MaxCells int
	// Lookups resolves the tables of lookup, inputlookup and `from
	// inputlookup:`; nil = no lookups (those commands fail at run time).
	// See the package lookups.
	Lookups LookupResolver
	// OutputDir is the only directory outputlookup may write to; empty =
	// outputlookup is refused at compile time.
	OutputDir string
	// GeoLocator answers iplocation (package geoip opens a MaxMind City
	// .mmdb as one); nil = iplocation is refused at compile time.
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
	opts.MaxValueLen, opts.MaxMultivalue, opts.MaxCells = opts.maxValueLen(), opts.maxMultivalue(), opts.maxCells()
	var e errs
	if q == nil || len(q.Commands) == 0 {
		span := ast.Span{Start: ast.NoPos, End: ast.NoPos}
		if q != nil {
			span = q.Loc
		}
		e.addf(span, "empty search")
		return nil, e.err()
	}
	prog := &Program{opts: opts, columns: projectColumns(q), key: q.String()}
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
