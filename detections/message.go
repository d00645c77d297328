package detections

import "strings"

// RenderMessage replaces each $field$ token of a risk message with the
// field's value in a result row, as Splunk ES does when it writes the risk
// event. A token naming a field the row lacks is left as written. "$$" is
// not special; a lone "$" stays. A nil field is a row without fields.
func RenderMessage(msg string, field func(name string) (string, bool)) string {
	if field == nil {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '$')
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		j := strings.IndexByte(msg[i+1:], '$')
		if j < 0 {
			b.WriteString(msg)
			return b.String()
		}
		name := msg[i+1 : i+1+j]
		b.WriteString(msg[:i])
		if v, ok := field(name); ok && name != "" {
			b.WriteString(v)
			msg = msg[i+j+2:]
			continue
		}
		b.WriteByte('$')
		msg = msg[i+1:]
	}
}
