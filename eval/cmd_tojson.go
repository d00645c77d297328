package eval

import (
	"context"
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
	"github.com/spelunk-dev/spelunk/internal/jsontree"
)

// tojsonRule applies a datatype to the fields a pattern matches.
type tojsonRule struct {
	typ   string
	field glob.Glob
}

// tojsonStage is `tojson [<type>(<wc-field>)]... [default_type=<type>]
// [fill_null=<bool>] [include_internal=<bool>] [output_field=<field>]` [D
// S-tojson: "Converts events into JSON objects"; "When fields are
// specifically named ... the command generates JSON objects that are
// limited to the values of just those named fields. If no fields are
// specified ... all fields", that is default_type(*) with default_type
// none; multivalue fields become JSON arrays; fill_null=false,
// include_internal=false, output_field=_raw]. The datatypes, per value:
//
//   - none: a number when the value is numeric, else a string;
//   - auto: a number when numeric, true/false for "true"/"false", null
//     for "null", else a string;
//   - bool: a number is false only when 0; "false", "f", "no" are false
//     and "true", "t", "yes" true (any case [U]); other values are skipped;
//   - json: a number, or the value parsed as JSON; invalid JSON is
//     skipped;
//   - num: a number or a numeric string; others are skipped;
//   - str: a string.
//
// A skipped value is left out, or null with fill_null=true [D]; a field
// all of whose values are skipped is left out [U]. The first function that
// names a field decides its type [U]; keys are in field-name order [U:
// the Search Reference's examples show sorted keys]; internal fields
// (leading '_') only with include_internal=true; the output field itself
// never [U].
type tojsonStage struct {
	loc             ast.Span
	rules           []tojsonRule
	fillNull        bool
	includeInternal bool
	output          string
}

func compileTojson(c *ast.TojsonCommand, e *errs) stage {
	st := &tojsonStage{loc: c.Loc, output: "_raw"}
	defType := "none"
	nerr := len(e.list)
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "default_type":
			defType = strings.ToLower(o.Value.Value())
			if !slices.Contains([]string{"auto", "bool", "json", "none", "num", "str"}, defType) {
				e.addf(o.Loc, "tojson default_type=%s: want auto, bool, json, none, num or str", o.Value.Value())
			}
		case "fill_null":
			st.fillNull, _ = boolOption(o, "tojson", e)
		case "include_internal":
			st.includeInternal, _ = boolOption(o, "tojson", e)
		case "output_field":
			st.output = o.Value.Value()
		default:
			e.addf(o.Loc, "unknown tojson option %q", o.Key)
		}
	}
	for _, f := range c.Functions {
		st.rules = append(st.rules, tojsonRule{typ: f.Type, field: glob.New(f.Field)})
	}
	if len(st.rules) == 0 {
		st.rules = []tojsonRule{{typ: defType, field: glob.New("*")}}
	}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *tojsonStage) name() string   { return "tojson" }
func (s *tojsonStage) span() ast.Span { return s.loc }

func (s *tojsonStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	type col struct {
		name string
		c    int
		typ  string
	}
	var cols []col
	for i, f := range in.fields {
		if isInternal(f) && !s.includeInternal || f == s.output {
			continue
		}
		for _, r := range s.rules {
			if r.field.Match(f) {
				cols = append(cols, col{f, i, r.typ})
				break
			}
		}
	}
	slices.SortStableFunc(cols, func(a, b col) int { return strings.Compare(a.name, b.name) })
	dst := in.addFields(s.output)[0]
	t := &ticker{ctx: ctx}
	for _, r := range in.rows {
		if err := t.tick(); err != nil {
			return nil, 0, err
		}
		obj := &jsontree.Node{Kind: jsontree.Object}
		for _, c := range cols {
			v := get(r, c.c)
			if v.IsNull() {
				continue
			}
			var node *jsontree.Node
			if v.k == kindMulti {
				arr := &jsontree.Node{Kind: jsontree.Array}
				for _, x := range v.mv {
					if n := s.typed(c.typ, Str(x)); n != nil {
						arr.Kids = append(arr.Kids, n)
					}
				}
				if len(arr.Kids) > 0 {
					node = arr
				}
			} else {
				node = s.typed(c.typ, v)
			}
			if node == nil {
				continue
			}
			obj.Keys = append(obj.Keys, c.name)
			obj.Kids = append(obj.Kids, node)
		}
		r[dst] = Str(encodeJSON(obj))
	}
	return in, len(in.rows), nil
}

var (
	jsonNull  = &jsontree.Node{Kind: jsontree.Literal, Text: "null"}
	jsonTrue  = &jsontree.Node{Kind: jsontree.Literal, Text: "true"}
	jsonFalse = &jsontree.Node{Kind: jsontree.Literal, Text: "false"}
)

// typed is v as JSON of datatype typ; nil when the value is skipped
// (null instead with fill_null).
func (s *tojsonStage) typed(typ string, v Value) *jsontree.Node {
	text := v.String()
	f, numeric := toNum(v)
	num := func() *jsontree.Node { return &jsontree.Node{Kind: jsontree.Literal, Text: formatNumber(f)} }
	str := &jsontree.Node{Kind: jsontree.String, Text: text}
	var n *jsontree.Node
	switch typ {
	case "none":
		n = str
		if numeric {
			n = num()
		}
	case "auto":
		switch {
		case numeric:
			n = num()
		case text == "true":
			n = jsonTrue
		case text == "false":
			n = jsonFalse
		case text == "null":
			n = jsonNull
		default:
			n = str
		}
	case "bool":
		switch {
		case v.k == kindBool:
			n = jsonFalse
			if v.f != 0 {
				n = jsonTrue
			}
		case numeric:
			n = jsonTrue
			if f == 0 {
				n = jsonFalse
			}
		default:
			switch strings.ToLower(text) {
			case "true", "t", "yes":
				n = jsonTrue
			case "false", "f", "no":
				n = jsonFalse
			}
		}
	case "json":
		if numeric {
			n = num()
		} else if p, err := jsontree.Parse(text); err == nil {
			n = p
		}
	case "num":
		if numeric {
			n = num()
		}
	case "str":
		n = str
	}
	if n == nil && s.fillNull {
		return jsonNull
	}
	return n
}
