package eval

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/parser"
)

// TestErrorCodesAtRaiseSites checks that compile errors carry the precise
// code their raise site gives them, and that Class gives what the
// conformance suite's "unsupported:", "refused:" and "invalid:" compare.
func TestErrorCodesAtRaiseSites(t *testing.T) {
	cases := []struct {
		query string
		code  diag.Code
		class diag.Class
	}{
		{"| makeresults | associate a b c", diag.CodeUnsupportedCommand, CodeUnsupported},
		{"| makeresults | frobnicate x=1", diag.CodeCompileError, CodeInvalid},
		{"| makeresults | sendemail to=x", diag.CodeRefused, CodeRefused},
		{"| makeresults | eval x=frobnicate(1)", diag.CodeCompileError, CodeInvalid},
		{"| makeresults | transaction x mvlist=a", diag.CodeUnsupported, CodeUnsupported},
		{"| makeresults | dedup x keepevents=true", diag.CodeUnsupported, CodeUnsupported},
		{"| makeresults | bin _time", diag.CodeUnsupported, CodeUnsupported},
		{"| makeresults | outputlookup x.csv", diag.CodeRefused, CodeRefused},
	}
	for _, tc := range cases {
		_, err := compileWith(t, tc.query, Options{})
		var e *Error
		if !errors.As(err, &e) {
			var l ErrorList
			if !errors.As(err, &l) || len(l) == 0 {
				t.Errorf("%s: want an eval error, got %v", tc.query, err)
				continue
			}
			e = l[0]
		}
		if e.Code != tc.code || e.Class() != tc.class {
			t.Errorf("%s: got %s (%s) %q, want %s (%s)", tc.query, e.Code, e.Class(), e.Msg, tc.code, tc.class)
		}
	}
}

// TestUnsupportedFunctionCodes checks that the function codes come from
// the function raise sites.
func TestUnsupportedFunctionCodes(t *testing.T) {
	var e errs
	span := ast.Span{Start: 3, End: 9}
	e.unsupportedFunc(span, "eval function %s() is not supported yet", "frob")
	e.unsupportedCommand(span, "command %q is not supported yet", "frob")
	e.unsupported(span, "frob option x is not supported yet")
	e.refused(span, "frob is refused")
	e.addf(span, "bad")
	want := []diag.Code{diag.CodeUnsupportedFunc, diag.CodeUnsupportedCommand, diag.CodeUnsupported, diag.CodeRefused, diag.CodeCompileError}
	for i, err := range e.list {
		if err.Code != want[i] {
			t.Errorf("%d: %s, want %s", i, err.Code, want[i])
		}
	}
}

func TestLimitAndRunTimeCodes(t *testing.T) {
	q, err := parser.Parse("| makeresults count=5")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(q, Options{MaxRows: 2, Now: time.Unix(1700000000, 0)})
	if err == nil {
		_, err = p.Exec(context.Background(), Input{})
	}
	var e *Error
	if !errors.As(err, &e) || e.Code != diag.CodeLimitExceeded || e.Class() != diag.ClassLimit {
		t.Errorf("limit: got %v", err)
	}

	compileErr := errAt(ast.Span{Start: 1, End: 2}, "bad value")
	got := atRunTime(compileErr)
	if !errors.As(got, &e) || e.Code != diag.CodeRuntimeError || e.Msg != "bad value" {
		t.Errorf("atRunTime: %v", got)
	}
	if compileErr.Code != diag.CodeCompileError {
		t.Error("atRunTime changed the error it was given")
	}
	refused := codedAt(ast.Span{}, diag.CodeRefused, "no")
	if atRunTime(refused) != error(refused) {
		t.Error("atRunTime recoded a refused error")
	}
	plain := fmt.Errorf("plain")
	if atRunTime(plain) != plain {
		t.Error("atRunTime changed a plain error")
	}
}

func TestErrorPosition(t *testing.T) {
	text := `| makeresults | eval y="é", z=frob(y)`
	e := errAt(ast.Span{Start: ast.Pos(strings.Index(text, "frob")), End: ast.Pos(len(text))}, "unknown function frob()")
	if got := e.Position("q", text).String(); got != "q:1:31" {
		t.Errorf("Position = %s", got)
	}
	e.Span.Start = ast.NoPos
	if got := e.Position("q", text).String(); got != "q:1:1" {
		t.Errorf("no span: %s", got)
	}
}
