package sqlgen

// orderKeys are the ORDER BY terms sorting x as Splunk does: rows lacking
// a value last in either direction; ascending, numbers (numerically)
// before strings (bytewise); descending, the reverse.
func (g *gen) orderKeys(x expr, desc bool) []string {
	dir := ""
	if desc {
		dir = " DESC"
	}
	switch x.kind {
	case kNum:
		return []string{"(" + x.sql + " IS NULL)", x.sql + dir}
	case kNull:
		return nil
	}
	isNum := "(" + g.isNum(x) + ")"
	if !desc {
		isNum = "(NOT " + g.isNum(x) + ")"
	}
	return []string{"(" + x.sql + " IS NULL)", isNum, g.num(x) + dir, x.sql + dir}
}
