package eval

// IndexTerm returns a field and the values one of which (compared as
// search does: whole value, ignoring case, lower-cased here) that field
// must hold for f to keep an event: a top-level conjunct of its condition
// such as EventCode=4688 or EventCode IN (4624, 4625). A host can then
// offer an event only to the filters whose term its field values name.
// Among several such conjuncts the one on the field listed first in
// prefer wins, else the first written. ok is false when f has none.
func (f *EventFilter) IndexTerm(prefer ...string) (field string, values []string, ok bool) {
	if f == nil || f.any != nil || f.cond == nil {
		return "", nil, false
	}
	kids := []*cond{f.cond}
	if f.cond.op == condAnd {
		kids = f.cond.kids
	}
	best := len(prefer) + 1
	for _, k := range kids {
		l := exactLeaf(k)
		if l == nil {
			continue
		}
		rank := len(prefer)
		for i, p := range prefer {
			if p == l.field {
				rank = i
				break
			}
		}
		if rank >= best {
			continue
		}
		vals := make([]string, len(l.pats))
		for i, p := range l.pats {
			vals[i], _ = p.Exact()
		}
		field, values, ok, best = l.field, vals, true, rank
	}
	return field, values, ok
}

// exactLeaf returns c's leaf when c is a positive comparison with values
// that have no wildcard (field=x, field IN (x, y)); nil otherwise.
func exactLeaf(c *cond) *leaf {
	if c == nil || c.op != condLeaf || c.leaf == nil {
		return nil
	}
	l := c.leaf
	if l.neg || l.rel != nil || len(l.pats) == 0 {
		return nil
	}
	for _, p := range l.pats {
		if _, ok := p.Exact(); !ok {
			return nil
		}
	}
	return l
}
