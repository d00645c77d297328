package eval

import (
	"context"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/pcre"
)

// rexStage is `rex [field=f] [max_match=N] [offset_field=o] "regex"`
// [D S-rex]: the PCRE regex is matched, unanchored, against f (default
// _raw) and each named group becomes a field.
//
//   - Named groups may be written (?<n>...), (?P<n>...) or (?'n'...);
//     unnamed groups extract nothing. A regex without named groups is an
//     error, as in Splunk ("does not extract anything").
//   - max_match (default 1) is how many matches are used; 0 means no
//     limit. With more than one match a group's values across the matches
//     form a multivalue, in match order [D].
//   - A row whose field is null or does not match is left unchanged; a
//     match overwrites the groups that took part in it (a group that did
//     not take part leaves its field as it was) [I].
//   - A multivalue field is matched value by value, the matches counting
//     together towards max_match [U].
//   - Group pairs _KEY_<n>/_VAL_<n> make a field named by the _KEY_ text
//     [D S-transforms: FORMAT-less extraction of dynamic keys].
//   - offset_field=o stores where each group matched:
//     "name=start-end&name2=start-end", byte offsets, end inclusive [U:
//     Splunk's offset encoding is undocumented beyond "offsets"].
//
// The regex is compiled once at compile time with the shared timeout.
// mode=sed is sedStage.
type rexStage struct {
	loc      ast.Span
	field    string
	re       *pcre.Regexp
	names    []string // by group number; "" = not extracted
	fields   []string // distinct output fields, in group order
	keyVal   map[string][2]int
	maxMatch int
	offField string
}

func compileRex(c *ast.RexCommand, opts *Options, e *errs) stage {
	field, maxMatch, offField, sed := c.Field(), 1, "", false
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "field":
		case "max_match":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				e.addf(o.Loc, "rex max_match=%s: not a count", v)
				return nil
			}
			maxMatch = n
		case "offset_field":
			offField = v
		case "mode":
			if !strings.EqualFold(v, "sed") {
				e.addf(o.Loc, "rex mode=%s: the only mode is sed", v)
				return nil
			}
			sed = true
		default:
			e.addf(o.Loc, "unknown rex option %q (known: field, max_match, offset_field, mode)", o.Key)
			return nil
		}
	}
	if sed {
		return compileSed(c, field, opts, e)
	}
	re, err := pcre.Compile(c.Regex.Value(), opts.RegexTimeout)
	if err != nil {
		e.addf(c.Loc, "rex: %v", err)
		return nil
	}
	st := &rexStage{loc: c.Loc, field: field, re: re, maxMatch: maxMatch, offField: offField, names: re.GroupNames()}
	keys, vals := map[string]int{}, map[string]int{}
	seen := map[string]bool{}
	for g, n := range st.names {
		switch {
		case n == "":
		case strings.HasPrefix(n, "_KEY_"):
			keys[strings.TrimPrefix(n, "_KEY_")] = g
			st.names[g] = ""
		case strings.HasPrefix(n, "_VAL_"):
			vals[strings.TrimPrefix(n, "_VAL_")] = g
			st.names[g] = ""
		case !seen[n]:
			seen[n] = true
			st.fields = append(st.fields, n)
		}
	}
	for k, kg := range keys {
		if vg, ok := vals[k]; ok {
			if st.keyVal == nil {
				st.keyVal = map[string][2]int{}
			}
			st.keyVal[k] = [2]int{kg, vg}
		}
	}
	if len(st.fields) == 0 && len(st.keyVal) == 0 {
		e.addf(c.Loc, "rex: the regex %q does not extract anything: it needs at least one named group (?<name>...)", c.Regex.Value())
		return nil
	}
	return st
}

func (s *rexStage) name() string   { return "rex" }
func (s *rexStage) span() ast.Span { return s.loc }

func (s *rexStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	g := &cellGuard{span: s.loc, name: "rex", env: env}
	out := &rowSet{fields: in.fields, rows: in.rows}
	src := out.col(s.field)
	if src < 0 {
		return out, len(in.rows), nil
	}
	var offCol int
	if s.offField != "" {
		offCol = out.addFields(s.offField)[0]
	}
	cols := out.addFields(s.fields...)
	colOf := make(map[string]int, len(s.fields))
	for i, f := range s.fields {
		colOf[f] = cols[i]
	}
	vals := make(map[string][]string, len(s.fields))
	for n, row := range out.rows {
		if n&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		v := row[src]
		if v.IsNull() {
			continue
		}
		clear(vals)
		var order []string // dynamic _KEY_ fields, in order found
		var offs []string
		matches := 0
		for _, subj := range v.Strings() {
			limit := 0
			if s.maxMatch > 0 {
				limit = s.maxMatch - matches
				if limit <= 0 {
					break
				}
			}
			ms, err := s.re.FindAllIndex(subj, limit)
			if err != nil {
				return nil, 0, errAt(s.loc, "rex: %v", err)
			}
			matches += len(ms)
			for _, m := range ms {
				for g, name := range s.names {
					if name == "" || m[2*g] < 0 {
						continue
					}
					vals[name] = append(vals[name], subj[m[2*g]:m[2*g+1]])
					if s.offField != "" {
						offs = append(offs, name+"="+strconv.Itoa(m[2*g])+"-"+strconv.Itoa(m[2*g+1]-1))
					}
				}
				for _, kv := range s.keyVal {
					kg, vg := kv[0], kv[1]
					if m[2*kg] < 0 || m[2*vg] < 0 || m[2*kg] == m[2*kg+1] {
						continue
					}
					key := subj[m[2*kg]:m[2*kg+1]]
					if _, ok := vals[key]; !ok {
						order = append(order, key)
					}
					vals[key] = append(vals[key], subj[m[2*vg]:m[2*vg+1]])
				}
			}
		}
		if matches == 0 {
			continue
		}
		for _, key := range order {
			if _, ok := colOf[key]; !ok {
				cols, ok := g.add(out, key)
				if !ok {
					return nil, 0, g.err
				}
				colOf[key] = cols[0]
				row = out.rows[n]
			}
		}
		for name, vs := range vals {
			row[colOf[name]] = Multi(vs...)
		}
		if s.offField != "" {
			row[offCol] = Str(strings.Join(offs, "&"))
		}
	}
	return out, len(in.rows), nil
}
