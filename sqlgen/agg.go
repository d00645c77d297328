package sqlgen

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// aggNames maps the aggregate functions that compile to their canonical
// name (first and last as tstats reads them: Splunk sees newest events
// first, so first = latest, last = earliest).
var aggNames = map[string]string{
	"count": "count", "c": "count",
	"dc": "dc", "distinct_count": "dc", "estdc": "dc",
	"values": "values",
	"min":    "min", "max": "max", "range": "range",
	"sum": "sum", "avg": "avg", "mean": "avg",
	"earliest": "earliest", "latest": "latest",
	"earliest_time": "earliest_time", "latest_time": "latest_time",
	"first": "latest", "last": "earliest",
	"stdev": "stdev", "stdevp": "stdevp", "var": "var", "varp": "varp", "sumsq": "sumsq",
}

// aggregate compiles one aggregate over x (the zero expr for a bare
// count). tstats is true in tstats, where first/last read _time; in stats
// they depend on input order, which SQL aggregation does not keep.
func (g *gen) aggregate(a ast.Aggregate, x expr, tstats bool) (string, kind, error) {
	fn, ok := aggNames[strings.ToLower(a.Func)]
	if !ok {
		return "", 0, refuseCode(a, diag.CodeUnsupportedFunc, "aggregate %s() does not compile to SQL yet", a.Func)
	}
	if a.Eval != nil {
		return "", 0, refuse(a, "aggregates over eval(...) do not compile to SQL yet")
	}
	if strings.Contains(a.Field, "*") {
		return "", 0, refuse(a, "wildcard fields in aggregates do not compile to SQL yet")
	}
	if !tstats && (fn == "latest" || fn == "earliest" || fn == "latest_time" || fn == "earliest_time") {
		if g.find(timeField) < 0 || g.cols[g.find(timeField)].kind != kNum {
			return "", 0, refuse(a, "%s() needs a numeric _time in the rows", a.Func)
		}
		if strings.HasPrefix(strings.ToLower(a.Func), "first") || strings.HasPrefix(strings.ToLower(a.Func), "last") {
			return "", 0, refuse(a, "%s() depends on the row order, which SQL aggregation does not keep", a.Func)
		}
	}
	if a.Field == "" {
		if fn != "count" {
			return "", 0, refuseCode(a, diag.CodeCompileError, "%s needs a field", a.Func)
		}
		return "count(*)", kNum, nil
	}
	if x.kind == kMV {
		return g.aggregateList(a, fn, x, tstats)
	}
	if x.kind == kNull {
		switch fn {
		case "count", "dc":
			return "0", kNum, nil
		}
		return "NULL", kStr, nil
	}
	n := g.num(x)
	switch fn {
	case "count":
		return "count(" + x.sql + ")", kNum, nil
	case "dc":
		return g.d.countDistinct(x.sql), kNum, nil
	case "values":
		return g.d.listDistinctSorted(g.text(x)), kMV, nil
	case "min", "max":
		if x.kind == kNum {
			return fn + "(" + x.sql + ")", kNum, nil
		}
		return "(CASE WHEN count(" + n + ") > 0 THEN " + g.numText(fn+"("+n+")") + " ELSE " + fn + "(" + x.sql + ") END)", kStr, nil
	case "range":
		return "(max(" + n + ") - min(" + n + "))", kNum, nil
	case "sum":
		return "sum(" + n + ")", kNum, nil
	case "avg":
		return "avg(" + n + ")", kNum, nil
	case "stdev":
		// one value: 0, as the interpreter has it (SQL says null).
		return "(CASE WHEN count(" + n + ") = 1 THEN 0 ELSE stddev_samp(" + n + ") END)", kNum, nil
	case "stdevp":
		return "stddev_pop(" + n + ")", kNum, nil
	case "var":
		return "(CASE WHEN count(" + n + ") = 1 THEN 0 ELSE var_samp(" + n + ") END)", kNum, nil
	case "varp":
		return "var_pop(" + n + ")", kNum, nil
	case "sumsq":
		return "sum(" + n + " * " + n + ")", kNum, nil
	case "earliest", "latest":
		seq := g.d.ident(seqField)
		if !tstats {
			seq = ordCol
		}
		t := g.d.ident(timeField)
		if fn == "earliest" {
			return g.d.argMin(x.sql, g.d.tuple(t, seq), true), x.kind, nil
		}
		return g.d.argMin(x.sql, g.d.tuple(t, "-"+seq), false), x.kind, nil
	case "earliest_time":
		return g.d.aggIf("min", g.d.ident(timeField), x.sql+" IS NOT NULL"), kNum, nil
	case "latest_time":
		return g.d.aggIf("max", g.d.ident(timeField), x.sql+" IS NOT NULL"), kNum, nil
	}
	return "", 0, refuseCode(a, diag.CodeUnsupportedFunc, "aggregate %s() does not compile to SQL yet", a.Func)
}

// aggregateList is an aggregate over a multivalue column: each value
// counts (count(f) counts values), as the interpreter's stats does.
func (g *gen) aggregateList(a ast.Aggregate, fn string, x expr, tstats bool) (string, kind, error) {
	order := ordCol
	if tstats {
		order = g.d.ident(seqField) // tstats reads the table: its order
	}
	if g.d == ClickHouse {
		return g.aggregateArray(a, fn, x, order)
	}
	all := "flatten(list(" + x.sql + ") FILTER (WHERE " + x.sql + " IS NOT NULL))"
	nums := "list_transform(list_filter(" + all + ", lambda __v: " + g.d.fullMatch("__v", decimalRE) + "), lambda __v: CAST(__v AS DOUBLE))"
	switch fn {
	case "count":
		return "coalesce(sum(len(" + x.sql + ")), 0)", kNum, nil
	case "dc":
		return "coalesce(len(list_distinct(" + all + ")), 0)", kNum, nil
	case "values":
		return "list_sort(list_distinct(" + all + "))", kMV, nil
	case "min", "max":
		return "(CASE WHEN len(" + nums + ") > 0 THEN " + g.numText("list_"+fn+"("+nums+")") + " ELSE list_" + fn + "(" + all + ") END)", kStr, nil
	case "sum":
		return "(CASE WHEN len(" + nums + ") > 0 THEN list_sum(" + nums + ") END)", kNum, nil
	case "avg":
		return "(CASE WHEN len(" + nums + ") > 0 THEN list_avg(" + nums + ") END)", kNum, nil
	case "earliest", "latest":
		t := g.d.ident(timeField)
		if fn == "earliest" {
			return g.d.argMin(x.sql, g.d.tuple(t, order), true), kMV, nil
		}
		return g.d.argMin(x.sql, g.d.tuple(t, "-"+order), false), kMV, nil
	case "earliest_time":
		return g.d.aggIf("min", g.d.ident(timeField), x.sql+" IS NOT NULL"), kNum, nil
	case "latest_time":
		return g.d.aggIf("max", g.d.ident(timeField), x.sql+" IS NOT NULL"), kNum, nil
	}
	return "", 0, refuse(a, "%s() of the multivalue field %s does not compile to SQL yet", a.Func, a.Field)
}
