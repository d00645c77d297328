package serve

import (
	"bytes"

	"github.com/spelunk-dev/spelunk/eval"
)

// rowJSON is a result row as a JSON object with keys in column order, as
// `spelunk run --format json` prints it: values as strings, multivalue
// fields as arrays of strings, null fields omitted.
type rowJSON struct {
	fields []string
	row    eval.Row
}

// MarshalJSON implements json.Marshaler.
func (r rowJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	for i, f := range r.fields {
		if i >= len(r.row) || r.row[i].IsNull() {
			continue
		}
		v := r.row[i]
		if !first {
			b.WriteByte(',')
		}
		first = false
		k, err := marshal(f)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		var val []byte
		if v.IsMulti() {
			val, err = marshal(v.Strings())
		} else {
			val, err = marshal(v.String())
		}
		if err != nil {
			return nil, err
		}
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
