package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// addtotalsStage is `addtotals [row=] [col=] [labelfield=] [label=]
// [fieldname=] [fields]` [D S-addtotals]:
//
//   - row=true (default): each row gets fieldname (default "Total"), the
//     sum of its numeric values in the listed fields (wildcards; default
//     every field); a row with no numeric value gets none [U];
//   - col=true: a row is appended with the sum of each numeric field, and
//     label (default "Total") in labelfield when one is given.
type addtotalsStage struct {
	loc        ast.Span
	row, col   bool
	labelField string
	label      string
	fieldName  string
	fields     []glob.Glob
}

func compileAddtotals(c *ast.AddtotalsCommand, e *errs) stage {
	st := &addtotalsStage{loc: c.Loc, row: true, label: "Total", fieldName: "Total"}
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "row", "col":
			b, ok := ParseBool(v)
			if !ok {
				e.addf(o.Loc, "addtotals %s: %q is not a boolean", o.Key, v)
			}
			if strings.ToLower(o.Key) == "row" {
				st.row = b
			} else {
				st.col = b
			}
		case "labelfield":
			st.labelField = v
		case "label":
			st.label = v
		case "fieldname":
			st.fieldName = v
		default:
			e.addf(o.Loc, "unknown addtotals option %q", o.Key)
		}
	}
	for _, f := range c.Fields {
		st.fields = append(st.fields, glob.New(f))
	}
	if len(st.fields) == 0 {
		st.fields = []glob.Glob{glob.New("*")}
	}
	return st
}

func (s *addtotalsStage) name() string   { return "addtotals" }
func (s *addtotalsStage) span() ast.Span { return s.loc }

func (s *addtotalsStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	tk := &ticker{ctx: ctx}
	out := &rowSet{fields: in.fields, rows: in.rows}
	_, cols := selectFields(out, s.fields, false)
	if s.row {
		dst := out.addFields(s.fieldName)[0]
		for _, row := range out.rows {
			if err := tk.tick(); err != nil {
				return nil, 0, err
			}
			sum, n := 0.0, 0
			for _, c := range cols {
				if c == dst {
					continue
				}
				if f, ok := toNum(first(row[c])); ok {
					sum += f
					n++
				}
			}
			if n > 0 {
				row[dst] = Num(sum)
			}
		}
		cols = append(cols, dst)
	}
	if s.col {
		var lc = -1
		if s.labelField != "" {
			lc = out.addFields(s.labelField)[0]
		}
		total := make(Row, len(out.fields))
		for _, c := range cols {
			sum, n := 0.0, 0
			for _, row := range out.rows {
				if err := tk.tick(); err != nil {
					return nil, 0, err
				}
				if f, ok := toNum(first(row[c])); ok {
					sum += f
					n++
				}
			}
			if n > 0 {
				total[c] = Num(sum)
			}
		}
		if lc >= 0 {
			total[lc] = Str(s.label)
		}
		out.rows = append(out.rows, total)
	}
	return out, len(in.rows), nil
}
