package detections

import (
	"fmt"
	"strings"

	"github.com/spelunk-dev/spelunk/eval"
)

// Verdict is the outcome of judging a test's results.
type Verdict struct {
	Pass   bool
	Reason string // why it failed; for a pass, which result passed
	// Row is the index of the result that decided: the first passing one,
	// or the one that failed a risk-object check; -1 otherwise.
	Row int
}

// Judge decides a unit test the way contentctl does from the search's
// results, in order:
//
//   - no results: fail ("no results");
//   - for each result: a risk-object field (see RiskObjectFields) that the
//     result lacks, or that holds the string "null" (what
//     fillnull_value=null writes where the data had no value), fails the
//     test, naming the field;
//   - the first result in which every threat-object field (see
//     ThreatObjectFields) is present and not "null" passes the test;
//   - when no result has them all, the test fails, naming the threat-object
//     fields that were missing or "null" in every result.
//
// A detection without threat objects passes with its first result whose
// risk objects are all set.
func Judge(d *Detection, res *eval.Result) Verdict {
	if res == nil || len(res.Rows) == 0 {
		return Verdict{Reason: "no results", Row: -1}
	}
	col := make(map[string]int, len(res.Fields))
	for i, f := range res.Fields {
		if _, dup := col[f]; !dup {
			col[f] = i
		}
	}
	risk, threat := d.RiskObjectFields(), d.ThreatObjectFields()
	neverSet := make(map[string]bool, len(threat))
	for _, f := range threat {
		neverSet[f] = true
	}
	for r, row := range res.Rows {
		for _, f := range risk {
			switch v, ok := field(col, row, f); {
			case !ok:
				return Verdict{Reason: fmt.Sprintf("result %d lacks risk-object field %s", r+1, f), Row: r}
			case v == "null":
				return Verdict{Reason: fmt.Sprintf(`risk-object field %s is "null" in result %d`, f, r+1), Row: r}
			}
		}
		all := true
		for _, f := range threat {
			if v, ok := field(col, row, f); ok && v != "null" {
				delete(neverSet, f)
			} else {
				all = false
			}
		}
		if all {
			return Verdict{Pass: true, Reason: fmt.Sprintf("result %d of %d has every risk and threat object", r+1, len(res.Rows)), Row: r}
		}
	}
	var names []string
	for _, f := range threat {
		if neverSet[f] {
			names = append(names, f)
		}
	}
	if len(names) == 0 {
		return Verdict{Reason: fmt.Sprintf("no result has every threat-object field set (%s are each set in some result)", strings.Join(threat, ", ")), Row: -1}
	}
	return Verdict{Reason: fmt.Sprintf(`threat-object fields missing or "null" in every result: %s`, strings.Join(names, ", ")), Row: -1}
}

// field returns the value of column f in row as contentctl sees it in the
// JSON results: a single value as is, a multivalue field joined (never
// equal to "null" unless its only value is); ok is false when the row
// lacks the field.
func field(col map[string]int, row eval.Row, f string) (string, bool) {
	i, ok := col[f]
	if !ok || i >= len(row) || row[i].IsNull() {
		return "", false
	}
	vals := row[i].Strings()
	if len(vals) == 0 {
		return "", false
	}
	return strings.Join(vals, "\n"), true
}
