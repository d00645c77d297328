package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
)

// fillnullStage is `fillnull [value=V] [fields]` [D S-fillnull]: null
// values become the string V (default "0"). With a field list, those
// fields (created when missing); without, every field the results have.
type fillnullStage struct {
	loc    ast.Span
	value  Value
	fields []string
}

func compileFillnull(c *ast.FillnullCommand) stage {
	st := &fillnullStage{loc: c.Loc, value: Str("0"), fields: c.Fields}
	if c.Value != nil {
		st.value = Str(c.Value.Value())
	}
	return st
}

func (s *fillnullStage) name() string   { return "fillnull" }
func (s *fillnullStage) span() ast.Span { return s.loc }

func (s *fillnullStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	tk := &ticker{ctx: ctx}
	out := &rowSet{fields: in.fields, rows: in.rows}
	var cols []int
	if len(s.fields) > 0 {
		cols = out.addFields(s.fields...)
	} else {
		for i := range out.fields {
			cols = append(cols, i)
		}
	}
	for _, row := range out.rows {
		if err := tk.tick(); err != nil {
			return nil, 0, err
		}
		for _, c := range cols {
			if row[c].k == kindNull {
				row[c] = s.value
			}
		}
	}
	return out, len(in.rows), nil
}
