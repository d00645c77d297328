package spltest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/eval"
)

// mismatch describes how what a program gave differs from what c
// expects ("" when it does not).
func (c *Case) mismatch(res *eval.Result, err error) string {
	if c.Err != nil {
		if err == nil {
			return fmt.Sprintf("want error %s: %s, got %d rows", c.Err.Code, c.Err.Substr, len(res.Rows))
		}
		if got := ErrorClass(err); got != c.Err.Code || !strings.Contains(err.Error(), c.Err.Substr) {
			return fmt.Sprintf("want error %s: %s, got [%s] %v", c.Err.Code, c.Err.Substr, got, err)
		}
		return ""
	}
	if err != nil {
		return fmt.Sprintf("%s: %v", c.Query, err)
	}
	var msgs []string
	if c.Fields != nil && !slices.Equal(c.Fields, res.Fields) {
		msgs = append(msgs, fmt.Sprintf("fields = %q, want %q", res.Fields, c.Fields))
	}
	got := renderRows(res)
	want := make([]string, len(c.Rows))
	for i, r := range c.Rows {
		b, _ := json.Marshal(map[string]any(r))
		want[i] = string(b)
	}
	if c.Unordered {
		slices.Sort(got)
		slices.Sort(want)
	}
	if !slices.Equal(got, want) {
		msgs = append(msgs, fmt.Sprintf("%s\n got:\n  %s\nwant:\n  %s", c.Query, strings.Join(got, "\n  "), strings.Join(want, "\n  ")))
	}
	return strings.Join(msgs, "\n")
}

// sameResult describes how res, err differ from want, wantErr: the same
// columns in the same order and the same rows (in the same order unless
// unordered), or errors of the same class. "" when they do not differ.
func sameResult(res *eval.Result, err error, want *eval.Result, wantErr error, unordered bool) string {
	switch {
	case err != nil || wantErr != nil:
		if err == nil || wantErr == nil || ErrorClass(err) != ErrorClass(wantErr) {
			return fmt.Sprintf("error %v, want %v", err, wantErr)
		}
		return ""
	case !slices.Equal(res.Fields, want.Fields):
		return fmt.Sprintf("fields = %q, want %q", res.Fields, want.Fields)
	}
	got, exp := renderRows(res), renderRows(want)
	if unordered {
		slices.Sort(got)
		slices.Sort(exp)
	}
	if !slices.Equal(got, exp) {
		return fmt.Sprintf("\n got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(exp, "\n  "))
	}
	return ""
}

// renderRows is each row of res as JSON: its non-null fields, a value as
// its text, a multivalue as an array of strings.
func renderRows(res *eval.Result) []string {
	recs := res.Records()
	out := make([]string, 0, len(recs))
	for _, rec := range recs {
		m := map[string]any{}
		for _, f := range rec {
			if f.Value.IsMulti() {
				m[f.Name] = f.Value.Strings()
			} else {
				m[f.Name] = f.Value.String()
			}
		}
		b, _ := json.Marshal(m)
		out = append(out, string(b))
	}
	return out
}

// ErrorClass is the class a case's `expect error CODE` names: the Code of
// the *eval.Error in err (the first of an eval.ErrorList), "parse" for
// any other error (the parser's), "" for nil.
func ErrorClass(err error) string {
	if err == nil {
		return ""
	}
	var ee *eval.Error
	var el eval.ErrorList
	switch {
	case errors.As(err, &ee):
		return string(ee.Class())
	case errors.As(err, &el) && len(el) > 0:
		return string(el[0].Class())
	}
	return "parse"
}
