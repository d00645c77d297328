package cim

import (
	"slices"
	"strings"
)

// Cut returns the rows finished so far as a Table, as Table would (columns
// null in every one of those rows left out, the rows left out by Omit
// counted in it), and leaves the builder building an empty table of the
// same dataset, so that a loader can hand a large dataset on in pieces of
// bounded memory. The builder's column handles (Col), its Seed and the
// dataset's calculations stay valid; its dictionaries start afresh, so the
// cut rows' values are not kept by the builder, and codes InternBytes or
// InternHashed returned before the cut must be interned again. The
// pieces' rows, in order, are the rows one uncut table would hold. Fields
// already set in the row being built stay set in it.
func (b *Builder) Cut() *Table {
	if b == nil {
		return NewBuilder("").Table()
	}
	b.init()
	old := b.t
	room := max(old.n, b.room-old.n, 16)
	type pending struct {
		col int
		v   string
	}
	var unfinished []pending
	nt := &Table{dataset: old.dataset, byName: make(map[string]*Column, len(old.cols)), cols: make([]*Column, len(old.cols))}
	nt.times = make([]float64, 0, room)
	for i, c := range old.cols {
		if b.set[i] {
			unfinished = append(unfinished, pending{i, c.Dict[c.Codes[old.n]]})
			c.Codes = c.Codes[:old.n]
			b.set[i] = false
		}
		nc := &Column{Name: c.Name, Dict: []string{""}, Codes: make([]uint32, 0, room)}
		nt.cols[i], nt.byName[c.Name] = nc, nc
		b.dicts[i] = dictIndex{}
	}
	b.t = nt
	b.arena = arena{}
	b.room = 0
	if b.fin != nil {
		b.fin.restart()
	}
	for _, p := range unfinished {
		b.SetCol(p.col, strings.Clone(p.v))
	}
	cut := (&Builder{t: old}).Table()
	if len(unfinished) > 0 {
		dropNullColumns(cut)
	}
	return cut
}

// dropNullColumns leaves out t's columns that are null in every row
// (Table does it by their dictionaries, which may hold the value of a row
// not finished).
func dropNullColumns(t *Table) {
	kept := t.cols[:0]
	for _, c := range t.cols {
		if !slices.ContainsFunc(c.Codes, func(code uint32) bool { return code != 0 }) {
			delete(t.byName, c.Name)
			continue
		}
		kept = append(kept, c)
	}
	t.cols = kept
}

// restart forgets the codes the finisher remembered from the builder's
// dictionaries (Cut starts new ones).
func (f *finisher) restart() {
	for i := range f.fallback {
		f.fallback[i].last.src, f.fallback[i].last.from, f.fallback[i].last.to = 0, 0, 0
	}
	for i := range f.defaults {
		f.defaults[i].code = 0
	}
	for i := range f.notNumber {
		f.notNumber[i].code = 0
	}
}
