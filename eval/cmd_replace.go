package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// replaceStage is `replace old WITH new, ... [IN fields]` [D S-replace]:
// a value equal to old (the whole value; '*' a wildcard whose match the
// '*'s of new receive) becomes new. Matching is case-sensitive [U]; the
// first pair that matches a value applies. Without IN, every field;
// multivalues value by value.
type replaceStage struct {
	loc    ast.Span
	pairs  []renamePair // from/to globs, as rename
	fields []glob.Glob
}

func compileReplace(c *ast.ReplaceCommand, e *errs) stage {
	st := &replaceStage{loc: c.Loc}
	for _, p := range c.Pairs {
		from, to := glob.New(p.From.Value()), glob.New(p.To.Value())
		if to.Stars() != 0 && to.Stars() != from.Stars() {
			e.addf(p.Loc, "replace %s WITH %s: the new value must have no wildcard or as many as the old (%d)", p.From.Value(), p.To.Value(), from.Stars())
			return nil
		}
		st.pairs = append(st.pairs, renamePair{from: from, to: to})
	}
	if len(st.pairs) == 0 {
		e.addf(c.Loc, "replace needs at least one `old WITH new`")
		return nil
	}
	for _, f := range c.Fields {
		st.fields = append(st.fields, glob.New(f))
	}
	if len(st.fields) == 0 {
		st.fields = []glob.Glob{glob.New("*")}
	}
	return st
}

func (s *replaceStage) name() string   { return "replace" }
func (s *replaceStage) span() ast.Span { return s.loc }

func (s *replaceStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	tk := &ticker{ctx: ctx}
	_, cols := selectFields(in, s.fields, false)
	for _, row := range in.rows {
		if err := tk.tick(); err != nil {
			return nil, 0, err
		}
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
		if caps, ok := p.from.Capture(x); ok {
			if p.to.Stars() == 0 {
				return p.to.String()
			}
			return p.to.Expand(caps)
		}
	}
	return x
}
