// Package niltest calls every exported method of a value with zero
// arguments, for tests that nil and zero receivers fail cleanly instead
// of panicking.
package niltest

import (
	"context"
	"reflect"
	"slices"
	"testing"
)

// CallAll calls every exported method of v (a nil pointer, or a pointer
// to a zero value) with zero-valued arguments (context.Background for a
// context, nothing for a variadic tail), and fails t when one panics.
// It returns the results of each call by method name, for the caller to
// check that errors are returned. The methods named in skip are not
// called (say at the call site why).
func CallAll(t *testing.T, v any, skip ...string) map[string][]any {
	t.Helper()
	rv := reflect.ValueOf(v)
	out := map[string][]any{}
	ctxType := reflect.TypeFor[context.Context]()
	for i := range rv.NumMethod() {
		m := rv.Type().Method(i)
		if !m.IsExported() || slices.Contains(skip, m.Name) {
			continue
		}
		ft := rv.Method(i).Type()
		var args []reflect.Value
		for j := range ft.NumIn() {
			at := ft.In(j)
			if ft.IsVariadic() && j == ft.NumIn()-1 {
				break
			}
			if at == ctxType {
				args = append(args, reflect.ValueOf(context.Background()))
				continue
			}
			args = append(args, reflect.Zero(at))
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%T.%s panics: %v", v, m.Name, r)
				}
			}()
			res := rv.Method(i).Call(args)
			vals := make([]any, len(res))
			for k, r := range res {
				vals[k] = r.Interface()
			}
			out[m.Name] = vals
		}()
	}
	return out
}

// LastError returns the error a method returned last among its results,
// nil when it returned none or a nil one.
func LastError(results []any) error {
	if len(results) == 0 {
		return nil
	}
	err, _ := results[len(results)-1].(error)
	return err
}

// WantErrors fails t for each exported method of v whose last result is
// an error but that returned a nil one in results (as CallAll returns
// them), except the methods named in except (an Unwrap that has nothing
// to unwrap, a Close with nothing to close).
func WantErrors(t *testing.T, v any, results map[string][]any, except ...string) {
	t.Helper()
	errType := reflect.TypeFor[error]()
	rt := reflect.TypeOf(v)
	for i := range rt.NumMethod() {
		m := rt.Method(i)
		if !m.IsExported() || slices.Contains(except, m.Name) {
			continue
		}
		ft := m.Type
		if ft.NumOut() == 0 || ft.Out(ft.NumOut()-1) != errType {
			continue
		}
		res, ok := results[m.Name]
		if !ok {
			continue // it panicked: CallAll reported it
		}
		if LastError(res) == nil {
			t.Errorf("%T.%s on %#v returned no error", v, m.Name, v)
		}
	}
}
