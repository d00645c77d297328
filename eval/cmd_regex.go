package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/pcre"
)

// regexStage is `regex [field=|field!=]"regex"` [D S-regex]: keeps the
// rows whose field (default _raw) matches the PCRE regex, unanchored, or
// with != those that do not. A multivalue field matches when any value
// does [U]. A row without the field never matches, so `field!=` keeps it
// [I]. The regex is compiled once at compile time.
type regexStage struct {
	loc    ast.Span
	field  string
	negate bool
	re     *pcre.Regexp
}

func compileRegexCmd(c *ast.RegexCommand, opts *Options, e *errs) stage {
	re, err := pcre.Compile(c.Regex.Value(), opts.RegexTimeout)
	if err != nil {
		e.addf(c.Loc, "regex: %v", err)
		return nil
	}
	return &regexStage{loc: c.Loc, field: c.Target(), negate: c.Negate, re: re}
}

func (s *regexStage) name() string   { return "regex" }
func (s *regexStage) span() ast.Span { return s.loc }

func (s *regexStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	out := &rowSet{fields: in.fields}
	c := in.col(s.field)
	for n, row := range in.rows {
		if n&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		var err error
		hit := get(row, c).any(func(v string) bool {
			ok, e := s.re.Match(v)
			if e != nil {
				err = e
			}
			return ok
		})
		if err != nil {
			return nil, 0, errAt(s.loc, "regex: %v", err)
		}
		if hit != s.negate {
			out.rows = append(out.rows, row)
		}
	}
	return out, len(in.rows), nil
}
