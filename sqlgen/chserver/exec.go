package chserver

import (
	"context"
	"fmt"
	"math"
	"reflect"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// Exec runs a compiled search and returns its rows as the interpreter
// would: strings as strings, numbers as numbers, arrays as multivalues
// (an empty array, ClickHouse's stand-in for a null list, as null), NULL
// and NaN as null.
func (e *Engine) Exec(ctx context.Context, s *sqlgen.SQL) (*eval.Result, error) {
	if err := e.ready(); err != nil {
		return nil, err
	}
	rows, err := e.conn.Query(ctx, s.Text)
	if err != nil {
		return nil, fmt.Errorf("clickhouse: %w", err)
	}
	defer rows.Close()
	types := rows.ColumnTypes()
	if len(types) != len(s.Columns) {
		return nil, fmt.Errorf("clickhouse: %d columns, the search has %d", len(types), len(s.Columns))
	}
	res := &eval.Result{Fields: s.Columns}
	ptrs := make([]any, len(types))
	for rows.Next() {
		for i, ct := range types {
			ptrs[i] = reflect.New(ct.ScanType()).Interface()
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("clickhouse: %w", err)
		}
		row := make(eval.Row, len(ptrs))
		for i, p := range ptrs {
			row[i] = value(reflect.ValueOf(p).Elem())
		}
		res.Rows = append(res.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("clickhouse: %w", err)
	}
	return res, nil
}

// value converts a scanned value: pointers (Nullable) are followed, slices
// (Array) become multivalues.
func value(v reflect.Value) eval.Value {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return eval.Null()
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		return eval.Str(v.String())
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) {
			return eval.Null()
		}
		return eval.Num(f)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return eval.Num(float64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return eval.Num(float64(v.Uint()))
	case reflect.Bool:
		if v.Bool() {
			return eval.Str("true")
		}
		return eval.Str("false")
	case reflect.Slice, reflect.Array:
		var out []string
		for i := range v.Len() {
			out = append(out, value(v.Index(i)).Strings()...)
		}
		if len(out) == 0 {
			return eval.Null()
		}
		return eval.Multi(out...)
	}
	return eval.Str(fmt.Sprint(v.Interface()))
}
