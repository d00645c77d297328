// Package niltest calls every exported method of a value with zero
// arguments, for tests that nil and zero receivers fail cleanly instead
// of panicking.
package niltest

import (
	"context"
	"reflect"
	"testing"
)

// CallAll calls every exported method of v (a nil pointer, or a pointer
// to a zero value) with zero-valued arguments (context.Background for a
// context, nothing for a variadic tail), and fails t when one panics.
// It returns the results of each call by method name, for the caller to
// check that errors are returned.
func CallAll(t *testing.T, v any) map[string][]any {
	t.Helper()
	rv := reflect.ValueOf(v)
	out := map[string][]any{}
	ctxType := reflect.TypeFor[context.Context]()
	for i := range rv.NumMethod() {
		m := rv.Type().Method(i)
		if !m.IsExported() {
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
