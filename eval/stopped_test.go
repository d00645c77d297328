package eval

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/parser"
)

// TestStoppedAtCommand: a run whose context is cancelled with a
// position-less *Error cause ends with that error at the command that was
// running; other causes end it with the context's error.
func TestStoppedAtCommand(t *testing.T) {
	limit := &Error{Span: ast.Span{Start: -1, End: -1}, Code: diag.CodeLimitExceeded, Msg: "over the limit"}
	for _, tc := range []struct {
		name, query string
		cause       error
		at          int    // offset of the command blamed; negative: cancelled while running, at -at or later
		msg         string // "" : the context's error
	}{
		{"first command", `| makeresults count=5`, limit, 2, "makeresults: over the limit"},
		{"long sort", `| makeresults count=300000 | eval r=random() | sort 0 r`, limit, -1, "over the limit"},
		{"in a subsearch", `| makeresults | append [| makeresults count=300000 | eval r=random() | sort 0 r]`, limit, -23, "over the limit"},
		{"plain cancel", `| makeresults count=5`, context.Canceled, 0, ""},
		{"other cause", `| makeresults count=5`, errors.New("shutting down"), 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := parser.Parse(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Compile(q, Options{Now: time.Unix(1700000000, 0)})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancelCause(context.Background())
			if tc.at >= 0 {
				cancel(tc.cause)
			} else {
				time.AfterFunc(20*time.Millisecond, func() { cancel(tc.cause) })
			}
			_, err = p.Exec(ctx, Input{})
			cancel(nil)
			if tc.msg == "" {
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("error %v, want context.Canceled", err)
				}
				return
			}
			var ee *Error
			if !errors.As(err, &ee) || ee.Code != diag.CodeLimitExceeded || ee.Span.Start < 0 {
				t.Fatalf("error %#v, want a positioned limit error", err)
			}
			if tc.at >= 0 && (int(ee.Span.Start) != tc.at || ee.Msg != tc.msg) {
				t.Errorf("error at %d %q, want at %d %q", ee.Span.Start, ee.Msg, tc.at, tc.msg)
			}
			if tc.at < 0 && (!endsWith(ee.Msg, ": "+tc.msg) || int(ee.Span.Start) < -tc.at) {
				t.Errorf("error at %d %q, want at %d or later", ee.Span.Start, ee.Msg, -tc.at)
			}
		})
	}
}

func endsWith(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}
