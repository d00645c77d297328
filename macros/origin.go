package macros

// Origin is where one byte of an expanded search was written.
type Origin struct {
	Loc   Location // in the searched text, or inside a macro's definition in its file
	Macro string   // stanza name (`name` or `name(N)`) of the macro whose definition holds the byte; "" for the searched text
	Via   []Call   // the chain of calls that expanded that definition, outermost first (the last one expanded Macro); nil for the searched text
}

// Origin maps byte offset pos of x.Text back to where that byte was written:
// in the searched text (Macro == "") or inside a macro definition. Bytes that
// came from a call's argument map to where the argument was written. pos is
// clamped to [0, len(x.Text)]; len(x.Text) maps to just past the last byte.
// A nil Expansion gives the zero Origin.
func (x *Expansion) Origin(pos int) Origin {
	if x == nil {
		return Origin{}
	}
	if len(x.Text) == 0 || len(x.pcs) == 0 {
		if x.top == nil {
			return Origin{}
		}
		return Origin{Loc: x.top.loc(0)}
	}
	pos = max(pos, 0)
	r := refAt(x.pcs, min(pos, len(x.Text)-1))
	if pos >= len(x.Text) {
		r.off++
	}
	loc, macro := x.locate(r)
	o := Origin{Loc: loc, Macro: macro}
	for k := r.call; k >= 0; k = x.parents[k] {
		o.Via = append(o.Via, x.Calls[k])
	}
	for i, j := 0, len(o.Via)-1; i < j; i, j = i+1, j-1 {
		o.Via[i], o.Via[j] = o.Via[j], o.Via[i]
	}
	return o
}

// locate returns the Location of r and the stanza name of its macro.
func (x *Expansion) locate(r ref) (Location, string) {
	if r.call < 0 || r.call >= len(x.entries) {
		return x.top.loc(r.off), ""
	}
	e := x.entries[r.call]
	return e.pos.loc(r.off), e.m.stanza()
}
