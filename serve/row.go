package serve

import "github.com/spelunk-dev/spelunk/eval"

// rowJSON is a result row as a JSON object with keys in column order, as
// `spelunk run --format json` prints it: values as strings, multivalue
// fields as arrays of strings, null fields omitted.
type rowJSON struct {
	fields []string
	row    eval.Row
}

// MarshalJSON implements json.Marshaler (eval.Row.JSON).
func (r rowJSON) MarshalJSON() ([]byte, error) { return r.row.JSON(r.fields) }
