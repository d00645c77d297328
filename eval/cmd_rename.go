package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// renameStage is `rename a AS b, c* AS d*` [D S-rename, spl_semantics.md §6]:
//
//   - pairs apply in order; '*' in the source matches any run of characters
//     of existing field names and the matched text replaces the '*' in the
//     target (Processes.* AS * turns Processes.dest into dest); both sides
//     must have the same number of '*' (a compile error otherwise);
//   - a renamed field keeps its column position;
//   - renaming onto an existing field replaces it: the old column goes
//     away, also in rows where the source is null (no merge);
//   - renaming a field that does not exist removes an existing target
//     field (`rename a AS b` on {b:"x"} gives {}); with wildcards only
//     existing matching fields are renamed, so nothing is removed [I].
type renameStage struct {
	loc   ast.Span
	pairs []renamePair
}

type renamePair struct {
	from, to glob.Glob
}

func compileRename(c *ast.RenameCommand, e *errs) stage {
	st := &renameStage{loc: c.Loc}
	ok := true
	for _, p := range c.Pairs {
		from, to := glob.New(p.From), glob.New(p.To)
		switch {
		case p.From == "" || p.To == "":
			e.addf(p.Loc, "rename needs a field name on both sides of AS")
			ok = false
		case from.Stars() != to.Stars():
			e.addf(p.Loc, "rename %s AS %s: both sides must have the same number of wildcards (%d and %d)", p.From, p.To, from.Stars(), to.Stars())
			ok = false
		}
		st.pairs = append(st.pairs, renamePair{from: from, to: to})
	}
	if len(c.Pairs) == 0 {
		e.addf(c.Loc, "rename needs at least one `field AS newname`")
		ok = false
	}
	if !ok {
		return nil
	}
	return st
}

func (s *renameStage) name() string   { return "rename" }
func (s *renameStage) span() ast.Span { return s.loc }

func (s *renameStage) run(_ context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	out := &rowSet{fields: append([]string(nil), in.fields...), rows: in.rows}
	for _, p := range s.pairs {
		p.apply(out)
	}
	return out, len(in.rows), nil
}

// apply renames in rs (whose fields slice it may modify).
func (p renamePair) apply(rs *rowSet) {
	renamed := make([]bool, len(rs.fields))
	any := false
	for i, f := range rs.fields {
		caps, ok := p.from.Capture(f)
		if !ok {
			continue
		}
		if to := p.to.Expand(caps); to != f {
			rs.fields[i] = to
			renamed[i] = true
			any = true
		}
	}
	if !any {
		if p.from.Stars() == 0 && p.from.String() != p.to.String() {
			if j := rs.index(p.to.String()); j >= 0 {
				rs.drop(map[int]bool{j: true})
			}
		}
		return
	}
	// Renames created duplicate names: keep the last renamed column of each
	// name, drop the others (the replaced old fields).
	keep := map[string]int{}
	for i, f := range rs.fields {
		if j, seen := keep[f]; !seen || renamed[i] || !renamed[j] {
			keep[f] = i
		}
	}
	drop := map[int]bool{}
	for i, f := range rs.fields {
		if keep[f] != i {
			drop[i] = true
		}
	}
	if len(drop) > 0 {
		rs.drop(drop)
	}
}

// drop removes the given columns from the fields and every row.
func (r *rowSet) drop(cols map[int]bool) {
	_ = r.dropCtx(context.Background(), cols)
}

// dropCtx is drop stopping with ctx's error (r unchanged then).
func (r *rowSet) dropCtx(ctx context.Context, cols map[int]bool) error {
	fields := make([]string, 0, len(r.fields)-len(cols))
	for i, f := range r.fields {
		if !cols[i] {
			fields = append(fields, f)
		}
	}
	rows := make([]Row, len(r.rows))
	tk := &ticker{ctx: ctx}
	for k, row := range r.rows {
		if err := tk.tick(); err != nil {
			return err
		}
		nr := make(Row, 0, len(fields))
		for i, v := range row {
			if !cols[i] {
				nr = append(nr, v)
			}
		}
		rows[k] = nr
	}
	r.fields, r.rows = fields, rows
	return nil
}
