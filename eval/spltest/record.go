package spltest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
)

// parseJSONRecord reads one JSON object line as an event Record (keys in
// order; a string or a number is a field holding its text, _time a
// number; an array a multivalue; null no field) and as an expected Row.
func parseJSONRecord(s string) (eval.Record, Row, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	m := map[string]any{}
	if err := dec.Decode(&m); err != nil {
		return nil, nil, err
	}
	// key order: read the tokens again
	dec = json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	var rec eval.Record
	row := Row{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, err
		}
		switch v := m[key].(type) {
		case string:
			rec = append(rec, eval.Field{Name: key, Value: eval.Str(v)})
			row[key] = v
		case json.Number:
			val := eval.Str(v.String())
			if key == "_time" {
				f, err := strconv.ParseFloat(v.String(), 64)
				if err != nil {
					return nil, nil, fmt.Errorf("bad number %s", v)
				}
				val = eval.Num(f)
			}
			rec = append(rec, eval.Field{Name: key, Value: val})
			row[key] = v.String()
		case []any:
			vals := make([]string, 0, len(v))
			for _, x := range v {
				vals = append(vals, fmt.Sprint(x))
			}
			rec = append(rec, eval.Field{Name: key, Value: eval.Multi(vals...)})
			row[key] = vals
		case nil:
		default:
			return nil, nil, fmt.Errorf("field %s: unsupported JSON value %v", key, v)
		}
	}
	return rec, row, nil
}

// tableOf builds a data-model table from events: _time as the time, every
// other field a column.
func tableOf(dataset string, events []eval.Record) *cim.Table {
	b := cim.NewBuilder(dataset)
	for _, e := range events {
		t := 0.0
		for _, f := range e {
			if f.Name == "_time" {
				t, _ = f.Value.Float()
				continue
			}
			b.Set(f.Name, f.Value.String())
		}
		b.EndRow(t)
	}
	return b.Table()
}
