package sqlgen

import "strings"

// A multivalue (kMV) is a list of strings: DuckDB's VARCHAR[], null for
// a field without a value; ClickHouse's Array(String), which cannot be
// null, empty for a field without a value.

// The raw events' field columns in ClickHouse, which has no Map type
// before 21.x: the names of an event's fields and, at the same position,
// each one's values.
const (
	eventFieldKeys   = "_fields_keys"   // Array(String)
	eventFieldValues = "_fields_values" // Array(Array(String))
)

// eventFieldCols are the raw events' field columns, carried through the
// stages while the rows are raw events.
func (d Dialect) eventFieldCols() []string {
	if d == ClickHouse {
		return []string{eventFieldKeys, eventFieldValues}
	}
	return []string{eventFields}
}

// eventFieldList is the column list of eventFieldCols, comma-terminated.
func (d Dialect) eventFieldList() string {
	var b strings.Builder
	for _, c := range d.eventFieldCols() {
		b.WriteString(d.ident(c) + ", ")
	}
	return b.String()
}

// eventField reads the values of the event field name (a list; null, or
// empty, when the event lacks it). In ClickHouse indexOf is 0 for a name
// that is absent, and element 0 of an array is the empty array.
func (d Dialect) eventField(name string) string {
	if d == ClickHouse {
		return d.ident(eventFieldValues) + "[indexOf(" + d.ident(eventFieldKeys) + ", " + d.str(name) + ")]"
	}
	return d.ident(eventFields) + "[" + d.str(name) + "]"
}

// nullList is the list standing for a field without a value.
func (d Dialect) nullList() string {
	if d == ClickHouse {
		return "emptyArrayString()"
	}
	return "CAST(NULL AS VARCHAR[])"
}

// listOr is the list x, or the list of the one string literal v when x
// stands for no value.
func (d Dialect) listOr(x, v string) string {
	if d == ClickHouse {
		return "if(empty(" + x + "), [" + v + "], " + x + ")"
	}
	return "coalesce(" + x + ", [" + v + "])"
}

// scalarList is the list of the one string x (a field's text), or the
// list standing for no value when x is null.
func (d Dialect) scalarList(x string) string {
	if d == ClickHouse {
		return "if(isNull(" + x + "), emptyArrayString(), [ifNull(" + x + ", '')])"
	}
	return "CASE WHEN " + x + " IS NULL THEN NULL ELSE [" + x + "] END"
}

// unnestAs is a subquery of every row of src repeated for each value of
// the list x, the value in column k; rows whose list stands for no value
// are dropped.
func (d Dialect) unnestAs(src, x, k string) string {
	if d == ClickHouse {
		return "(SELECT *, arrayJoin(" + x + ") AS " + k + " FROM " + src + ")"
	}
	return "(SELECT *, unnest(" + x + ") AS " + k + " FROM " + src + ")"
}

// unnestKeepAs is unnestAs keeping a row whose list has no value, once,
// with null in k.
func (d Dialect) unnestKeepAs(src, x, k string) string {
	if d == ClickHouse {
		return "(SELECT *, arrayJoin(arrayResize(CAST(" + x + " AS Array(Nullable(String))), greatest(length(" + x + "), 1))) AS " + k + " FROM " + src + ")"
	}
	return "(SELECT *, unnest(CASE WHEN len(" + x + ") > 0 THEN " + x + " ELSE [NULL] END) AS " + k + " FROM " + src + ")"
}
