package ast

import (
	"reflect"
	"strings"
)

// ForeachCommand is `foreach [mode=] [fieldstr=] [matchstr=] [matchseg1=]
// [matchseg2=] [matchseg3=] fields... [subpipeline]`: for each field
// matching the (wildcard) field list it runs the template subpipeline with
// the tokens <<FIELD>>, <<MATCHSTR>>, <<MATCHSEG1>>..<<MATCHSEG3>> and
// <<ITEM>> replaced.
//
// Splunk substitutes the tokens in the template text and parses the result
// once per field. The tree keeps both forms:
//
//   - Template is the text between the brackets, verbatim (tokens
//     included); String prints it back unchanged.
//   - Body is the template parsed as a subpipeline after replacing each
//     token by its placeholder (ForeachField etc.): `<<FIELD>>` becomes the
//     bare name __FIELD__, 'avg_<<MATCHSTR>>' the quoted field name
//     avg___MATCHSTR__, "<<FIELD>> is high" the string "__FIELD__ is high".
//     Each placeholder has the length of its token, so Body's spans are
//     exact offsets of the query.
//
// An evaluator instantiates Body per field with Instantiate, which
// replaces the placeholders in every name, string and literal of a copy of
// Body. A substituted name counts as one token wherever the placeholder
// stood, as if the template had quoted it ('<<FIELD>>'); Splunk's textual
// substitution would re-lex a name holding blanks or operators.
type ForeachCommand struct {
	Loc      Span
	Options  []Option // mode=, fieldstr=, matchstr=, matchseg1=, ...
	Fields   []string // wildcard field patterns; for mode=multivalue the field
	Template string   // the text between the brackets, tokens included
	Body     *Query   // Template parsed with the tokens replaced by placeholders
}

// The placeholders that stand for foreach's tokens in ForeachCommand.Body;
// each is as long as its token.
const (
	ForeachField     = "__FIELD__"     // <<FIELD>>: the field name
	ForeachMatchstr  = "__MATCHSTR__"  // <<MATCHSTR>>: the part the wildcards matched
	ForeachMatchseg1 = "__MATCHSEG1__" // <<MATCHSEG1>>: what the first wildcard matched
	ForeachMatchseg2 = "__MATCHSEG2__" // <<MATCHSEG2>>
	ForeachMatchseg3 = "__MATCHSEG3__" // <<MATCHSEG3>>
	ForeachItem      = "__ITEM__"      // <<ITEM>>: the value, for mode=multivalue
)

// ForeachPlaceholders maps each template token (<<FIELD>>, ...) to its
// placeholder; it returns a new map on each call.
func ForeachPlaceholders() map[string]string {
	return map[string]string{
		"<<FIELD>>":     ForeachField,
		"<<MATCHSTR>>":  ForeachMatchstr,
		"<<MATCHSEG1>>": ForeachMatchseg1,
		"<<MATCHSEG2>>": ForeachMatchseg2,
		"<<MATCHSEG3>>": ForeachMatchseg3,
		"<<ITEM>>":      ForeachItem,
	}
}

// Option returns the value of the named option and whether it was given.
func (c *ForeachCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Instantiate returns a deep copy of Body in which every occurrence of a
// placeholder in a string of the tree (field names, string and number
// literals, search values, option values) is replaced: values maps a
// placeholder (ForeachField, ...) to its replacement. Placeholders missing
// from values are left as they are. Body itself is not changed.
func (c *ForeachCommand) Instantiate(values map[string]string) *Query {
	if c == nil {
		return nil
	}
	if c.Body == nil {
		return nil
	}
	pairs := make([]string, 0, 2*len(values))
	for k, v := range values {
		pairs = append(pairs, k, v)
	}
	r := strings.NewReplacer(pairs...)
	return substitute(reflect.ValueOf(c.Body), r).Interface().(*Query)
}

// substitute deep-copies v, applying r to every string.
func substitute(v reflect.Value, r *strings.Replacer) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(substitute(v.Elem(), r))
		return p
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(substitute(v.Elem(), r))
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := 0; i < v.NumField(); i++ {
			if out.Field(i).CanSet() {
				out.Field(i).Set(substitute(v.Field(i), r))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(substitute(v.Index(i), r))
		}
		return out
	case reflect.String:
		out := reflect.New(v.Type()).Elem()
		out.SetString(r.Replace(v.String()))
		return out
	}
	return v
}

// String implements Node.
func (c *ForeachCommand) String() string {
	if c == nil {
		return ""
	}
	return "foreach" + joinOptions(c.Options) + " " + joinFields(c.Fields) + " [" + c.Template + "]"
}

// Span implements Node.
func (c *ForeachCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*ForeachCommand) CommandName() string { return "foreach" }

func (*ForeachCommand) commandNode() {}
