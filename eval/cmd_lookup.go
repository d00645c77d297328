package eval

import (
	"context"
	"errors"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// lookupStage is `lookup [local=] [update=] table field [AS f], ...
// [OUTPUT|OUTPUTNEW out [AS f], ...]` [D S-lookup, S-transforms]:
//
//   - each input pair names a table column and the event field matched
//     against it; a row matches when every input matches (exact, or by the
//     column's WILDCARD/CIDR match_type; case-insensitively when the
//     definition says case_sensitive_match=false);
//   - at most max_matches rows (default 1000) match, in file order; the
//     output fields take the values of every matching row (a multivalue
//     when several rows give values), empty cells giving nothing;
//   - when fewer than min_matches rows match, default_match supplies the
//     missing value (security_content's `default_match: false`,
//     `min_matches: 1` makes unmatched events read "false");
//   - OUTPUT overwrites the output fields, also with null when nothing
//     matched [I: Splunk's documented overwrite; a non-matching event loses
//     the old value]; OUTPUTNEW writes only fields that are null [D: "the
//     lookup is not performed for events in which the output fields already
//     exist", applied per field];
//   - no output clause: every column that is not an input is output, as
//     OUTPUT [D];
//   - a multivalue input field is looked up value by value, and the
//     outputs collect every value's matches; with several multivalue inputs
//     every combination is tried [I];
//   - an event lacking an input field is left unchanged [U];
//   - local= and update= are accepted and change nothing locally [D: they
//     concern distributed and real-time searches].
//
// The table is resolved when the search runs (Options.Lookups), so
// compiling needs no lookup files; a resolver that implements
// LookupChecker is also asked at compile time.
type lookupStage struct {
	loc      ast.Span
	table    string
	resolver LookupResolver
	inputs   []ast.LookupField
	outputs  []ast.LookupField // empty: every non-input column
	outNew   bool
}

func compileLookup(c *ast.LookupCommand, opts *Options, e *errs) stage {
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "local", "update":
			if _, ok := ParseBool(o.Value.Value()); !ok {
				e.addf(o.Loc, "lookup %s=%s: not a boolean", o.Key, o.Value.Value())
			}
		default:
			e.unsupported(o.Loc, "lookup option %s is not supported yet", o.Key)
		}
	}
	if len(c.Fields) == 0 {
		e.addf(c.Loc, "lookup %s needs at least one input field", c.Table)
		return nil
	}
	checkLookup(c.Loc, c.Table, opts.Lookups, e)
	return &lookupStage{loc: c.Loc, table: c.Table, resolver: opts.Lookups,
		inputs: c.Fields, outputs: c.Outputs, outNew: c.Mode == ast.LookupOutputNew}
}

// checkLookup asks a LookupChecker about name at compile time.
func checkLookup(span ast.Span, name string, r LookupResolver, e *errs) {
	if ch, ok := r.(LookupChecker); ok {
		if err := ch.CheckLookup(name); err != nil {
			e.add(lookupErr(span, name, err))
		}
	}
}

// resolveLookup returns the table or a positioned error.
func resolveLookup(span ast.Span, name string, r LookupResolver) (*LookupTable, error) {
	if r == nil {
		return nil, &Error{Span: span, Code: diag.CodeRefused,
			Msg: "lookup " + name + ": no lookups were given: use --content DIR (its lookups/ folder) or --lookups DIR with " + name + ".csv"}
	}
	t, err := r.Lookup(name)
	if err != nil {
		return nil, lookupErr(span, name, err)
	}
	return t, nil
}

// lookupErr turns a resolver error into an *Error: refused for lookups
// that cannot be read locally — KV-store collections, models, and lookups
// the content does not define, which a Splunk app or the user's own
// environment provides (ES's asset_lookup_by_str, URL Toolbox's
// ut_shannon_lookup): spelunk cannot tell those from a misspelt name, so
// the message says how to supply the file — invalid otherwise.
func lookupErr(span ast.Span, name string, err error) *Error {
	code := diag.CodeCompileError
	if errors.Is(err, ErrLookupUnavailable) || errors.Is(err, ErrLookupNotFound) {
		code = diag.CodeRefused
	}
	msg := err.Error()
	if !strings.Contains(msg, name) {
		msg = "lookup " + name + ": " + msg
	}
	return &Error{Span: span, Code: code, Msg: msg}
}

func (s *lookupStage) name() string   { return "lookup" }
func (s *lookupStage) span() ast.Span { return s.loc }

func (s *lookupStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	t, err := resolveLookup(s.loc, s.table, s.resolver)
	if err != nil {
		return nil, 0, err
	}
	tcols := make([]int, len(s.inputs))
	isInput := map[int]bool{}
	for i, f := range s.inputs {
		c := t.column(f.Field)
		if c < 0 {
			return nil, 0, errAt(f.Loc, "lookup %s has no field %q (its fields: %s)", s.table, f.Field, strings.Join(t.cols, ", "))
		}
		tcols[i], isInput[c] = c, true
	}
	outs := s.outputs
	if len(outs) == 0 {
		for c, name := range t.cols {
			if !isInput[c] {
				outs = append(outs, ast.LookupField{Field: name})
			}
		}
	}
	ocols := make([]int, len(outs))
	names := make([]string, len(outs))
	for i, f := range outs {
		c := t.column(f.Field)
		if c < 0 {
			return nil, 0, errAt(f.Loc, "lookup %s has no field %q (its fields: %s)", s.table, f.Field, strings.Join(t.cols, ", "))
		}
		ocols[i], names[i] = c, f.Name()
	}
	out := &rowSet{fields: in.fields, rows: in.rows}
	ecols := make([]int, len(s.inputs))
	for i, f := range s.inputs {
		ecols[i] = out.col(f.Name())
	}
	dst := out.addFields(names...)
	vals := make([][]string, len(s.inputs))
	for n, row := range out.rows {
		if n&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		missing := false
		for i, c := range ecols {
			vals[i] = get(row, c).Strings()
			if len(vals[i]) == 0 {
				missing = true
			}
		}
		if missing {
			continue
		}
		if s.outNew && allSet(row, dst) {
			continue
		}
		matched := matchCombos(t, tcols, vals)
		for i, c := range ocols {
			var vs []string
			for _, r := range matched {
				if v, ok := t.cell(r, c); ok {
					vs = append(vs, v)
				}
			}
			if len(matched) < t.def.MinMatches && t.def.DefaultMatch != "" {
				for k := len(matched); k < t.def.MinMatches; k++ {
					vs = append(vs, t.def.DefaultMatch)
				}
			}
			if s.outNew && !row[dst[i]].IsNull() {
				continue
			}
			row[dst[i]] = Multi(vs...)
		}
	}
	return out, len(in.rows), nil
}

func allSet(row Row, cols []int) bool {
	for _, c := range cols {
		if row[c].IsNull() {
			return false
		}
	}
	return true
}

// maxLookupCombos bounds the combinations of multivalue inputs tried for
// one event.
const maxLookupCombos = 10000

// matchCombos looks up every combination of the input values and returns
// the matching rows, each once, in the order found.
func matchCombos(t *LookupTable, cols []int, vals [][]string) []int32 {
	if len(vals) == 1 && len(vals[0]) == 1 {
		return t.match(cols, vals[0], t.def.MaxMatches)
	}
	var out []int32
	seen := map[int32]bool{}
	cur := make([]string, len(vals))
	n := 0
	var walk func(i int)
	walk = func(i int) {
		if n >= maxLookupCombos {
			return
		}
		if i == len(vals) {
			n++
			for _, r := range t.match(cols, cur, t.def.MaxMatches) {
				if !seen[r] {
					seen[r] = true
					out = append(out, r)
				}
			}
			return
		}
		for _, v := range vals[i] {
			cur[i] = v
			walk(i + 1)
		}
	}
	walk(0)
	return out
}
