package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/jsontree"
)

// fromjsonStage is `fromjson field [prefix=p]` [D S-fromjson]: the value
// of field must be a JSON object; each top-level key becomes a field named
// p+key. Strings are decoded, numbers/true/false kept as written, objects
// as their JSON text, arrays as a multivalue of their elements (each a
// scalar or JSON text) [D: "arrays become multivalue fields"]; JSON null
// gives no value [U]. Values that are not a JSON object change nothing.
// Existing fields are overwritten.
type fromjsonStage struct {
	loc    ast.Span
	field  string
	prefix string
}

func compileFromjson(c *ast.FromjsonCommand, e *errs) stage {
	st := &fromjsonStage{loc: c.Loc, field: c.Field}
	for _, o := range c.Options {
		if !strings.EqualFold(o.Key, "prefix") {
			e.addf(o.Loc, "unknown fromjson option %q (known: prefix)", o.Key)
			return nil
		}
		st.prefix = o.Value.Value()
	}
	return st
}

func (s *fromjsonStage) name() string   { return "fromjson" }
func (s *fromjsonStage) span() ast.Span { return s.loc }

func (s *fromjsonStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	g := &cellGuard{span: s.loc, name: "fromjson", env: env}
	return guarded(g)(extractEach(ctx, in, s.field, func(out *rowSet, n int, v Value) {
		root, err := jsontree.Parse(v.Strings()[0])
		if err != nil || root.Kind != jsontree.Object {
			return
		}
		names := make([]string, len(root.Keys))
		for i, k := range root.Keys {
			names[i] = s.prefix + k
		}
		cols, ok := g.add(out, names...)
		if !ok {
			return
		}
		row := out.rows[n]
		for i, kid := range root.Kids {
			row[cols[i]] = jsonFieldValue(kid)
		}
	}))
}

// jsonFieldValue is a JSON value as a field value.
func jsonFieldValue(n *jsontree.Node) Value {
	switch n.Kind {
	case jsontree.Array:
		vals := make([]string, 0, len(n.Kids))
		for _, k := range n.Kids {
			if k.Kind == jsontree.Literal && k.Text == "null" {
				continue
			}
			vals = append(vals, k.Text)
		}
		return Multi(vals...)
	case jsontree.Literal:
		if n.Text == "null" {
			return Null()
		}
	}
	return Str(n.Text)
}
