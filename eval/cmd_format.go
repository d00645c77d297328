package eval

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// format [mvsep=] [maxresults=] [emptystr=] ["rowprefix" "colprefix"
// "colsep" "colend" "rowsep" "rowend"] [D S-format: "This command is used
// implicitly by subsearches. This command takes the results of a
// subsearch, formats the results into a single result and places that
// result into a new field called search"; defaults "(" "(" "AND" ")" "OR"
// ")", mvsep OR, emptystr "NOT ()"]: one result whose search field is
// `( ( f1="v1" AND f2="v2" ) OR ( ... ) )`, tokens separated by single
// spaces; internal fields are left out; a multivalue field gives `( f="a"
// OR f="b" )`; fields named search or query are inserted as they are [D];
// a result without a formattable field adds nothing [U].
//
// return [count] [alias=]field... $field... [D S-return: "Returns values
// from a subsearch"; field gives field="value", alias=field
// alias="value", $field the bare value; count results, 1 by default]: one
// result whose search field joins the terms of each result with spaces,
// results as `(terms) OR (terms)` when there are several [U: one result
// is written without parentheses, as the Search Reference's examples
// show]. Options are written before arguments in the syntax tree, so
// alias= terms come before the others [U].

type formatSpec struct {
	rowPre, colPre, colSep, colEnd, rowSep, rowEnd string
	mvsep, empty                                   string
	max                                            int
}

func compileFormat(c *ast.SimpleCommand, e *errs) stage {
	fs := formatSpec{rowPre: "(", colPre: "(", colSep: "AND", colEnd: ")", rowSep: "OR", rowEnd: ")", mvsep: "OR", empty: "NOT ()"}
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "mvsep":
			fs.mvsep = v
		case "emptystr":
			fs.empty = v
		case "maxresults":
			n, ok := intOption(o, "format", e)
			if !ok {
				return nil
			}
			fs.max = n
		}
	}
	switch len(c.Args) {
	case 0:
	case 6:
		p := make([]string, 6)
		for i, a := range c.Args {
			p[i] = a.Value()
		}
		fs.rowPre, fs.colPre, fs.colSep, fs.colEnd, fs.rowSep, fs.rowEnd = p[0], p[1], p[2], p[3], p[4], p[5]
	default:
		e.addf(c.Loc, "format takes six strings (row prefix, column prefix, column separator, column end, row separator, row end) or none")
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, error) {
		text, err := fs.text(ctx, in, env.opts.maxValueLen())
		if err != nil {
			if errors.Is(err, errTooLong) {
				return nil, limitAt(c.Loc, "format: the search string is longer than the value limit of %d bytes", env.opts.maxValueLen())
			}
			return nil, err
		}
		return &rowSet{fields: []string{"search"}, rows: []Row{{Str(text)}}}, nil
	}}
}

// errTooLong is text's error for a search string past its bound.
var errTooLong = errors.New("too long")

// text formats rs, stopping with ctx's error or, past most bytes,
// errTooLong.
func (fs formatSpec) text(ctx context.Context, rs *rowSet, most int) (string, error) {
	var rows []string
	size := 0
	tk := &ticker{ctx: ctx}
	for i, r := range rs.rows {
		if fs.max > 0 && i >= fs.max {
			break
		}
		if err := tk.tick(); err != nil {
			return "", err
		}
		var cols []string
		for c, f := range rs.fields {
			v := get(r, c)
			if v.IsNull() || isInternal(f) {
				continue
			}
			if f == "search" || f == "query" {
				cols = append(cols, v.Strings()...)
				continue
			}
			vals := v.Strings()
			if len(vals) == 1 {
				cols = append(cols, f+`="`+escapeQuoted(vals[0])+`"`)
				continue
			}
			terms := make([]string, len(vals))
			for k, s := range vals {
				terms[k] = f + `="` + escapeQuoted(s) + `"`
			}
			cols = append(cols, "( "+strings.Join(terms, " "+fs.mvsep+" ")+" )")
		}
		if len(cols) == 0 {
			continue
		}
		row := fs.colPre + " " + strings.Join(cols, " "+fs.colSep+" ") + " " + fs.colEnd
		if size += len(row) + len(fs.rowSep) + 2; size > most {
			return "", errTooLong
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return fs.empty, nil
	}
	return fs.rowPre + " " + strings.Join(rows, " "+fs.rowSep+" ") + " " + fs.rowEnd, nil
}

// returnTerm is one term of return: the output name (alias or field, ""
// for $field) and the field read.
type returnTerm struct {
	name, field string
}

func compileReturn(c *ast.SimpleCommand, e *errs) stage {
	count := 1
	var terms []returnTerm
	for _, o := range c.Options {
		terms = append(terms, returnTerm{name: o.Key, field: o.Value.Value()})
	}
	for i, a := range c.Args {
		v := a.Value()
		if i == 0 && !a.Quoted {
			if n, err := strconv.Atoi(v); err == nil {
				if n < 1 {
					e.addf(c.Loc, "return %d: the count must be positive", n)
					return nil
				}
				count = n
				continue
			}
		}
		if f, ok := strings.CutPrefix(v, "$"); ok && !a.Quoted {
			terms = append(terms, returnTerm{field: f})
			continue
		}
		terms = append(terms, returnTerm{name: v, field: v})
	}
	if len(terms) == 0 {
		e.addf(c.Loc, "return needs at least one field")
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		var groups []string
		tk := &ticker{ctx: ctx}
		for _, r := range in.rows {
			if len(groups) >= count {
				break
			}
			if err := tk.tick(); err != nil {
				return nil, err
			}
			var parts []string
			for _, t := range terms {
				v := get(r, in.col(t.field))
				if v.IsNull() {
					continue
				}
				s := first(v).String()
				if t.name == "" {
					parts = append(parts, s)
				} else {
					parts = append(parts, t.name+`="`+escapeQuoted(s)+`"`)
				}
			}
			if len(parts) > 0 {
				groups = append(groups, strings.Join(parts, " "))
			}
		}
		var s string
		switch len(groups) {
		case 0:
			s = ""
		case 1:
			s = groups[0]
		default:
			s = "(" + strings.Join(groups, ") OR (") + ")"
		}
		return &rowSet{fields: []string{"search"}, rows: []Row{{Str(s)}}}, nil
	}}
}
