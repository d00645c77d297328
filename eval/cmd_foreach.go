package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// foreachStage is `foreach [mode=multifield] fields... [subpipeline]`
// [D S-foreach]: for each field matching the (wildcard) field list it runs
// the template subpipeline with <<FIELD>> replaced by the field's name,
// <<MATCHSTR>> by what the wildcards matched and <<MATCHSEG1>>..3 by what
// each wildcard matched; each run reads the previous one's output.
//
//   - the matching fields are the columns the results have when foreach
//     runs (a wildcard list matches at run time), in column order; fields
//     the template creates are not visited [I];
//   - a field matching several patterns is visited once, for the first;
//   - a pattern not starting with '_' does not match internal fields
//     (_time, _raw), as other wildcard field lists [I]; write `_*` for them;
//   - <<MATCHSTR>> of a pattern with several wildcards is what they matched,
//     concatenated [I]; without wildcards it is empty;
//   - the template is instantiated with ast.ForeachCommand.Instantiate and
//     compiled per field at run time (a substituted name is one token, as
//     if the template had quoted it).
//
// mode=multivalue/json_array/auto (<<ITEM>>) and the fieldstr=, matchstr=,
// matchseg1..3= token renames are not supported yet.
type foreachStage struct {
	loc   ast.Span
	cmd   *ast.ForeachCommand
	globs []glob.Glob
	opts  *Options
	probe *Program // the template compiled once with its placeholders
}

func compileForeach(c *ast.ForeachCommand, opts *Options, e *errs) stage {
	nerr := len(e.list)
	for _, o := range c.Options {
		switch k := strings.ToLower(o.Key); k {
		case "mode":
			if m := strings.ToLower(o.Value.Value()); m != "multifield" {
				e.unsupported(o.Loc, "foreach mode=%s is not supported yet", o.Value.Value())
			}
		case "fieldstr", "matchstr", "matchseg1", "matchseg2", "matchseg3":
			e.unsupported(o.Loc, "foreach %s= is not supported yet", o.Key)
		default:
			e.addf(o.Loc, "unknown foreach option %q", o.Key)
		}
	}
	if len(c.Fields) == 0 {
		e.addf(c.Loc, "foreach needs at least one field")
	}
	st := &foreachStage{loc: c.Loc, cmd: c, opts: opts}
	for _, f := range c.Fields {
		st.globs = append(st.globs, glob.New(f))
	}
	if c.Body == nil {
		e.addf(c.Loc, "foreach needs a subpipeline")
	} else {
		st.probe = compileSub(c.Body, c.Loc, opts, e)
	}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *foreachStage) name() string      { return "foreach" }
func (s *foreachStage) span() ast.Span    { return s.loc }
func (s *foreachStage) readsEvents() bool { return s.probe.nestedReadsEvents() }

func (s *foreachStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	nIn := len(in.rows)
	fields := append([]string(nil), in.fields...)
	seen := map[string]bool{}
	cur := in
	for _, f := range fields {
		if seen[f] {
			continue
		}
		for _, g := range s.globs {
			if isInternal(f) && !strings.HasPrefix(g.String(), "_") {
				continue
			}
			caps, ok := g.Capture(f)
			if !ok {
				continue
			}
			seen[f] = true
			vals := map[string]string{
				ast.ForeachField:    f,
				ast.ForeachMatchstr: strings.Join(caps, ""),
			}
			segs := []string{ast.ForeachMatchseg1, ast.ForeachMatchseg2, ast.ForeachMatchseg3}
			for i, seg := range segs {
				if i < len(caps) {
					vals[seg] = caps[i]
				} else {
					vals[seg] = ""
				}
			}
			q := s.cmd.Instantiate(vals)
			var e errs
			p := compileSub(q, s.loc, s.opts, &e)
			if err := e.err(); err != nil {
				return nil, 0, err
			}
			out, err := runSub(ctx, env, p, cur, 0)
			if err != nil {
				return nil, 0, err
			}
			cur = out
			break
		}
	}
	return cur, nIn, nil
}
