package eval

import (
	"bytes"
	"encoding/json"
)

// JSON renders the row as a JSON object with keys in column order (fields
// are the result's columns), as `spelunk run --format json` prints it:
// values as strings, multivalue fields as arrays of strings, null fields
// left out; <, > and & are not escaped (command lines hold them).
func (r Row) JSON(fields []string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	first := true
	for i, f := range fields {
		if i >= len(r) || r[i].IsNull() {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		if err := enc.Encode(f); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		b.WriteByte(':')
		var err error
		if r[i].IsMulti() {
			err = enc.Encode(r[i].Strings())
		} else {
			err = enc.Encode(r[i].String())
		}
		if err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
