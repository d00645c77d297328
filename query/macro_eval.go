package query

import (
	"context"
	"fmt"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/parser"
)

// withMacroEvaluator fills the macros' iseval and validation hooks with
// spelunk's own evaluator, unless the caller set them.
func withMacroEvaluator(o macros.Options, ev eval.Options) macros.Options {
	if o.EvalString == nil {
		o.EvalString = func(expr string, _ map[string]string) (string, error) {
			v, isBool, err := evalConstant(expr, ev)
			if err != nil {
				return "", err
			}
			if isBool {
				return "", fmt.Errorf("iseval definition %q is a boolean, not a string", expr)
			}
			return v.String(), nil
		}
	}
	if o.Validate == nil {
		o.Validate = func(expr string, _ map[string]string) (bool, string, error) {
			v, isBool, err := evalConstant(expr, ev)
			switch {
			case err != nil:
				return false, "", err
			case isBool: // Boolean: true passes; false or NULL fails [D S-macroconf]
				return v.String() == "t", "", nil
			case v.IsNull(): // a string result: NULL means success
				return true, "", nil
			}
			return false, v.String(), nil
		}
	}
	return o
}

// evalConstant evaluates an eval expression that reads no fields, as
// macros.conf's iseval definitions and validation expressions are. Eval
// cannot assign a boolean to a field, so a boolean expression is evaluated
// through if(); isBool reports that it was one, with v "t" or "f".
func evalConstant(expr string, opts eval.Options) (v eval.Value, isBool bool, err error) {
	v, err = runConstant("| makeresults | eval spelunk_value=("+expr+")", opts)
	if err == nil {
		return v, false, nil
	}
	if bv, berr := runConstant(`| makeresults | eval spelunk_value=if(`+expr+`, "t", "f")`, opts); berr == nil {
		return bv, true, nil
	}
	return eval.Null(), false, err
}

func runConstant(search string, opts eval.Options) (eval.Value, error) {
	q, err := parser.Parse(search)
	if err != nil {
		return eval.Null(), err
	}
	p, err := eval.Compile(q, opts)
	if err != nil {
		return eval.Null(), err
	}
	res, err := p.Exec(context.Background(), eval.Input{})
	if err != nil {
		return eval.Null(), err
	}
	for i, f := range res.Fields {
		if f == "spelunk_value" && len(res.Rows) > 0 {
			return res.Rows[0][i], nil
		}
	}
	return eval.Null(), nil
}

// withSearchParser fills eval's ParseSearch hook (map's search="...", the
// search/query fields of a subsearch) with macro expansion by lib and
// parsing, unless the caller set it. Macros in a map search are expanded
// when map runs, as in Splunk.
func withSearchParser(ev eval.Options, lib *macros.Library, mo macros.Options, po parser.Options) eval.Options {
	if ev.ParseSearch != nil || lib == nil {
		return ev
	}
	mo = withMacroEvaluator(mo, ev)
	ev.ParseSearch = func(text string) (*ast.Query, error) {
		x, err := lib.Expand(text, macros.Location{File: "<map search>", Line: 1, Col: 1}, mo)
		if err != nil {
			return nil, err
		}
		return parser.ParseWith(x.Text, po)
	}
	return ev
}
