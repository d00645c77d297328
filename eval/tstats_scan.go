package eval

import (
	"context"
	"math/bits"
	"slices"

	"github.com/spelunk-dev/spelunk/cim"
)

// bitmap is one bit per table row; bits past the last row are always 0.
type bitmap []uint64

func newBitmap(n int) bitmap { return make(bitmap, (n+63)/64) }

// allRows returns a bitmap with the first n bits set.
func allRows(n int) bitmap {
	b := newBitmap(n)
	for i := range b {
		b[i] = ^uint64(0)
	}
	if r := n % 64; r != 0 {
		b[len(b)-1] = (1 << r) - 1
	}
	return b
}

func (b bitmap) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

func (b bitmap) empty() bool {
	for _, w := range b {
		if w != 0 {
			return false
		}
	}
	return true
}

// ctxCheckWords is how many bitmap words (64 rows each) a scan processes
// between context checks.
const ctxCheckWords = 64

// scanner evaluates a where-clause cond over a table's columns. Each leaf
// is decided once per distinct dictionary value of its column (lazily: only
// values of rows still in question are looked at) and the answers are
// spread over rows as bitmaps. AND and OR evaluate their kids cheapest
// first (fewest distinct values), each restricted to the rows still in
// question, so a selective cheap term makes the expensive ones sparse.
type scanner struct {
	ctx context.Context
	t   *cim.Table
	err error
	w   int // words scanned since the last context check
}

// eval returns the rows of mask that satisfy c (a subset of mask).
func (s *scanner) eval(c *cond, mask bitmap) bitmap {
	if s.err != nil {
		return newBitmap(s.t.Len())
	}
	switch c.op {
	case condAll:
		return slices.Clone(mask)
	case condNone:
		return newBitmap(s.t.Len())
	case condTerm: // TERM(x), CASE(x): bare keywords are rejected at compile time
		return s.term(c.term, mask)
	case condNot:
		r := s.eval(c.kids[0], mask)
		for i := range r {
			r[i] = mask[i] &^ r[i]
		}
		return r
	case condAnd:
		acc := slices.Clone(mask) // each kid returns a fresh subset of its mask
		for _, k := range s.byCost(c.kids) {
			if acc.empty() {
				break
			}
			acc = s.eval(k, acc)
		}
		return acc
	case condOr:
		acc := newBitmap(s.t.Len())
		rest := slices.Clone(mask)
		for _, k := range s.byCost(c.kids) {
			r := s.eval(k, rest)
			for i := range r {
				acc[i] |= r[i]
				rest[i] &^= r[i]
			}
			if rest.empty() {
				break
			}
		}
		return acc
	case condLeaf:
		return s.leaf(c.leaf, mask)
	}
	return newBitmap(s.t.Len())
}

// byCost returns kids ordered by evaluation cost (stable; the compiled
// cond is shared between runs and not modified).
func (s *scanner) byCost(kids []*cond) []*cond {
	sorted := slices.Clone(kids)
	slices.SortStableFunc(sorted, func(a, b *cond) int { return s.cost(a) - s.cost(b) })
	return sorted
}

// cost estimates the work to decide c: the number of distinct values its
// leaves look at.
func (s *scanner) cost(c *cond) int {
	switch c.op {
	case condLeaf:
		if c.leaf.field == fieldTime {
			return s.t.Len()
		}
		if col := s.t.Column(c.leaf.field); col != nil {
			return len(col.Dict)
		}
		return 0
	case condAnd, condOr, condNot:
		n := 0
		for _, k := range c.kids {
			n += s.cost(k)
		}
		return n
	}
	return 0
}

// tick counts scanned words and checks the context now and then.
func (s *scanner) tick() bool {
	s.w++
	if s.w < ctxCheckWords {
		return true
	}
	s.w = 0
	if err := s.ctx.Err(); err != nil {
		s.err = err
		return false
	}
	return true
}

// leaf evaluates one comparison over the rows of mask.
func (s *scanner) leaf(l *leaf, mask bitmap) bitmap {
	out := newBitmap(s.t.Len())
	if l.field == fieldTime {
		times := s.t.Times()
		for wi, w := range mask {
			if !s.tick() {
				return out
			}
			base := wi * 64
			var r uint64
			for w != 0 {
				j := bits.TrailingZeros64(w)
				w &= w - 1
				if l.testValue(Num(times[base+j])) {
					r |= 1 << j
				}
			}
			out[wi] = r
		}
		return out
	}
	col := s.t.Column(l.field)
	if col == nil {
		return out // no row has the field: nothing matches
	}
	// cache[code]: 0 = not decided yet, 1 = false, 2 = true. Code 0 is null.
	cache := make([]uint8, len(col.Dict))
	cache[0] = 1
	codes, dict := col.Codes, col.Dict
	decide := func(code uint32) uint8 {
		v := uint8(1)
		if l.testString(dict[code]) {
			v = 2
		}
		cache[code] = v
		return v
	}
	// A small dictionary under a dense mask is decided up front, which
	// makes the per-row loop branch-free.
	var eager []uint64
	if len(dict) <= len(mask)*8 && len(dict) <= 1<<16 {
		eager = make([]uint64, len(dict))
		for code := 1; code < len(dict); code++ {
			eager[code] = uint64(decide(uint32(code)) >> 1)
		}
	}
	for wi, w := range mask {
		if w == 0 {
			continue
		}
		if !s.tick() {
			return out
		}
		base := wi * 64
		var r uint64
		if w == ^uint64(0) && eager != nil {
			blk := codes[base : base+64]
			for j, code := range blk {
				r |= eager[code] << j
			}
		} else if w == ^uint64(0) {
			blk := codes[base : base+64]
			for j, code := range blk {
				v := cache[code]
				if v == 0 {
					v = decide(code)
				}
				r |= uint64(v>>1) << j
			}
		} else {
			for w != 0 {
				j := bits.TrailingZeros64(w)
				w &= w - 1
				code := codes[base+j]
				v := cache[code]
				if v == 0 {
					v = decide(code)
				}
				r |= uint64(v>>1) << j
			}
		}
		out[wi] = r
	}
	return out
}

// term evaluates TERM(x) or CASE(x) over the rows of mask: a row matches
// when one of its field values holds the keyword (search_termfunc.go).
func (s *scanner) term(t *termMatcher, mask bitmap) bitmap {
	out := newBitmap(s.t.Len())
	for _, name := range s.t.Fields() {
		col := s.t.Column(name)
		if col == nil {
			continue
		}
		hit := make([]bool, len(col.Dict))
		for code := 1; code < len(col.Dict); code++ {
			hit[code] = t.matchRaw(col.Dict[code])
		}
		for i, code := range col.Codes {
			if hit[code] && mask[i/64]&(1<<(i%64)) != 0 {
				out[i/64] |= 1 << (i % 64)
			}
		}
		if !s.tick() {
			return out
		}
	}
	return out
}
