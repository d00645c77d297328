package chserver

import (
	"context"
	"fmt"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// LoadEvents creates the raw-event table (sqlgen.EventsTable) from evs,
// in the order a search reads them (newest first): _time
// (Nullable(Float64)), _seq (Int64), _raw (Nullable(String)), and every
// other field of the event as the interpreter's event records hold it, in
// two arrays (18.16 has no Map type): _fields_keys (Array(String)), the
// field names in the order they first appear, and _fields_values
// (Array(Array(String))), each name's values at the same position.
func (e *Engine) LoadEvents(ctx context.Context, evs *query.Events) error {
	if err := e.ready(); err != nil {
		return err
	}
	table := sqlgen.EventsTable
	defs := []string{`"_time" Nullable(Float64)`, `"_seq" Int64`, `"_raw" Nullable(String)`,
		`"_fields_keys" Array(String)`, `"_fields_values" Array(Array(String))`}
	if err := e.table(ctx, table, defs); err != nil {
		return err
	}
	if evs == nil || evs.Len() == 0 {
		return nil
	}
	batch, err := e.conn.PrepareBatch(ctx, insert(table, []string{"_time", "_seq", "_raw", "_fields_keys", "_fields_values"}))
	if err != nil {
		return fmt.Errorf("clickhouse: loading events: %w", err)
	}
	var rec eval.Record
	for i := range evs.Len() {
		rec = evs.AppendRecord(rec[:0], i)
		var t *float64
		var raw *string
		keys := []string{}
		vals := [][]string{}
		at := map[string]int{}
		for _, f := range rec {
			switch f.Name {
			case "_time":
				if v, ok := f.Value.Float(); ok {
					t = &v
				}
			case "_raw":
				s := f.Value.String()
				raw = &s
			case "":
				// no search can name it
			default:
				j, ok := at[f.Name]
				if !ok {
					j = len(keys)
					at[f.Name] = j
					keys = append(keys, f.Name)
					vals = append(vals, []string{})
				}
				vals[j] = append(vals[j], f.Value.Strings()...)
			}
		}
		if err := batch.Append(t, int64(i), raw, keys, vals); err != nil {
			_ = batch.Abort()
			return fmt.Errorf("clickhouse: loading events: %w", err)
		}
	}
	if err := batch.Send(); err != nil {
		return fmt.Errorf("clickhouse: loading events: %w", err)
	}
	return nil
}
