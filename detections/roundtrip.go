package detections

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/parser"
)

// spanType is the type sameTree skips: positions differ between a tree and
// the tree of its printed form by design.
var spanType = reflect.TypeFor[ast.Span]()

// binaryType is the node sameTree walks in a loop: a chain of N binary
// operators (x=1 OR x=2 OR ...) is a tree N deep on the left.
var binaryType = reflect.TypeFor[*ast.BinaryExpr]()

// maxTreeDepth bounds sameTree's recursion; syntax trees are far shallower
// (the parser bounds subsearch and expression nesting; the left operands
// of a chain of binary operators, which it does not bound, are compared
// in a loop).
const maxTreeDepth = 500

// sameTree reports whether two syntax trees are equal, ignoring every
// ast.Span (and ast.Pos inside spans). It is reflect.DeepEqual with spans
// skipped, written out so that production code needs neither go-cmp nor a
// mutable copy of the trees. Unexported fields are compared too.
func sameTree(a, b any) bool {
	return sameValue(reflect.ValueOf(a), reflect.ValueOf(b), 0)
}

func sameValue(a, b reflect.Value, depth int) bool {
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	if a.Type() != b.Type() {
		return false
	}
	if a.Type() == spanType {
		return true
	}
	if depth > maxTreeDepth {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		if a.Type() == binaryType {
			return sameBinary(a.Interface().(*ast.BinaryExpr), b.Interface().(*ast.BinaryExpr), depth)
		}
		return sameValue(a.Elem(), b.Elem(), depth+1)
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameValue(a.Field(i), b.Field(i), depth+1) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i), depth+1) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		it := a.MapRange()
		for it.Next() {
			bv := b.MapIndex(it.Key())
			if !bv.IsValid() || !sameValue(it.Value(), bv, depth+1) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	case reflect.Complex64, reflect.Complex128:
		return a.Complex() == b.Complex()
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return a.IsNil() && b.IsNil()
	}
	return false
}

// sameBinary compares two binary expressions, walking their left
// operands in a loop while both are binary expressions.
func sameBinary(x, y *ast.BinaryExpr, depth int) bool {
	for {
		if x.Op != y.Op || !sameValue(reflect.ValueOf(&x.R).Elem(), reflect.ValueOf(&y.R).Elem(), depth+1) {
			return false
		}
		xl, ok1 := x.L.(*ast.BinaryExpr)
		yl, ok2 := y.L.(*ast.BinaryExpr)
		if !ok1 || !ok2 {
			return sameValue(reflect.ValueOf(&x.L).Elem(), reflect.ValueOf(&y.L).Elem(), depth+1)
		}
		x, y = xl, yl
	}
}

// roundTripProblem is what went wrong printing a tree and parsing it back:
// the index of the first command involved and a message.
type roundTripProblem struct {
	Command int
	Msg     string
}

// checkRoundTrip prints q as canonical SPL, parses that back and compares:
// the trees must be equal spans aside, and printing the second tree must
// give the same text (String is a fixed point). It returns nil when all
// holds.
func checkRoundTrip(q *ast.Query) *roundTripProblem {
	printed := q.String()
	// The printed form may be longer than the text (spaces around
	// operators); it is bounded by the text's own bound.
	again, err := parser.ParseWith(printed, parser.Options{MaxQueryLen: max(len(printed), parser.DefaultMaxQueryLen)})
	if err != nil {
		pos := 0
		var pe *parser.Error
		if errors.As(err, &pe) {
			pos = int(pe.Pos)
			err = errors.New(pe.Msg)
		}
		i := printedCommandAt(q, pos)
		return &roundTripProblem{Command: i, Msg: fmt.Sprintf("spelunk prints this command as %s, which does not parse back: %v",
			shorten(commandText(q, i)), err)}
	}
	n := min(len(q.Commands), len(again.Commands))
	for i := range n {
		if !sameTree(q.Commands[i], again.Commands[i]) {
			return &roundTripProblem{Command: i, Msg: fmt.Sprintf("spelunk prints this command as %s, which parses back as a different tree",
				shorten(commandText(q, i)))}
		}
	}
	if len(q.Commands) != len(again.Commands) {
		i := min(n, len(q.Commands)-1)
		return &roundTripProblem{Command: max(i, 0), Msg: fmt.Sprintf("the printed search has %d commands instead of %d", len(again.Commands), len(q.Commands))}
	}
	if s2 := again.String(); s2 != printed {
		i := 0
		for i < n && q.Commands[i].String() == again.Commands[i].String() {
			i++
		}
		return &roundTripProblem{Command: min(i, max(n-1, 0)), Msg: "printing the search is not a fixed point: the printed form prints differently"}
	}
	return nil
}

// printedCommandAt returns the index of the command of q whose text holds
// byte pos of q.String() (see ast.Query.String: commands joined by " | ",
// a leading "| " unless the first is search).
func printedCommandAt(q *ast.Query, pos int) int {
	off := 0
	for i, c := range q.Commands {
		switch {
		case i > 0:
			off += len(" | ")
		case c.CommandName() != "search":
			off += len("| ")
		}
		off += len(c.String())
		if pos < off {
			return i
		}
	}
	return max(len(q.Commands)-1, 0)
}

func commandText(q *ast.Query, i int) string {
	if i < 0 || i >= len(q.Commands) {
		return ""
	}
	return q.Commands[i].String()
}

// shorten quotes s, cut to about 120 bytes.
func shorten(s string) string {
	const width = 120
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > width {
		cut := width
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "..."
	}
	return "`" + s + "`"
}
