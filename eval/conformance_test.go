package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/parser"
)

// The conformance suite: testdata/conformance/*.spltest, format in
// testdata/conformance/README.md.

// confCase is one case of a conformance file.
type confCase struct {
	file, name string
	line       int
	events     []Record
	query      string
	mode       string // "ordered", "unordered", "error"
	errWant    string // error: "code: substring"
	fields     []string
	rows       []map[string]any
	dataset    string // run with Run over a table of events named so
	lookups    confLookups
}

func TestConformance(t *testing.T) {
	files, err := filepath.Glob("testdata/conformance/*.spltest")
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance files: %v", err)
	}
	total := 0
	for _, f := range files {
		cases, err := readConformance(f)
		if err != nil {
			t.Fatal(err)
		}
		total += len(cases)
		for _, c := range cases {
			t.Run(strings.TrimSuffix(filepath.Base(f), ".spltest")+"/"+c.name, func(t *testing.T) { c.run(t) })
		}
	}
	t.Logf("%d conformance cases in %d files", total, len(files))
}

func (c *confCase) run(t *testing.T) {
	t.Helper()
	where := fmt.Sprintf("%s:%d", c.file, c.line)
	q, err := parser.Parse(c.query)
	if err == nil {
		var p *Program
		p, err = Compile(q, Options{Now: time.Unix(1700000000, 0), Location: time.UTC, Lookups: c.lookups.resolver()})
		if err == nil {
			var res *Result
			if c.dataset != "" {
				res, err = p.Run(context.Background(), cim.Tables{c.dataset: tableOf(c.dataset, c.events)})
			} else {
				res, err = p.RunRecords(context.Background(), c.events)
			}
			if err == nil {
				if c.mode == "error" {
					t.Fatalf("%s: want error %q, got %d rows", where, c.errWant, len(res.Rows))
				}
				c.check(t, where, res)
				return
			}
		}
	}
	if c.mode != "error" {
		t.Fatalf("%s: %s: %v", where, c.query, err)
	}
	code, sub, _ := strings.Cut(c.errWant, ":")
	var ee *Error
	var el ErrorList
	switch {
	case errors.As(err, &ee):
	case errors.As(err, &el) && len(el) > 0:
		ee = el[0]
	}
	gotCode := "parse"
	if ee != nil {
		gotCode = string(ee.Class()) // the class of the code: "unsupported", "invalid", "refused"
	}
	if strings.TrimSpace(code) != gotCode || !strings.Contains(err.Error(), strings.TrimSpace(sub)) {
		t.Fatalf("%s: want error %q, got [%s] %v", where, c.errWant, gotCode, err)
	}
}

// render turns a result value into what expectations hold: a string, or
// a list of strings for a multivalue.
func render(v Value) any {
	if v.IsMulti() {
		return v.Strings()
	}
	return v.String()
}

func (c *confCase) check(t *testing.T, where string, res *Result) {
	t.Helper()
	if c.fields != nil && !slices.Equal(c.fields, res.Fields) {
		t.Errorf("%s: fields = %q, want %q", where, res.Fields, c.fields)
	}
	var got []string
	for _, rec := range res.Records() {
		m := map[string]any{}
		for _, f := range rec {
			m[f.Name] = render(f.Value)
		}
		b, _ := json.Marshal(m)
		got = append(got, string(b))
	}
	var want []string
	for _, r := range c.rows {
		m := map[string]any{}
		for k, v := range r {
			switch v := v.(type) {
			case json.Number:
				m[k] = v.String()
			case []any:
				var s []string
				for _, x := range v {
					s = append(s, fmt.Sprint(x))
				}
				m[k] = s
			case nil:
				continue
			default:
				m[k] = fmt.Sprint(v)
			}
		}
		b, _ := json.Marshal(m)
		want = append(want, string(b))
	}
	if c.mode == "unordered" {
		slices.Sort(got)
		slices.Sort(want)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: %s\n got:\n  %s\nwant:\n  %s", where, c.query, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// readConformance parses one .spltest file.
func readConformance(path string) ([]*confCase, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cases []*confCase
	var events []Record
	var cur *confCase
	dataset := ""
	block := "" // "events", "expect", "lookup", ""
	lookups := confLookups{}
	var pending *pendingLookup
	endLookup := func() error {
		if pending == nil {
			return nil
		}
		t, err := pending.build()
		if err != nil {
			return err
		}
		next := confLookups{}
		for k, v := range lookups {
			next[k] = v
		}
		next[pending.def.Name] = t
		lookups, pending = next, nil
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, args...))
	}
	for sc.Scan() {
		n++
		line := sc.Text()
		trim := strings.TrimSpace(line)
		if trim == "" {
			if err := endLookup(); err != nil {
				return nil, bad("%v", err)
			}
			block = ""
			continue
		}
		if strings.HasPrefix(trim, "#") {
			continue
		}
		if block == "lookup" {
			pending.lines = append(pending.lines, trim)
			continue
		}
		if block != "" && strings.HasPrefix(trim, "{") {
			rec, m, err := parseJSONRecord(trim)
			if err != nil {
				return nil, bad("%v", err)
			}
			if block == "events" {
				events = append(events, rec)
			} else {
				cur.rows = append(cur.rows, m)
			}
			continue
		}
		word, rest, _ := strings.Cut(trim, " ")
		rest = strings.TrimSpace(rest)
		switch word {
		case "events":
			events, block, dataset = nil, "events", ""
		case "dataset":
			dataset = rest
		case "lookup":
			if pending, err = parseLookupHeader(rest); err != nil {
				return nil, bad("%v", err)
			}
			block = "lookup"
		case "case":
			cur = &confCase{file: filepath.Base(path), name: strings.ReplaceAll(rest, " ", "_"), line: n, events: events, mode: "ordered", dataset: dataset, lookups: lookups}
			cases = append(cases, cur)
			block = ""
		case "query":
			if cur == nil {
				return nil, bad("query before case")
			}
			cur.query = rest
		case "fields":
			if cur == nil {
				return nil, bad("fields before case")
			}
			cur.fields = strings.Fields(rest)
		case "expect":
			if cur == nil {
				return nil, bad("expect before case")
			}
			switch {
			case rest == "" || rest == "ordered":
				cur.mode = "ordered"
			case rest == "unordered":
				cur.mode = "unordered"
			case strings.HasPrefix(rest, "error "):
				cur.mode, cur.errWant = "error", strings.TrimPrefix(rest, "error ")
			default:
				return nil, bad("unknown expect %q", rest)
			}
			cur.rows = []map[string]any{}
			block = "expect"
		default:
			if block == "" && cur != nil && cur.query != "" && cur.rows == nil {
				cur.query += " " + trim // continuation line of a long query
				continue
			}
			return nil, bad("unexpected line %q", line)
		}
	}
	if err := endLookup(); err != nil {
		return nil, err
	}
	for _, c := range cases {
		if c.query == "" || c.rows == nil {
			return nil, fmt.Errorf("%s:%d: case %s needs query and expect", path, c.line, c.name)
		}
	}
	return cases, sc.Err()
}

// parseJSONRecord reads one JSON object as a Record (keys in order;
// strings stay strings, numbers become numbers keeping their text, arrays
// multivalues, null absent) and as a map for expectations.
func parseJSONRecord(s string) (Record, map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	m := map[string]any{}
	if err := dec.Decode(&m); err != nil {
		return nil, nil, err
	}
	// key order: scan tokens
	dec = json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var rec Record
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, err
		}
		switch v := m[key].(type) {
		case string:
			rec = append(rec, Field{key, Str(v)})
		case json.Number:
			f, ok := parseNumber(v.String())
			if !ok {
				return nil, nil, fmt.Errorf("bad number %s", v)
			}
			rec = append(rec, Field{key, numText(f, v.String())})
		case []any:
			var vals []string
			for _, x := range v {
				vals = append(vals, fmt.Sprint(x))
			}
			rec = append(rec, Field{key, Multi(vals...)})
		case nil:
		default:
			return nil, nil, fmt.Errorf("field %s: unsupported JSON value %v", key, v)
		}
	}
	return rec, m, nil
}

// tableOf builds a data-model table from events: _time as the time, every
// other field a column.
func tableOf(dataset string, events []Record) *cim.Table {
	b := cim.NewBuilder(dataset)
	for _, e := range events {
		t := 0.0
		for _, f := range e {
			if f.Name == fieldTime {
				t, _ = toNum(f.Value)
				continue
			}
			b.Set(f.Name, f.Value.String())
		}
		b.EndRow(t)
	}
	return b.Table()
}
