package eval

// Informational functions [D S-infofn]. A field holding a decimal-number
// string is a number (fields are auto-typed, value_ops.go).
var infoFuncs = map[string]*funcSpec{
	"isnull":    {min: 1, max: 1, pure: true, ret: tBool, fn: func(a []Value) Value { return boolVal(a[0].k == kindNull) }},
	"isnotnull": {min: 1, max: 1, pure: true, ret: tBool, fn: func(a []Value) Value { return boolVal(a[0].k != kindNull) }},
	"isnum":     {min: 1, max: 1, pure: true, ret: tBool, fn: func(a []Value) Value { return boolVal(a[0].k == kindNum) }},
	"isstr":     {min: 1, max: 1, pure: true, ret: tBool, fn: func(a []Value) Value { return boolVal(a[0].k == kindStr) }},
	"isbool":    {min: 1, max: 1, pure: true, ret: tBool, fn: func(a []Value) Value { return boolVal(a[0].k == kindBool) }},
	"isint": {min: 1, max: 1, pure: true, ret: tBool, fn: func(a []Value) Value {
		return boolVal(a[0].k == kindNum && isInt(a[0].f))
	}},
	// typeof(x): "Number", "String", "Boolean", "Multivalue" or "Invalid"
	// (null) [D S-infofn].
	"typeof": {min: 1, max: 1, pure: true, ret: tStr, fn: func(a []Value) Value {
		switch a[0].k {
		case kindNum:
			return Str("Number")
		case kindStr:
			return Str("String")
		case kindBool:
			return Str("Boolean")
		case kindMulti:
			return Str("Multivalue")
		}
		return Str("Invalid")
	}},
}
