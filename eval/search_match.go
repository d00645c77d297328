package eval

// One evaluator of a compiled search condition (search_cond.go) serves
// both places it runs: the search command over result rows (cmd_search.go,
// and the searchmatch function) and the event prefilter over raw events
// (event_filter.go). They differ only in how they read a field and whether
// they can list every field value, which condSubject says.

// condSubject is what a search condition is evaluated over.
type condSubject interface {
	// field returns the named field's value, null when absent.
	field(name string) Value
	// anyValue reports whether some value of some field satisfies f;
	// listed is false when the subject cannot enumerate its fields.
	anyValue(f func(string) bool) (found, listed bool)
}

// matchCond evaluates c over s. A keyword over a subject without _raw
// matches any field's value; a subject that cannot list its fields
// matches it (the prefilter keeps what it cannot decide).
func matchCond[S condSubject](c *cond, s S) bool {
	switch c.op {
	case condAll, condHoisted:
		return true
	case condNone:
		return false
	case condAnd:
		for _, k := range c.kids {
			if !matchCond(k, s) {
				return false
			}
		}
		return true
	case condOr:
		for _, k := range c.kids {
			if matchCond(k, s) {
				return true
			}
		}
		return false
	case condNot:
		return !matchCond(c.kids[0], s)
	case condLeaf:
		return c.leaf.testValue(s.field(c.leaf.field))
	case condTerm:
		if raw := s.field("_raw"); raw.k != kindNull {
			return raw.any(c.term.matchRaw)
		}
		found, listed := s.anyValue(c.term.pat.Match)
		return found || !listed
	}
	return false // every condOp is handled above
}

// rowSubject is one row of a rowSet.
type rowSubject struct {
	row Row
	rs  *rowSet
}

func (r rowSubject) field(name string) Value { return get(r.row, r.rs.col(name)) }

func (r rowSubject) anyValue(f func(string) bool) (bool, bool) {
	for _, v := range r.row {
		if v.any(f) {
			return true, true
		}
	}
	return false, true
}

// matchRow evaluates c on one row of rs.
func matchRow(c *cond, r Row, rs *rowSet) bool { return matchCond(c, rowSubject{r, rs}) }

// viewSubject is a raw event seen through an EventView; only a Record's
// view can list its fields.
type viewSubject struct{ ev EventView }

func (v viewSubject) field(name string) Value { return v.ev.Field(name) }

func (v viewSubject) anyValue(f func(string) bool) (bool, bool) {
	r, ok := v.ev.(recordView)
	if !ok {
		return false, false
	}
	for _, fl := range r {
		if fl.Value.any(f) {
			return true, true
		}
	}
	return false, true
}
