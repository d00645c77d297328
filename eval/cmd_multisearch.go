package eval

import (
	"context"
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// multisearchStage is multisearch, union and set, commands that start a
// search with the results of several subsearches:
//
//   - `multisearch [s1] [s2]...` [D S-multisearch: "Run multiple streaming
//     searches at the same time"; at least two subsearches]: the results
//     of all, newest first by _time (results without _time last, each
//     subsearch's order kept among equal times) [I: events are returned
//     newest first]; that the subsearches hold only streaming commands is
//     not checked [U];
//   - `union [maxout=N] [s1] [s2]...` [D S-union: "Merges the results
//     from two or more datasets into one dataset"]: the results of each
//     subsearch in turn, as append gives them [U: Splunk interleaves
//     streaming datasets by time]; maxout (default 50,000) bounds each
//     subsearch [D]; maxtime= and timeout= change nothing;
//   - `set (union|diff|intersect) [s1] [s2]` [D S-set: "Performs set
//     operations (union, diff, intersect) on subsearches"; diff returns
//     the results in one but not both]: two results are the same when
//     they hold the same fields with the same values [U: internal fields
//     such as _time count]; union keeps the first of each, s1's then s2's;
//     diff the results of either that the other lacks, s1's then s2's;
//     intersect s1's results that s2 has, each once.
type multisearchStage struct {
	loc    ast.Span
	cmd    string
	op     string
	maxout int
	subs   []*Program
}

func compileMultisearch(c *ast.MultisearchCommand, opts *Options, e *errs) stage {
	st := &multisearchStage{loc: c.Loc, cmd: c.Name, op: c.Op, maxout: appendMaxout}
	nerr := len(e.list)
	for _, o := range c.Options {
		switch k := strings.ToLower(o.Key); {
		case c.Name == "union" && k == "maxout":
			if n, ok := intOption(o, c.Name, e); ok {
				st.maxout = n
			}
		case c.Name == "union" && (k == "maxtime" || k == "timeout"):
			intOption(o, c.Name, e)
		default:
			e.addf(o.Loc, "unknown %s option %q", c.Name, o.Key)
		}
	}
	switch {
	case c.Name == "set" && len(c.Subsearches) != 2:
		e.addf(c.Loc, "set takes two subsearches, not %d", len(c.Subsearches))
	case c.Name != "set" && len(c.Subsearches) < 2:
		e.addf(c.Loc, "%s needs at least two subsearches", c.Name)
	}
	for _, q := range c.Subsearches {
		st.subs = append(st.subs, compileSub(q, c.Loc, opts, e))
	}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *multisearchStage) name() string   { return s.cmd }
func (s *multisearchStage) span() ast.Span { return s.loc }
func (*multisearchStage) generates()       {}

func (s *multisearchStage) readsEvents() bool {
	return slices.ContainsFunc(s.subs, (*Program).ReadsEvents)
}

func (s *multisearchStage) eventFilters() ([]*EventFilter, bool) {
	var fs []*EventFilter
	for _, p := range s.subs {
		if !p.ReadsEvents() {
			continue
		}
		f, ok := p.eventFilters()
		if !ok {
			return nil, false
		}
		fs = append(fs, f...)
	}
	return fs, true
}

func (s *multisearchStage) run(ctx context.Context, env *runEnv, _ *rowSet) (*rowSet, int, error) {
	var sets []*rowSet
	for _, p := range s.subs {
		rs, err := runSub(ctx, env, p, nil, s.maxout)
		if err != nil {
			return nil, 0, err
		}
		sets = append(sets, rs)
	}
	if s.cmd == "set" {
		return setOp(s.op, sets[0], sets[1]), 0, nil
	}
	out := &rowSet{}
	for _, rs := range sets {
		out = appendRows(out, rs)
	}
	if len(out.rows) > env.maxRows {
		return nil, 0, limitAt(s.loc, "%s produced more than the limit of %d rows", s.cmd, env.maxRows)
	}
	if s.cmd == "multisearch" {
		tc := out.col(fieldTime)
		err := sortStable(ctx, out.rows, func(a, b Row) int {
			ta, oka := toNum(get(a, tc))
			tb, okb := toNum(get(b, tc))
			switch {
			case oka && okb && ta != tb:
				if ta > tb {
					return -1
				}
				return 1
			case oka && !okb:
				return -1
			case !oka && okb:
				return 1
			}
			return 0
		})
		if err != nil {
			return nil, 0, err
		}
	}
	return out, 0, nil
}

// setRowKey is the identity set compares: the text of each of the n
// columns of r, null apart from "".
func setRowKey(r Row, n int) string {
	var b strings.Builder
	for c := range n {
		v := get(r, c)
		if v.IsNull() {
			b.WriteString("\x03")
		} else {
			b.WriteString(strings.Join(v.Strings(), "\x00"))
		}
		b.WriteByte(1)
	}
	return b.String()
}

// setOp combines a and b as `set op` does (see multisearchStage).
func setOp(op string, a, b *rowSet) *rowSet {
	all := appendRows(a, b)
	keys := make([]string, len(all.rows))
	for i, r := range all.rows {
		keys[i] = setRowKey(r, len(all.fields))
	}
	inA, inB := map[string]bool{}, map[string]bool{}
	for i, k := range keys {
		if i < len(a.rows) {
			inA[k] = true
		} else {
			inB[k] = true
		}
	}
	out := &rowSet{fields: all.fields}
	seen := map[string]bool{}
	for i, r := range all.rows {
		k := keys[i]
		if seen[k] {
			continue
		}
		var keep bool
		switch op {
		case "union":
			keep = true
		case "diff":
			keep = inA[k] != inB[k]
		case "intersect":
			keep = i < len(a.rows) && inB[k]
		}
		if keep {
			seen[k] = true
			out.rows = append(out.rows, r)
		}
	}
	return out
}
