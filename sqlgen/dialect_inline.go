package sqlgen

import "strings"

// maxStatement bounds the text of a statement whose stages are written
// inline (ClickHouse): a stage read twice is written twice.
const maxStatement = 8 << 20

// statement joins the stages (each "sN AS (\n  body\n)") and the final
// SELECT reading them into one statement. DuckDB reads the stages as
// common table expressions. ClickHouse gets each stage written as a
// subquery where it is read, and the conditions TRUE and FALSE as 1 and
// 0: servers before 20.x have neither WITH name AS (subquery) nor the
// literals, and every server reads the result the same way. ok is false
// when the inline statement would exceed maxStatement.
func (d Dialect) statement(ctes []string, final string) (text string, ok bool) {
	if d != ClickHouse {
		return "WITH " + strings.Join(ctes, ",\n") + "\n" + final, true
	}
	bodies := map[string]string{}
	for _, c := range ctes {
		name, rest, _ := strings.Cut(c, " AS (\n  ")
		bodies[name] = strings.TrimSuffix(rest, "\n)")
	}
	in := inliner{bodies: bodies, done: map[string]string{}}
	text = in.rewrite(final)
	return text, !in.tooLong && len(text) <= maxStatement
}

// inliner writes stages inline, each rewritten once.
type inliner struct {
	bodies  map[string]string
	done    map[string]string
	tooLong bool
}

// rewrite replaces, outside string literals and quoted identifiers, each
// stage name by its inlined body in parentheses and TRUE/FALSE by 1/0.
func (in *inliner) rewrite(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(s))
			b.WriteString(s[i:j])
			i = j
		case isWordByte(c):
			j := i
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			w := s[i:j]
			qualified := i > 0 && s[i-1] == '.'
			switch {
			case qualified:
				b.WriteString(w)
			case w == "TRUE":
				b.WriteString("1")
			case w == "FALSE":
				b.WriteString("0")
			default:
				if body, ok := in.bodies[w]; ok {
					b.WriteString("(\n  " + in.stage(w, body) + "\n)")
				} else {
					b.WriteString(w)
				}
			}
			i = j
		default:
			b.WriteByte(c)
			i++
		}
		if b.Len() > maxStatement {
			in.tooLong = true
			return b.String()
		}
	}
	return b.String()
}

func (in *inliner) stage(name, body string) string {
	if t, ok := in.done[name]; ok {
		return t
	}
	t := in.rewrite(body)
	in.done[name] = t
	return t
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// aggregateBody is SELECT exprs[i] AS aliases[i] (aliases already quoted
// where they need it) followed by rest (FROM ..., WHERE, GROUP BY).
// ClickHouse reads a name given in SELECT wherever the name appears in the
// query, a column of the same name included: `max("user") AS "user"`
// would change what WHERE, GROUP BY and the other aggregates read as
// "user". For it the expressions get names of their own in a subquery and
// take theirs outside it.
//
// kinds are the columns' kinds: ClickHouse's counts are UInt64, which has
// no common type with Float64 (a CASE or if mixing a count with a
// number fails), so number columns are made Float64.
func (d Dialect) aggregateBody(exprs, aliases []string, kinds []kind, rest string) string {
	if d != ClickHouse {
		parts := make([]string, len(exprs))
		for i := range exprs {
			parts[i] = exprs[i] + " AS " + aliases[i]
		}
		return "SELECT " + strings.Join(parts, ", ") + rest
	}
	inner := make([]string, len(exprs))
	outer := make([]string, len(exprs))
	for i := range exprs {
		tmp := "__a" + itoa(i)
		inner[i] = exprs[i] + " AS " + tmp
		if kinds[i] == kNum {
			outer[i] = "toFloat64(" + tmp + ") AS " + aliases[i]
		} else {
			outer[i] = tmp + " AS " + aliases[i]
		}
	}
	return "SELECT " + strings.Join(outer, ", ") + " FROM (SELECT " + strings.Join(inner, ", ") + rest + ")"
}

// kinds lists the kinds of cols.
func kinds(cols []column) []kind {
	out := make([]kind, len(cols))
	for i, c := range cols {
		out[i] = c.kind
	}
	return out
}
