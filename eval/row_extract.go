package eval

import "context"

// extractEach is the loop extraction commands share: fn sees each row
// (by index n into out.rows, which may grow columns through out.addFields)
// whose source field has a value; rows without it pass unchanged, and ctx
// is checked every 1024 rows.
func extractEach(ctx context.Context, in *rowSet, field string, fn func(out *rowSet, n int, v Value)) (*rowSet, int, error) {
	out := &rowSet{fields: in.fields, rows: in.rows}
	src := out.col(field)
	if src < 0 {
		return out, len(in.rows), nil
	}
	for n := range out.rows {
		if n&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		if v := out.rows[n][src]; !v.IsNull() {
			fn(out, n, v)
		}
	}
	return out, len(in.rows), nil
}
