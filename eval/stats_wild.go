package eval

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// Wildcard fields in aggregates of stats, eventstats, streamstats and
// timechart [D S-stats: "stats-agg-term: <stats-func>(<evaled-field> |
// <wc-field>) [AS <wc-field>] ... You can use wild card characters in
// field names"; the Search Reference's stats example `stats avg(*lay) BY
// date_hour` averages every field ending in "lay"]:
//
//   - `func(pattern)` stands for one aggregate per field of the input whose
//     name matches the pattern (`*` any run of characters, case-sensitive
//     like field names), in the input's column order, at the position the
//     aggregate is written;
//   - without AS each is named `func(field)` (values(user)); with
//     `AS pattern2` the output name is pattern2 with each `*` replaced by
//     what the corresponding `*` matched: `values(*) AS *` keeps the field
//     names, `values(requestParameters.*) AS *` drops the prefix,
//     `avg(*) AS avg_*` adds one. An AS without wildcards, or with a
//     different number of them, is an error (as for rename [D S-rename]);
//   - "fields of the input" are the columns with a value in at least one
//     input row [I: Splunk's results only hold fields some event has];
//   - the by-fields are never expanded (`stats values(*) AS * by host`
//     keeps host as the by-field) [I: the idiom relies on it];
//   - internal fields (a name starting with `_`: _time, _raw, ...) match
//     only a pattern that itself starts with `_` [I: `stats values(*) AS *`
//     drops _time; detections add min(_time) AS _time beside it];
//   - an output name an explicit (non-wildcard) aggregate of the same
//     command also produces, or an earlier wildcard expansion already
//     produced, is skipped: `stats min(firstTime) AS firstTime values(*) AS
//     * by x` keeps the minimum [U: Splunk documents no precedence; the
//     corpus's detections mean it this way];
//   - count(*), dc(*), ... are ordinary wildcard aggregates: one count per
//     matching field [U: no special meaning documented for stats].
//
// Expansion happens when the command runs, against that run's input, so a
// compiled Program stays immutable and may run concurrently.

// compileWildAgg makes sa the wildcard template of a; false after
// reporting an error.
func compileWildAgg(sa *statsAgg, a ast.Aggregate, cmd string, e *errs) bool {
	g := glob.New(a.Field)
	sa.wild, sa.fn = &g, strings.ToLower(a.Func)
	if a.As == "" {
		return true
	}
	as := glob.New(a.As)
	if as.Stars() != g.Stars() {
		e.addf(a.Loc, "%s %s(%s) AS %s: the AS name needs as many wildcards as the field (%d, not %d)", cmd, a.Func, a.Field, a.As, g.Stars(), as.Stars())
		return false
	}
	sa.wildAs = &as
	return true
}

// hasDynamic reports whether any aggregate is expanded or bound per run
// (wildcards, sparkline).
func (s *statsSpec) hasDynamic() bool {
	for _, a := range s.aggs {
		if a.wild != nil || a.spark {
			return true
		}
	}
	return false
}

// forInput returns s with its wildcard aggregates expanded against in's
// fields and its sparklines bound to in's time range; s itself when it has
// neither.
func (s *statsSpec) forInput(env *runEnv, in *rowSet) *statsSpec {
	if !s.dynamic {
		return s
	}
	cp := *s
	cp.aggs = make([]*statsAgg, 0, len(s.aggs))
	taken := map[string]bool{}
	for _, a := range s.aggs {
		if a.wild == nil {
			taken[a.name] = true
		}
	}
	isBy := map[string]bool{}
	for _, f := range s.by {
		isBy[f] = true
	}
	var present []bool // lazily: which columns hold a value
	for _, a := range s.aggs {
		switch {
		case a.spark:
			cp.aggs = append(cp.aggs, a.bindSparkline(env, in))
			continue
		case a.wild == nil:
			cp.aggs = append(cp.aggs, a)
			continue
		}
		if present == nil {
			present = presentColumns(in)
		}
		internalOK := strings.HasPrefix(a.wild.String(), "_")
		for col, f := range in.fields {
			if !present[col] || isBy[f] || (!internalOK && strings.HasPrefix(f, "_")) {
				continue
			}
			caps, ok := a.wild.Capture(f)
			if !ok {
				continue
			}
			name := a.fn + "(" + f + ")"
			if a.wildAs != nil {
				name = a.wildAs.Expand(caps)
			}
			if taken[name] {
				continue
			}
			taken[name] = true
			cp.aggs = append(cp.aggs, &statsAgg{name: name, kind: a.kind, slot: -1, direct: true, col: col, loc: a.loc})
		}
	}
	return &cp
}

// presentColumns reports, per column of in, whether some row has a value.
func presentColumns(in *rowSet) []bool {
	p := make([]bool, len(in.fields))
	left := len(p)
	for _, row := range in.rows {
		for i, v := range row {
			if !p[i] && v.k != kindNull {
				p[i] = true
				left--
			}
		}
		if left == 0 {
			break
		}
	}
	return p
}
