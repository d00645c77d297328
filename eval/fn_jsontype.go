package eval

import "github.com/spelunk-dev/spelunk/internal/jsontree"

// jsonTypeFuncs are the informational functions that ask whether a value is
// a JSON array or object [D S-infofn, Search Reference 9.4 and 10.0
// "Informational functions": isarray("[1, 2, 3]") is TRUE, isarray(1) is
// FALSE]. spelunk has no JSON type (see fn_json.go): a value is an array
// (an object) when it is a string holding exactly one JSON array (object)
// [U]; a multivalue field is neither, as typeof() calls it "Multivalue"
// [U]; null gives FALSE.
var jsonTypeFuncs = map[string]*funcSpec{
	"isarray":  {min: 1, max: 1, pure: true, ret: tBool, fn: func(a []Value) Value { return boolVal(isJSONKind(a[0], jsontree.Array)) }},
	"isobject": {min: 1, max: 1, pure: true, ret: tBool, fn: func(a []Value) Value { return boolVal(isJSONKind(a[0], jsontree.Object)) }},
}

// isJSONKind reports whether v is a string holding a JSON value of kind k.
func isJSONKind(v Value, k byte) bool {
	if v.k != kindStr {
		return false
	}
	n, err := jsontree.Parse(v.s)
	return err == nil && n.Kind == k
}
