package ast_test

import (
	"slices"
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
)

func TestForeachInstantiate(t *testing.T) {
	q := mustParse(t, `| foreach avg_* [eval 'n_<<MATCHSTR>>'=if('<<FIELD>>' > 1, "<<MATCHSTR>> high", <<FIELD>>) | where <<FIELD>>!="x"]`)
	fe := q.Commands[0].(*ast.ForeachCommand)
	before := fe.Body.String()
	got := fe.Instantiate(map[string]string{ast.ForeachField: "avg_bytes", ast.ForeachMatchstr: "bytes"})
	want := `| eval n_bytes=if('avg_bytes' > 1, "bytes high", avg_bytes) | where avg_bytes != "x"`
	if got.String() != want {
		t.Errorf("Instantiate =\n%s\nwant\n%s", got, want)
	}
	if fe.Body.String() != before {
		t.Errorf("Instantiate changed Body: %s", fe.Body)
	}
	if fe.Template != `eval 'n_<<MATCHSTR>>'=if('<<FIELD>>' > 1, "<<MATCHSTR>> high", <<FIELD>>) | where <<FIELD>>!="x"` {
		t.Errorf("Template = %q", fe.Template)
	}
	for tok, ph := range ast.ForeachPlaceholders() {
		if len(tok) != len(ph) {
			t.Errorf("placeholder %s is not as long as %s", ph, tok)
		}
	}
}

// TestInspectNested checks that Inspect and InspectExprs reach into the
// pipelines and expressions of the commands that nest them.
func TestInspectNested(t *testing.T) {
	q := mustParse(t, `a=1 | join x [search j=1] | append [| inputlookup t where i=1] | appendpipe [eval p=1]`+
		` | foreach * [eval f=1] | transaction x startswith=(s=1) endswith=eval(e>1)`+
		` | append [mstats count(m) where w=1] | timechart count(eval(tc>1))`)
	var fields []string
	ast.Inspect(q, func(n ast.Node) bool {
		if c, ok := n.(*ast.SearchCompare); ok {
			fields = append(fields, c.Field)
		}
		return true
	})
	if want := []string{"a", "j", "i", "s", "w"}; !slices.Equal(fields, want) {
		t.Errorf("search fields = %v, want %v", fields, want)
	}
	var names []string
	ast.InspectExprs(q, func(e ast.Expr) bool {
		if f, ok := e.(*ast.FieldExpr); ok {
			names = append(names, f.Name)
		}
		return true
	})
	if want := []string{"e", "tc"}; !slices.Equal(names, want) {
		t.Errorf("expression fields = %v, want %v", names, want)
	}
	var assigned []string
	ast.Inspect(q, func(n ast.Node) bool {
		if c, ok := n.(*ast.EvalCommand); ok {
			assigned = append(assigned, c.Assignments[0].Field)
		}
		return true
	})
	if want := []string{"p", "f"}; !slices.Equal(assigned, want) {
		t.Errorf("eval targets = %v, want %v", assigned, want)
	}
}

func TestOptionAccessors(t *testing.T) {
	q := mustParse(t, `| inputlookup append=t t | rex max_match=0 "(?<a>.)" | spath out | regex "x" | lookup t a`)
	if v, ok := q.Commands[0].(*ast.InputlookupCommand).Option("APPEND"); !ok || v != "t" {
		t.Errorf("inputlookup append = %q, %v", v, ok)
	}
	rex := q.Commands[1].(*ast.RexCommand)
	if rex.Field() != "_raw" || rex.Regex.Value() != "(?<a>.)" {
		t.Errorf("rex = %s, %q", rex.Field(), rex.Regex.Value())
	}
	if p, ok := q.Commands[2].(*ast.SpathCommand).PathValue(); !ok || p != "out" {
		t.Errorf("spath path = %q, %v", p, ok)
	}
	if f := q.Commands[3].(*ast.RegexCommand).Target(); f != "_raw" {
		t.Errorf("regex target = %q", f)
	}
	lk := q.Commands[4].(*ast.LookupCommand)
	if lk.Mode != "" || lk.Fields[0].Name() != "a" {
		t.Errorf("lookup = %+v", lk)
	}
}
