package sqlgen

import "github.com/spelunk-dev/spelunk/ast"

// aggregateArray is aggregateList for ClickHouse, whose lists are arrays
// (empty for a field without a value) and which has neither list lambdas
// over aggregates nor arrayFlatten before 20.x: the -Array combinators
// (groupArrayArray, uniqExactArray, groupUniqArrayArray) read every value
// of every row, and arrayReduce aggregates the collected values. order
// breaks _time ties of earliest and latest.
func (g *gen) aggregateArray(a ast.Aggregate, fn string, x expr, order string) (string, kind, error) {
	has := "notEmpty(" + x.sql + ")"
	all := "groupArrayArray(" + x.sql + ")"
	nums := "arrayMap(__v -> toFloat64OrZero(__v), arrayFilter(__v -> " + g.d.fullMatch("__v", decimalRE) + ", " + all + "))"
	t := g.d.ident(timeField)
	switch fn {
	case "count":
		return "sum(length(" + x.sql + "))", kNum, nil
	case "dc":
		return "uniqExactArray(" + x.sql + ")", kNum, nil
	case "values":
		return "arraySort(groupUniqArrayArray(" + x.sql + "))", kMV, nil
	case "min", "max":
		return "(CASE WHEN notEmpty(" + nums + ") THEN " + g.numText("arrayReduce('"+fn+"', "+nums+")") +
			" WHEN notEmpty(" + all + ") THEN arrayReduce('" + fn + "', " + all + ") END)", kStr, nil
	case "sum", "avg":
		return "(CASE WHEN notEmpty(" + nums + ") THEN arrayReduce('" + fn + "', " + nums + ") END)", kNum, nil
	case "earliest":
		return "argMinIf(" + x.sql + ", " + g.d.tuple(t, order) + ", " + has + ")", kMV, nil
	case "latest":
		return "argMaxIf(" + x.sql + ", " + g.d.tuple(t, "-"+order) + ", " + has + ")", kMV, nil
	case "earliest_time":
		return "(CASE WHEN countIf(" + has + ") > 0 THEN minIf(" + t + ", " + has + ") END)", kNum, nil
	case "latest_time":
		return "(CASE WHEN countIf(" + has + ") > 0 THEN maxIf(" + t + ", " + has + ") END)", kNum, nil
	}
	return "", 0, refuse(a, "%s() of the multivalue field %s does not compile to SQL yet", a.Func, a.Field)
}
