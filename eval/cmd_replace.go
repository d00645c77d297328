package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
)

// replaceStage is `replace old WITH new, ... [IN fields]` [D S-replace]:
// a value equal to old (the whole value; '*' a wildcard whose match the
// '*'s of new receive) becomes new. Matching is case-sensitive [U]; the
// first pair that matches a value applies. Without IN, every field;
// multivalues value by value.
type replaceStage struct {
	loc    ast.Span
	pairs  []renamePair // from/to globs, as rename
	fields []fieldGlob
}

func compileReplace(c *ast.ReplaceCommand, e *errs) stage {
	st := &replaceStage{loc: c.Loc}
	for _, p := range c.Pairs {
		from, to := newFieldGlob(p.From.Value()), newFieldGlob(p.To.Value())
		if to.stars() != 0 && to.stars() != from.stars() {
			e.addf(p.Loc, "replace %s WITH %s: the new value must have no wildcard or as many as the old (%d)", p.From.Value(), p.To.Value(), from.stars())
			return nil
		}
		st.pairs = append(st.pairs, renamePair{from: from, to: to})
	}
	if len(st.pairs) == 0 {
		e.addf(c.Loc, "replace needs at least one `old WITH new`")
		return nil
	}
	for _, f := range c.Fields {
		st.fields = append(st.fields, newFieldGlob(f))
	}
	if len(st.fields) == 0 {
		st.fields = []fieldGlob{newFieldGlob("*")}
	}
	return st
}

func (s *replaceStage) name() string   { return "replace" }
func (s *replaceStage) span() ast.Span { return s.loc }

func (s *replaceStage) run(_ context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	_, cols := selectFields(in, s.fields, false)
	for _, row := range in.rows {
		for _, c := range cols {
			v := row[c]
			switch v.k {
			case kindNull:
			case kindMulti:
				out := make([]string, len(v.mv))
				for i, x := range v.mv {
					out[i] = s.apply(x)
				}
				row[c] = mvOf(out)
			default:
				if r := s.apply(v.String()); r != v.String() {
					row[c] = Str(r)
				}
			}
		}
	}
	return in, len(in.rows), nil
}

func (s *replaceStage) apply(x string) string {
	for _, p := range s.pairs {
		if caps, ok := p.from.match(x); ok {
			if p.to.stars() == 0 {
				return p.to.raw
			}
			return p.to.expand(caps)
		}
	}
	return x
}
