package eval

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/parser"
)

// rec is a test row: field → value; a missing key is a null field.
type rec map[string]any

// toValue turns a test literal into a Value: string → Str, number → Num,
// []string → Multi, nil → Null.
func toValue(x any) Value {
	switch x := x.(type) {
	case nil:
		return Null()
	case string:
		return Str(x)
	case int:
		return Num(float64(x))
	case float64:
		return Num(x)
	case []string:
		return Multi(x...)
	case Value:
		return x
	}
	panic("toValue: unsupported type")
}

// rowsOf builds a rowSet with the given field order from records.
func rowsOf(fields []string, recs ...rec) *rowSet {
	rs := &rowSet{fields: fields}
	for _, r := range recs {
		row := make(Row, len(fields))
		for i, f := range fields {
			if v, ok := r[f]; ok {
				row[i] = toValue(v)
			}
		}
		rs.rows = append(rs.rows, row)
	}
	return rs
}

// records turns a result into maps without null fields, for comparison.
func records(fields []string, rows []Row) []map[string]Value {
	out := []map[string]Value{}
	for _, r := range rows {
		m := map[string]Value{}
		for i, f := range fields {
			if i < len(r) && !r[i].IsNull() {
				m[f] = r[i]
			}
		}
		out = append(out, m)
	}
	return out
}

func recordsOf(recs ...rec) []map[string]Value {
	out := []map[string]Value{}
	for _, r := range recs {
		m := map[string]Value{}
		for k, v := range r {
			m[k] = toValue(v)
		}
		out = append(out, m)
	}
	return out
}

// runPipe parses query (a pipeline of non-generating commands, e.g.
// "search x=1 | rename a AS b") and runs it over in, as if a generating
// command had produced in.
func runPipe(t *testing.T, query string, in *rowSet) (*rowSet, error) {
	t.Helper()
	q, err := parser.Parse("| " + query)
	if err != nil {
		t.Fatalf("parse %q: %v", query, err)
	}
	opts := Options{Location: time.UTC, MaxRows: DefaultMaxRows}
	var e errs
	var stages []stage
	for _, c := range q.Commands {
		if st := compileCommand(c, false, &opts, &e); st != nil {
			stages = append(stages, st)
		}
	}
	if err := e.err(); err != nil {
		return nil, err
	}
	env := &runEnv{loc: time.UTC, maxRows: DefaultMaxRows}
	cur := in
	for _, st := range stages {
		cur, _, err = st.run(context.Background(), env, cur)
		if err != nil {
			return nil, err
		}
	}
	return cur, nil
}

// event is one table row for buildTable: _time plus string fields.
type event struct {
	time   float64
	fields map[string]string
}

func ev(t float64, kv ...string) event {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return event{time: t, fields: m}
}

func buildTable(dataset string, events ...event) *cim.Table {
	b := cim.NewBuilder(dataset)
	for _, e := range events {
		for k, v := range e.fields {
			b.Set(k, v)
		}
		b.EndRow(e.time)
	}
	return b.Table()
}

// runQuery parses, compiles and runs a full query over tables.
func runQuery(t *testing.T, query string, tables cim.Tables) (*Result, error) {
	t.Helper()
	q, err := parser.Parse(query)
	if err != nil {
		t.Fatalf("parse %q: %v", query, err)
	}
	p, err := Compile(q, Options{Now: time.Unix(1700000000, 0)})
	if err != nil {
		return nil, err
	}
	return p.Exec(context.Background(), Input{Tables: tables})
}

func diff(want, got any) string { return cmp.Diff(want, got) }

// compileRun parses and compiles query with opts (the clock at
// 1700000000) and runs it over recs.
func compileRun(t *testing.T, query string, opts Options, recs []Record) (*Result, error) {
	t.Helper()
	q, err := parser.Parse(query)
	if err != nil {
		t.Fatalf("parse %q: %v", query, err)
	}
	opts.Now = time.Unix(1700000000, 0)
	p, err := Compile(q, opts)
	if err != nil {
		return nil, err
	}
	return p.Exec(context.Background(), Input{Records: recs})
}

// compileWith parses query and compiles it with opts (the clock at
// 1700000000 unless opts sets one).
func compileWith(t *testing.T, query string, opts Options) (*Program, error) {
	t.Helper()
	q, err := parser.Parse(query)
	if err != nil {
		t.Fatalf("parse %q: %v", query, err)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Unix(1700000000, 0)
	}
	return Compile(q, opts)
}

// parseHook is Options.ParseSearch without macros.
func parseHook(text string) (*ast.Query, error) { return parser.Parse(text) }

// column returns the values of field in res, row by row.
func column(res *Result, field string) []string {
	c := -1
	for i, f := range res.Fields {
		if f == field {
			c = i
		}
	}
	var out []string
	for _, r := range res.Rows {
		out = append(out, get(r, c).String())
	}
	return out
}

// confLookups is a LookupResolver over named tables.
type confLookups map[string]*LookupTable

// Lookup implements LookupResolver.
func (m confLookups) Lookup(name string) (*LookupTable, error) {
	if t, ok := m[name]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("unknown lookup %s: %w", name, ErrLookupNotFound)
}
