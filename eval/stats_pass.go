package eval

import "context"

// groupPass feeds every row of in to its groups (a row with a multivalue
// by-field joins several), the one pass stats and eventstats share. It
// returns the groups in order of first appearance and, per row, the first
// group the row joined (nil when a by-field is null).
func (sp *statsSpec) groupPass(ctx context.Context, env *runEnv, in *rowSet) (order []*group, member []*group, err error) {
	c := newEctx(env, in, sp.prog.bind(in))
	groups := map[string]*group{}
	member = make([]*group, len(in.rows))
	buf := make([]Value, 0, len(sp.bySlots))
	fed := 0 // row-group memberships, for checking ctx within a row
	for i, row := range in.rows {
		if i%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		c.row = row
		t := rowTime(c, sp.timeSlot)
		sp.groupKeys(c, buf, func(key string, vals []Value) {
			if c.err != nil {
				return
			}
			fed++
			if fed%checkEvery == 0 && ctx.Err() != nil {
				c.fail(ctx.Err())
				return
			}
			g := groups[key]
			if g == nil {
				if len(order) >= c.maxRows() {
					c.failLimit("%s made more than the limit of %d groups", sp.cmd, c.maxRows())
					return
				}
				g = sp.newGroup(vals)
				groups[key] = g
				order = append(order, g)
			}
			if member[i] == nil {
				member[i] = g
			}
			sp.feed(g, c, t)
		})
		if c.err != nil {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			return nil, nil, stageErr(sp.loc, c.err)
		}
	}
	return order, member, nil
}
