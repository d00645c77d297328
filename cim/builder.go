package cim

import (
	"hash/maphash"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Builder appends rows to a Table one field at a time. Not safe for
// concurrent use. The zero Builder builds a table of no dataset, as
// NewBuilder(""); a nil Builder has no rows and ignores what it is given.
// Column handles are the ones Col returned: a method given another
// panics, as an index out of range does.
//
// Fields can be set by name (Set) or, faster, by a column handle from Col
// (SetCol, SetColBytes). A builder made by Dataset.NewBuilder applies the
// dataset's calculations (see Dataset.Finish) to each row at EndRow.
type Builder struct {
	t     *Table
	colOf map[string]int
	dicts []dictIndex
	set   []bool // per column: set in the current row
	seed  maphash.Seed
	arena arena
	fin   *finisher
	room  int // Reserve: capacity in rows for columns created later
}

// NewBuilder starts an empty table for dataset. Rows are stored as given:
// no data-model calculations are applied (see Dataset.NewBuilder).
func NewBuilder(dataset string) *Builder {
	return &Builder{
		t:     &Table{dataset: dataset, byName: map[string]*Column{}},
		colOf: map[string]int{},
		seed:  maphash.MakeSeed(),
	}
}

// NewBuilder starts an empty table for the dataset whose EndRow applies the
// dataset's own calculations to every row, as Finish does.
func (d *Dataset) NewBuilder() *Builder {
	if d == nil {
		return NewBuilder("")
	}
	b := NewBuilder(d.FullName())
	b.fin = newFinisher(d, b)
	return b
}

// Col returns the column handle of field, creating the column (null in
// every earlier row) if needed.
func (b *Builder) Col(field string) int {
	if b == nil {
		return -1
	}
	b.init()
	if i, ok := b.colOf[field]; ok {
		return i
	}
	c := &Column{Name: field, Dict: []string{""}, Codes: make([]uint32, b.t.n, max(b.t.n+1, b.room))}
	i := len(b.t.cols)
	b.t.cols = append(b.t.cols, c)
	b.t.byName[field] = c
	b.colOf[field] = i
	b.dicts = append(b.dicts, dictIndex{})
	b.set = append(b.set, false)
	return i
}

// init makes the zero Builder ready, as NewBuilder("").
func (b *Builder) init() {
	if b.t == nil {
		*b = *NewBuilder("")
	}
}

// Set gives field its value in the row being built. Setting a field twice
// in one row keeps the last value.
func (b *Builder) Set(field, value string) {
	if b == nil {
		return
	}
	b.SetCol(b.Col(field), value)
}

// SetCol is Set by column handle (from Col).
func (b *Builder) SetCol(col int, value string) {
	c := b.t.cols[col]
	h := maphash.String(b.seed, value)
	code := b.dicts[col].lookupString(c.Dict, h, value)
	if code == 0 {
		code = b.dicts[col].insert(&c.Dict, h, value)
	}
	b.put(col, c, code)
}

// SetColBytes is SetCol for a value in a byte slice, which the builder
// copies only when the value is new to the column (so the caller may reuse
// the slice).
func (b *Builder) SetColBytes(col int, value []byte) {
	c := b.t.cols[col]
	h := maphash.Bytes(b.seed, value)
	code := b.dicts[col].lookupBytes(c.Dict, h, value)
	if code == 0 {
		code = b.dicts[col].insert(&c.Dict, h, b.arena.str(value))
	}
	b.put(col, c, code)
}

// InternBytes returns col's code for value, adding value (copied) to the
// column's dictionary if it is new. The code can be given to SetColCode
// for any later row; code 0 is never returned (it means null).
func (b *Builder) InternBytes(col int, value []byte) uint32 {
	c := b.t.cols[col]
	h := maphash.Bytes(b.seed, value)
	code := b.dicts[col].lookupBytes(c.Dict, h, value)
	if code == 0 {
		code = b.dicts[col].insert(&c.Dict, h, b.arena.str(value))
	}
	return code
}

// Seed is the seed of the builder's value hashes: maphash.Bytes(b.Seed(),
// v) is the hash InternHashed takes for v. It never changes, so it may be
// read from any goroutine.
func (b *Builder) Seed() maphash.Seed {
	if b == nil {
		return maphash.Seed{}
	}
	b.init()
	return b.seed
}

// InternHashed is InternBytes for a value whose hash h the caller computed
// as maphash.Bytes(b.Seed(), value), for example while parsing in another
// goroutine.
func (b *Builder) InternHashed(col int, value []byte, h uint64) uint32 {
	c := b.t.cols[col]
	code := b.dicts[col].lookupBytes(c.Dict, h, value)
	if code == 0 {
		code = b.dicts[col].insert(&c.Dict, h, b.arena.str(value))
	}
	return code
}

// Reserve makes room for n more rows in every column, present and future,
// so that they are appended without copying the columns as they grow. It
// is only a hint: more rows may follow.
func (b *Builder) Reserve(n int) {
	if b == nil {
		return
	}
	b.init()
	want := b.t.n + n
	if want <= b.room {
		return
	}
	b.room = want
	if cap(b.t.times) < want {
		b.t.times = append(make([]float64, 0, want), b.t.times...)
	}
	for _, c := range b.t.cols {
		if cap(c.Codes) < want {
			// make, not slices.Grow: the room is not cleared, so its
			// memory is only touched as rows fill it
			c.Codes = append(make([]uint32, 0, want), c.Codes...)
		}
	}
}

// SetColCode sets col in the row being built to the value whose code
// InternBytes returned; code 0 makes it null.
func (b *Builder) SetColCode(col int, code uint32) {
	if code == 0 {
		b.unset(col)
		return
	}
	b.put(col, b.t.cols[col], code)
}

func (b *Builder) put(col int, c *Column, code uint32) {
	if b.set[col] {
		c.Codes[b.t.n] = code
		return
	}
	c.Codes = append(c.Codes, code)
	b.set[col] = true
}

// Get returns field's value in the row being built and whether it is set.
func (b *Builder) Get(field string) (string, bool) {
	if b == nil {
		return "", false
	}
	i, ok := b.colOf[field]
	if !ok {
		return "", false
	}
	return b.GetCol(i)
}

// GetCol is Get by column handle.
func (b *Builder) GetCol(col int) (string, bool) {
	if !b.set[col] {
		return "", false
	}
	c := b.t.cols[col]
	return c.Dict[c.Codes[b.t.n]], true
}

// unset makes col null in the row being built.
func (b *Builder) unset(col int) {
	if b.set[col] {
		c := b.t.cols[col]
		c.Codes = c.Codes[:b.t.n]
		b.set[col] = false
	}
}

// EndRow finishes the current row with its _time; fields not Set in it are
// null. A builder from Dataset.NewBuilder applies the dataset's
// calculations first.
func (b *Builder) EndRow(time float64) {
	if b == nil {
		return
	}
	b.init()
	if b.fin != nil {
		b.fin.apply(b)
	}
	for i, c := range b.t.cols {
		if !b.set[i] {
			c.Codes = append(c.Codes, 0)
		}
		b.set[i] = false
	}
	b.t.times = append(b.t.times, time)
	b.t.n++
}

// Len is the number of finished rows.
func (b *Builder) Len() int {
	if b == nil || b.t == nil {
		return 0
	}
	return b.t.n
}

// Table returns the built table. Columns that are null in every row are
// left out. The builder must not be used afterwards.
func (b *Builder) Table() *Table {
	if b == nil {
		return NewBuilder("").Table()
	}
	b.init()
	t := b.t
	b.t = nil
	b.dicts = nil
	kept := t.cols[:0]
	for _, c := range t.cols {
		if len(c.Dict) == 1 {
			delete(t.byName, c.Name)
			continue
		}
		kept = append(kept, c)
	}
	t.cols = kept
	return t
}

// dictIndex maps a column's values to their codes: open addressing with
// linear probing; a slot holds the hash's top 32 bits (the tag) and the
// code (0 = empty). A value's first slot is given by its tag, so growing
// moves slots without hashing or reading the values again. It uses a
// fraction of a Go map's memory and looks values up from byte slices
// without allocating.
type dictIndex struct {
	slots []uint64
	n     int
}

func (x *dictIndex) lookupString(dict []string, h uint64, v string) uint32 {
	if len(x.slots) == 0 {
		return 0
	}
	mask := uint64(len(x.slots) - 1)
	tag := h >> 32
	for i := h >> 32 & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return 0
		}
		if s>>32 == tag && dict[uint32(s)] == v {
			return uint32(s)
		}
	}
}

func (x *dictIndex) lookupBytes(dict []string, h uint64, v []byte) uint32 {
	if len(x.slots) == 0 {
		return 0
	}
	mask := uint64(len(x.slots) - 1)
	tag := h >> 32
	for i := h >> 32 & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return 0
		}
		if s>>32 == tag && dict[uint32(s)] == string(v) {
			return uint32(s)
		}
	}
}

// insert adds v (known to be absent) to dict and the index; it returns the
// new code.
func (x *dictIndex) insert(dict *[]string, h uint64, v string) uint32 {
	code := uint32(len(*dict))
	*dict = append(*dict, v)
	if (x.n+1)*2 > len(x.slots) {
		x.grow()
	}
	x.place(h, code)
	x.n++
	return code
}

func (x *dictIndex) place(h uint64, code uint32) {
	mask := uint64(len(x.slots) - 1)
	for i := h >> 32 & mask; ; i = (i + 1) & mask {
		if x.slots[i] == 0 {
			x.slots[i] = h>>32<<32 | uint64(code)
			return
		}
	}
}

// grow doubles the slots, placing each old slot by its tag.
func (x *dictIndex) grow() {
	size := 2 * len(x.slots)
	if size < 16 {
		size = 16
	}
	old := x.slots
	x.slots = make([]uint64, size)
	for _, s := range old {
		if s != 0 {
			x.place(s, uint32(s))
		}
	}
}

// arena copies new dictionary values into shared blocks, so a million
// distinct values cost a few hundred allocations instead of a million.
// Bytes in a block are never written again once a string refers to them.
type arena struct{ buf []byte }

const arenaBlock = 256 << 10

func (a *arena) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > arenaBlock/16 {
		return string(b)
	}
	if cap(a.buf)-len(a.buf) < len(b) {
		a.buf = make([]byte, 0, arenaBlock)
	}
	start := len(a.buf)
	a.buf = append(a.buf, b...)
	return unsafe.String(&a.buf[start], len(b))
}

// constRule sets col to val; code is val's code once interned (0: not yet:
// interning it before a row needs it would keep an all-null column).
type constRule struct {
	col  int
	val  string
	code uint32
}

// fallbackRule copies the first set src to dst; last remembers the codes of
// the last copy, as rows often repeat the value.
type fallbackRule struct {
	dst  int
	srcs []int
	last struct {
		src      int
		from, to uint32
	}
}

// setConst sets r's column to r's value.
func (b *Builder) setConst(r *constRule) {
	if r.code == 0 {
		c := b.t.cols[r.col]
		h := maphash.String(b.seed, r.val)
		r.code = b.dicts[r.col].lookupString(c.Dict, h, r.val)
		if r.code == 0 {
			r.code = b.dicts[r.col].insert(&c.Dict, h, r.val)
		}
	}
	b.put(r.col, b.t.cols[r.col], r.code)
}

// finisher is Dataset.Finish compiled to column handles of one builder.
type finisher struct {
	derive    []struct{ dst, src int }
	fallback  []fallbackRule
	defaults  []constRule
	notNumber []constRule // val: "drop" or the replacement
	lower     []int
	lengthOf  []struct{ dst, src int }
}

func newFinisher(d *Dataset, b *Builder) *finisher {
	f := &finisher{}
	fields := d.rootFields()
	for _, fd := range fields {
		if fd.DeriveFrom != "" {
			f.derive = append(f.derive, struct{ dst, src int }{b.Col(fd.Name), b.Col(fd.DeriveFrom)})
		}
	}
	for _, fd := range fields {
		if len(fd.Fallback) > 0 {
			fb := fallbackRule{dst: b.Col(fd.Name)}
			for _, s := range fd.Fallback {
				fb.srcs = append(fb.srcs, b.Col(s))
			}
			f.fallback = append(f.fallback, fb)
		}
	}
	for _, fd := range fields {
		if fd.LengthOf != "" {
			f.lengthOf = append(f.lengthOf, struct{ dst, src int }{b.Col(fd.Name), b.Col(fd.LengthOf)})
		}
	}
	for _, fd := range fields {
		if fd.Default != "" {
			f.defaults = append(f.defaults, constRule{col: b.Col(fd.Name), val: fd.Default})
		}
	}
	for _, fd := range fields {
		if fd.NotNumber != "" {
			f.notNumber = append(f.notNumber, constRule{col: b.Col(fd.Name), val: fd.NotNumber})
		}
	}
	for _, fd := range fields {
		if fd.Lower {
			f.lower = append(f.lower, b.Col(fd.Name))
		}
	}
	return f
}

func (f *finisher) apply(b *Builder) {
	for _, r := range f.derive {
		if v, ok := b.GetCol(r.dst); ok && v != "" {
			continue
		}
		if cmd, ok := b.GetCol(r.src); ok {
			if name := CommandBasename(cmd); name != "" {
				b.SetCol(r.dst, name)
			}
		}
	}
	for i := range f.fallback {
		r := &f.fallback[i]
		if b.set[r.dst] {
			continue
		}
		for _, s := range r.srcs {
			if !b.set[s] {
				continue
			}
			from := b.t.cols[s].Codes[b.t.n]
			if r.last.from != from || r.last.src != s {
				b.SetCol(r.dst, b.t.cols[s].Dict[from])
				r.last.src, r.last.from, r.last.to = s, from, b.t.cols[r.dst].Codes[b.t.n]
			} else {
				b.put(r.dst, b.t.cols[r.dst], r.last.to)
			}
			break
		}
	}
	for _, r := range f.lengthOf {
		if v, ok := b.GetCol(r.src); ok {
			b.SetCol(r.dst, strconv.Itoa(utf8.RuneCountInString(v)))
		}
	}
	for i := range f.defaults {
		r := &f.defaults[i]
		if v, ok := b.GetCol(r.col); !ok || v == "" {
			b.setConst(r)
		}
	}
	for i := range f.notNumber {
		r := &f.notNumber[i]
		if v, ok := b.GetCol(r.col); ok && IsNumber(v) {
			continue
		}
		if r.val == "drop" {
			b.unset(r.col)
		} else {
			b.setConst(r)
		}
	}
	for _, col := range f.lower {
		if v, ok := b.GetCol(col); ok && hasUpper(v) {
			b.SetCol(col, strings.ToLower(v))
		}
	}
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}
