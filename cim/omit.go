package cim

// omitted counts the rows a loader read for a table but left out of it,
// because no search reading the table could read them (a loader given the
// searches' row filter).
type omitted struct {
	n      int
	latest float64 // the greatest _time among them
}

// Omit records n rows that were read but are left out of the table (see
// Table.Omitted), the greatest _time among them being latest.
func (b *Builder) Omit(n int, latest float64) {
	if n <= 0 || b == nil || b.t == nil {
		return
	}
	o := &b.t.omitted
	if o.n == 0 || latest > o.latest {
		o.latest = latest
	}
	o.n += n
}

// Omitted is how many rows were read for the table but left out of it,
// because none of the searches it was loaded for could read them, and the
// greatest _time among them (0 when n is 0).
func (t *Table) Omitted() (n int, latest float64) {
	if t == nil {
		return 0, 0
	}
	return t.omitted.n, t.omitted.latest
}

// RowsRead is the number of rows read for the table: Len plus the rows
// left out (Omitted).
func (t *Table) RowsRead() int {
	if t == nil {
		return 0
	}
	return t.n + t.omitted.n
}
