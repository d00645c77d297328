package eval

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/pcre"
)

// Run-time bounds on what one search may hold (docs/limits.md). Each is
// reported as a diag.CodeLimitExceeded error at the command that exceeded
// it; a zero Options field means the default here.
const (
	// DefaultMaxValueLen is the most bytes one field value may hold: a
	// string, or the values of a multivalue together (Options.MaxValueLen).
	DefaultMaxValueLen = 16 << 20
	// DefaultMaxMultivalue is the most values one multivalue may hold
	// (Options.MaxMultivalue).
	DefaultMaxMultivalue = 100_000
	// DefaultMaxCells is the most cells (rows × columns) a command's table
	// may hold (Options.MaxCells): about 2.8 GB of values.
	DefaultMaxCells = 50_000_000
)

// limitError is a run-time bound an expression exceeded; the stage that
// evaluated it reports it at its own position as diag.CodeLimitExceeded.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// stageErr turns an error an expression recorded (ectx.err) into the
// stage's error at span: a limit as diag.CodeLimitExceeded, anything else
// as an error in the search.
func stageErr(span ast.Span, err error) *Error {
	var le *limitError
	if errors.As(err, &le) {
		return limitAt(span, "%s", le.msg)
	}
	return errAt(span, "%v", err)
}

// maxValueLen, maxMultivalue and maxCells are o's bounds, the defaults
// when o is nil or a field is 0 (constant folding runs without Options).
func (o *Options) maxValueLen() int {
	if o == nil || o.MaxValueLen <= 0 {
		return DefaultMaxValueLen
	}
	return o.MaxValueLen
}

func (o *Options) maxMultivalue() int {
	if o == nil || o.MaxMultivalue <= 0 {
		return DefaultMaxMultivalue
	}
	return o.MaxMultivalue
}

func (o *Options) maxCells() int {
	if o == nil || o.MaxCells <= 0 {
		return DefaultMaxCells
	}
	return o.MaxCells
}

// failLimit records a bound exceeded and returns null, the value the
// expression yields instead.
func (c *ectx) failLimit(format string, args ...any) Value {
	c.fail(&limitError{msg: fmt.Sprintf(format, args...)})
	return Null()
}

// valueTooLong reports a value of n bytes over the value limit.
func (c *ectx) valueTooLong(n int) Value {
	return c.failLimit("a value of %d bytes is longer than the limit of %d bytes", n, c.opts.maxValueLen())
}

// bound returns v, or null after recording the error when v is longer
// than the value limit or has more values than the multivalue limit.
func (c *ectx) bound(v Value) Value {
	switch v.k {
	case kindStr:
		if len(v.s) > c.opts.maxValueLen() {
			return c.valueTooLong(len(v.s))
		}
	case kindMulti:
		if len(v.mv) > c.opts.maxMultivalue() {
			return c.failLimit("a multivalue of %d values has more than the limit of %d", len(v.mv), c.opts.maxMultivalue())
		}
		n := 0
		for _, s := range v.mv {
			n += len(s)
		}
		if n > c.opts.maxValueLen() {
			return c.valueTooLong(n)
		}
	}
	return v
}

// concatBounded is concat (`.`) refusing a result over the value limit
// before building it.
func concatBounded(c *ectx, a, b Value) Value {
	a, b = first(a), first(b)
	if a.k == kindNull || b.k == kindNull {
		return Null()
	}
	as, bs := a.String(), b.String()
	if n := len(as) + len(bs); n > c.opts.maxValueLen() {
		return c.valueTooLong(n)
	}
	return Str(as + bs)
}

// checkCells reports a table of rows × cols cells over the cell limit.
func checkCells(span ast.Span, name string, opts *Options, rows, cols int) error {
	if cols > 0 && rows > opts.maxCells()/cols {
		return limitAt(span, "%s: %d rows of %d columns are more cells than the limit of %d", name, rows, cols, opts.maxCells())
	}
	return nil
}

// maxRows is the row limit of the run c belongs to.
func (c *ectx) maxRows() int {
	if c.env == nil || c.env.maxRows <= 0 {
		return DefaultMaxRows
	}
	return c.env.maxRows
}

// replaceTooLong reports (and records) a replace() of s by repl whose
// result could pass the value limit. Matches do not overlap, so the result
// is at most len(s)·(1+refs) + matches·len(repl), refs being the group
// references (\N) in repl; when that bound with a match at every position
// could pass the limit, the matches are counted first.
func (c *ectx) replaceTooLong(r *pcre.Regexp, s, repl string) bool {
	limit := float64(c.opts.maxValueLen())
	refs := float64(strings.Count(repl, `\`))
	bound := func(matches int) float64 {
		return float64(len(s))*(1+refs) + float64(matches)*float64(len(repl))
	}
	if bound(len(s)+1) <= limit {
		return false
	}
	most := len(s) + 1
	if len(repl) > 0 {
		most = min(most, int(limit)/len(repl)+1)
	}
	locs, err := r.FindAllIndex(s, most)
	if err != nil {
		c.fail(err)
		return true
	}
	if n := bound(len(locs)); n > limit {
		c.failLimit("replace() could make a value of %.0f bytes, longer than the limit of %.0f bytes", n, limit)
		return true
	}
	return false
}

// cellGuard adds columns to a table for a stage that adds them row by row
// (extraction, eval {f}=...), refusing before padding the rows when the
// table would pass the cell limit; err holds the refusal.
type cellGuard struct {
	span ast.Span
	name string
	opts *Options
	err  error
}

// add is r.addFields(names...), or false (nothing added, g.err set) when
// the new columns would take r past the cell limit.
func (g *cellGuard) add(r *rowSet, names ...string) ([]int, bool) {
	if g.err != nil {
		return nil, false
	}
	added := 0
	for _, n := range names {
		if r.col(n) < 0 {
			added++
		}
	}
	if added > 0 {
		if err := checkCells(g.span, g.name, g.opts, len(r.rows), len(r.fields)+added); err != nil {
			g.err = err
			return nil, false
		}
	}
	return r.addFields(names...), true
}

// guarded returns a function passing a stage's results through unless g
// refused columns, whose error then wins.
func guarded(g *cellGuard) func(*rowSet, int, error) (*rowSet, int, error) {
	return func(out *rowSet, n int, err error) (*rowSet, int, error) {
		if err == nil && g.err != nil {
			return nil, 0, g.err
		}
		return out, n, err
	}
}
