package eval

import (
	"context"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/pcre"
)

// mvexpandStage is `mvexpand field [limit=N]` [D S-mvexpand]: one row per
// value of the field (the first N values with limit), the other fields
// copied. Rows without the field pass unchanged [U].
type mvexpandStage struct {
	loc   ast.Span
	field string
	limit int
}

func compileMvexpand(c *ast.MvexpandCommand, e *errs) stage {
	st := &mvexpandStage{loc: c.Loc, field: c.Field}
	for _, o := range c.Options {
		if strings.ToLower(o.Key) != "limit" {
			e.addf(o.Loc, "unknown mvexpand option %q", o.Key)
			continue
		}
		n, err := strconv.Atoi(o.Value.Value())
		if err != nil || n < 0 {
			e.addf(o.Loc, "mvexpand limit=%s: not a number", o.Value.Value())
		}
		st.limit = n
	}
	return st
}

func (s *mvexpandStage) name() string   { return "mvexpand" }
func (s *mvexpandStage) span() ast.Span { return s.loc }

func (s *mvexpandStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	tk := &ticker{ctx: ctx}
	col := in.col(s.field)
	if col < 0 {
		return in, len(in.rows), nil
	}
	out := &rowSet{fields: in.fields}
	for _, row := range in.rows {
		if err := tk.tick(); err != nil {
			return nil, 0, err
		}
		v := row[col]
		if v.k != kindMulti {
			out.rows = append(out.rows, row)
			continue
		}
		vals := v.mv
		if s.limit > 0 && len(vals) > s.limit {
			vals = vals[:s.limit]
		}
		for _, x := range vals {
			if err := tk.tick(); err != nil {
				return nil, 0, err
			}
			nr := copyRow(row)
			nr[col] = Str(x)
			out.rows = append(out.rows, nr)
		}
		if len(out.rows) > env.maxRows {
			return nil, 0, limitAt(s.loc, "mvexpand produced more than the limit of %d rows", env.maxRows)
		}
	}
	return out, len(in.rows), nil
}

// makemvStage is `makemv [delim=] [tokenizer=] [allowempty=] [setsv=]
// field` [D S-makemv]: splits a string field into a multivalue, at delim
// (default a single space) or, with tokenizer=regex, into the regex's
// matches (its first group when it has one). Empty values are dropped
// unless allowempty=true. setsv=true [D: "combines the decided values of
// the field into a single value, which is set on the same field"] keeps
// the multivalue: a spelunk value is one or the other, and a multivalue
// already reads as its values joined by newlines where one string is
// needed [U].
type makemvStage struct {
	loc        ast.Span
	field      string
	delim      string
	tokenizer  *pcre.Regexp
	allowEmpty bool
}

func compileMakemv(c *ast.MakemvCommand, opts *Options, e *errs) stage {
	st := &makemvStage{loc: c.Loc, field: c.Field, delim: " "}
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "delim":
			st.delim = v
		case "tokenizer":
			r, err := pcre.Compile(v, opts.RegexTimeout)
			if err != nil {
				e.addf(o.Loc, "makemv tokenizer: %v", err)
				return nil
			}
			st.tokenizer = r
		case "allowempty":
			b, ok := ParseBool(v)
			if !ok {
				e.addf(o.Loc, "makemv allowempty: %q is not a boolean", v)
			}
			st.allowEmpty = b
		case "setsv":
			if _, ok := ParseBool(v); !ok {
				e.addf(o.Loc, "makemv setsv: %q is not a boolean", v)
			}
		default:
			e.addf(o.Loc, "unknown makemv option %q", o.Key)
		}
	}
	if c.Field == "" {
		e.addf(c.Loc, "makemv needs a field")
		return nil
	}
	return st
}

func (s *makemvStage) name() string   { return "makemv" }
func (s *makemvStage) span() ast.Span { return s.loc }

func (s *makemvStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	tk := &ticker{ctx: ctx}
	col := in.col(s.field)
	if col < 0 {
		return in, len(in.rows), nil
	}
	for _, row := range in.rows {
		if err := tk.tick(); err != nil {
			return nil, 0, err
		}
		v := row[col]
		if v.k == kindNull || v.k == kindMulti {
			continue
		}
		var parts []string
		if s.tokenizer != nil {
			p, err := s.tokenizer.FindAll(v.String())
			if err != nil {
				return nil, 0, errAt(s.loc, "%v", err)
			}
			parts = p
		} else if s.delim != "" {
			parts = strings.Split(v.String(), s.delim)
		} else {
			parts = []string{v.String()}
		}
		if !s.allowEmpty {
			kept := parts[:0:0]
			for _, p := range parts {
				if p != "" {
					kept = append(kept, p)
				}
			}
			parts = kept
		}
		row[col] = mvOf(parts)
	}
	return in, len(in.rows), nil
}
