package eval

import "slices"

// Prefiltering data-model rows. A tstats search reads the rows of its
// table that its where clause keeps; when every read of a table by the
// searches to run is known before the data is loaded, a loader may leave
// out the rows none of them can read (ingest's dataset mode does, on its
// parallel workers, before the rows reach the table's dictionaries).
//
// Rules:
//
//   - a row is kept when any read of its table keeps it: the union of the
//     reads' where clauses, each evaluated exactly as tstats evaluates it
//     over the table (scanner in tstats_scan.go: a null field never
//     satisfies a leaf, NOT around a leaf keeps rows without the field,
//     _time compared as a number), over the row's values after the
//     dataset's calculations (cim.Dataset.Finish);
//   - earliest=/latest= are not part of the filter: a caller may compile
//     the searches again with a clock taken from the loaded data;
//   - a read that may see every row (tstats without where, datamodel,
//     from datamodel, a where clause holding TERM() or CASE() as a bare
//     term, which reads every field) makes the table unfiltered;
//   - reads that are only known at run time (map, foreach) make every
//     table unfiltered (TableFilters' ok is false).

// TableRow is one row of a data-model table as a TableFilter reads it:
// Values[i] is the value of the filter's Fields()[i] when Set[i], else the
// field is null; Time is the row's _time.
type TableRow struct {
	Values []string
	Set    []bool
	Time   float64
}

// TableFilter is the condition a row of one data-model table must meet for
// a search to read it: the union of the where clauses of the reads of that
// table. It is safe for concurrent use.
type TableFilter struct {
	fields []string   // what Keep reads (column names, without prefix)
	any    []*rowCond // the row is kept when one of them holds
}

// rowCond is a where clause's cond with its leaves bound to the filter's
// field slots.
type rowCond struct {
	op   condOp
	kids []*rowCond
	leaf *leaf
	slot int // condLeaf: index in fields; -1: _time
}

// Fields lists the fields Keep reads, without the dataset prefix (_time
// excluded: it is TableRow.Time). The list is shared: do not modify it.
func (f *TableFilter) Fields() []string {
	if f == nil {
		return nil
	}
	return f.fields
}

// Keep reports whether some read of the table may read the row r; false
// only when none can. A nil filter keeps every row.
func (f *TableFilter) Keep(r TableRow) bool {
	if f == nil {
		return true
	}
	for _, c := range f.any {
		if c.match(r) {
			return true
		}
	}
	return false
}

// match evaluates c over one row as scanner.eval does over a table.
func (c *rowCond) match(r TableRow) bool {
	switch c.op {
	case condAll:
		return true
	case condNot:
		return !c.kids[0].match(r)
	case condAnd:
		for _, k := range c.kids {
			if !k.match(r) {
				return false
			}
		}
		return true
	case condOr:
		for _, k := range c.kids {
			if k.match(r) {
				return true
			}
		}
		return false
	case condLeaf:
		if c.slot < 0 {
			return c.leaf.testValue(Num(r.Time))
		}
		return r.Set[c.slot] && c.leaf.testString(r.Values[c.slot])
	}
	return false // condNone
}

// bindCond converts c for the filter, adding the fields it reads; ok is
// false when c holds anything a row alone cannot decide.
func (f *TableFilter) bindCond(c *cond) (*rowCond, bool) {
	rc := &rowCond{op: c.op}
	switch c.op {
	case condAll, condNone:
	case condNot, condAnd, condOr:
		for _, k := range c.kids {
			rk, ok := f.bindCond(k)
			if !ok {
				return nil, false
			}
			rc.kids = append(rc.kids, rk)
		}
		if c.op == condNot && len(rc.kids) != 1 {
			return nil, false
		}
	case condLeaf:
		rc.leaf = c.leaf
		if c.leaf.field == fieldTime {
			rc.slot = -1
			break
		}
		rc.slot = slices.Index(f.fields, c.leaf.field)
		if rc.slot < 0 {
			rc.slot = len(f.fields)
			f.fields = append(f.fields, c.leaf.field)
		}
	default: // TERM/CASE as a bare term reads every field; hoisted time
		return nil, false
	}
	return rc, true
}

// AnyTableFilter is the filter that keeps a row when one of fs keeps it;
// nil (every row) when fs is empty or one of them is nil.
func AnyTableFilter(fs ...*TableFilter) *TableFilter {
	if len(fs) == 0 {
		return nil
	}
	u := &TableFilter{}
	for _, f := range fs {
		if f == nil {
			return nil
		}
		for _, c := range f.any {
			u.any = append(u.any, u.rebind(c, f.fields))
		}
	}
	return u
}

// rebind copies c, bound to fields, onto u's fields.
func (u *TableFilter) rebind(c *rowCond, fields []string) *rowCond {
	rc := &rowCond{op: c.op, leaf: c.leaf, slot: c.slot}
	for _, k := range c.kids {
		rc.kids = append(rc.kids, u.rebind(k, fields))
	}
	if c.op == condLeaf && c.slot >= 0 {
		name := fields[c.slot]
		rc.slot = slices.Index(u.fields, name)
		if rc.slot < 0 {
			rc.slot = len(u.fields)
			u.fields = append(u.fields, name)
		}
	}
	return rc
}

// TableFilters returns, for each data-model dataset p reads (its own
// commands and its subsearches' at any depth), the filter of the rows it
// may read: nil when it may read any row. reads is the number of commands
// found reading a table (tstats, datamodel, from datamodel). ok is false
// when the reads are not all known before the search runs (map and
// foreach make their searches at run time); fs is then nil.
func (p *Program) TableFilters() (fs map[string]*TableFilter, reads int, ok bool) {
	conds := map[string][]*cond{}
	whole := map[string]bool{}
	add := func(dataset string, where *cond) {
		reads++
		if where == nil {
			whole[dataset] = true
			return
		}
		conds[dataset] = append(conds[dataset], where)
	}
	if !p.tableReads(add) {
		return nil, 0, false
	}
	fs = map[string]*TableFilter{}
	for ds := range whole {
		fs[ds] = nil
	}
	for ds, cs := range conds {
		if whole[ds] {
			continue
		}
		f := &TableFilter{}
		for _, c := range cs {
			rc, ok := f.bindCond(c)
			if !ok {
				f = nil
				break
			}
			f.any = append(f.any, rc)
		}
		fs[ds] = f
	}
	return fs, reads, true
}

// tableReads calls add for every read of a table by p, at any depth;
// false when some read is made at run time.
func (p *Program) tableReads(add func(dataset string, where *cond)) bool {
	if p == nil {
		return true
	}
	for _, st := range p.stages {
		switch s := st.(type) {
		case *tstatsStage:
			add(s.dataset, s.where)
		case *tstatsAppendStage:
			add(s.st.dataset, s.st.where)
		case *datasetStage:
			add(s.dataset, nil)
		case *appendStage:
			if !s.sub.tableReads(add) {
				return false
			}
		case *appendpipeStage:
			if !s.sub.tableReads(add) {
				return false
			}
		case *joinStage:
			if !s.sub.tableReads(add) {
				return false
			}
		case *searchSubStage:
			for _, sub := range s.subs {
				if !sub.tableReads(add) {
					return false
				}
			}
		case *mapStage, *foreachStage:
			return false
		}
	}
	return true
}
