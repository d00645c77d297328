package eval

import (
	"math"
	"slices"
)

// Sliding-window aggregates of streamstats window=N and time_window: rows
// leave a window in the order they entered it, so each aggregate that can
// keeps a state rows are added to and removed from (a slider), and a row
// costs O(1) amortised instead of a pass over the window:
//
//   - count, sum, avg, sumsq: running counts and compensated sums;
//   - dc, values: a count per distinct value;
//   - min, max, range: monotonic queues (the oldest candidate leaves first);
//   - first, last: a queue of the window's values.
//
// Other aggregates (median, perc, mode, stdev, var, list, earliest,
// latest, rate) are recomputed over the group's rows in the window.

// slider is an aggregate state of a sliding window.
type slider interface {
	// add adds v (non-null), of the row numbered seq.
	add(v Value, seq int)
	// remove removes v of row seq, the oldest row added and not removed.
	remove(v Value, seq int)
	result() Value
}

// newSlider returns the sliding state of k, nil when k is recomputed.
func newSlider(k aggKind) slider {
	switch k.fn {
	case "count":
		return &countSlider{}
	case "dc", "values":
		return &setSlider{values: k.fn == "values", n: map[string]int{}}
	case "sum", "avg", "sumsq":
		return &sumSlider{fn: k.fn}
	case "min", "max", "range":
		return &minMaxSlider{fn: k.fn}
	case "first", "last":
		return &firstSlider{last: k.fn == "last"}
	}
	return nil
}

type countSlider struct{ n int }

func (s *countSlider) add(v Value, _ int)    { s.n += countOf(v) }
func (s *countSlider) remove(v Value, _ int) { s.n -= countOf(v) }

// countOf is what one value adds to count, as countState counts.
func countOf(v Value) int {
	if v.k == kindMulti {
		return len(v.mv)
	}
	return 1
}
func (s *countSlider) result() Value { return Num(float64(s.n)) }

type setSlider struct {
	values bool
	n      map[string]int
}

func (s *setSlider) add(v Value, _ int) {
	for _, x := range values(v) {
		s.n[x]++
	}
}

func (s *setSlider) remove(v Value, _ int) {
	for _, x := range values(v) {
		if s.n[x]--; s.n[x] <= 0 {
			delete(s.n, x)
		}
	}
}

func (s *setSlider) result() Value {
	if !s.values {
		return Num(float64(len(s.n)))
	}
	out := make([]string, 0, len(s.n))
	for k := range s.n {
		out = append(out, k)
	}
	slices.Sort(out)
	return mvOf(out)
}

// numbersOf calls f with each number in v, as numState reads them.
func numbersOf(v Value, f func(float64)) {
	if v.k == kindNum {
		f(v.f)
		return
	}
	for _, x := range values(v) {
		if n, ok := parseNumber(x); ok {
			f(n)
		}
	}
}

// ksum is a compensated (Neumaier) running sum: adding and later
// subtracting the same numbers leaves no rounding residue in practice, and
// sums of integers are exact.
type ksum struct{ s, c float64 }

func (k *ksum) add(x float64) {
	t := k.s + x
	if math.Abs(k.s) >= math.Abs(x) {
		k.c += (k.s - t) + x
	} else {
		k.c += (x - t) + k.s
	}
	k.s = t
}

func (k *ksum) value() float64 { return k.s + k.c }

// sumSlider is sum, avg and sumsq. Infinities and NaNs are counted
// apart, so that one leaving the window leaves a finite sum behind.
type sumSlider struct {
	fn               string
	n                int
	sum, sq          ksum
	pinf, ninf, nans int
}

func (s *sumSlider) add(v Value, _ int)    { numbersOf(v, func(f float64) { s.count(f, 1) }) }
func (s *sumSlider) remove(v Value, _ int) { numbersOf(v, func(f float64) { s.count(f, -1) }) }

func (s *sumSlider) count(f float64, d int) {
	s.n += d
	switch {
	case math.IsNaN(f):
		s.nans += d
	case math.IsInf(f, 1):
		s.pinf += d
	case math.IsInf(f, -1):
		s.ninf += d
	default:
		s.sum.add(float64(d) * f)
		s.sq.add(float64(d) * f * f)
	}
}

func (s *sumSlider) result() Value {
	if s.n == 0 {
		return Null()
	}
	sum, sq := s.sum.value(), s.sq.value()
	switch {
	case s.nans > 0 || (s.pinf > 0 && s.ninf > 0):
		sum, sq = math.NaN(), math.NaN()
	case s.pinf > 0:
		sum, sq = math.Inf(1), math.Inf(1)
	case s.ninf > 0:
		sum, sq = math.Inf(-1), math.Inf(1)
	}
	switch s.fn {
	case "avg":
		return Num(sum / float64(s.n))
	case "sumsq":
		return Num(sq)
	}
	return Num(sum)
}

// monoQueue holds the candidates for the minimum (or maximum) of a FIFO
// window: values in increasing (decreasing) order with the row each came
// from.
type monoQueue[T float64 | string] struct {
	max  bool
	seqs []int
	vals []T
	head int
}

func (q *monoQueue[T]) push(v T, seq int) {
	for len(q.vals) > q.head {
		last := q.vals[len(q.vals)-1]
		if (q.max && last > v) || (!q.max && last < v) {
			break
		}
		q.vals, q.seqs = q.vals[:len(q.vals)-1], q.seqs[:len(q.seqs)-1]
	}
	q.vals, q.seqs = append(q.vals, v), append(q.seqs, seq)
}

// drop removes the candidates of rows up to seq.
func (q *monoQueue[T]) drop(seq int) {
	for q.head < len(q.vals) && q.seqs[q.head] <= seq {
		q.head++
	}
	if q.head > 64 && q.head*2 > len(q.vals) {
		q.vals, q.seqs = append(q.vals[:0], q.vals[q.head:]...), append(q.seqs[:0], q.seqs[q.head:]...)
		q.head = 0
	}
}

func (q *monoQueue[T]) top() (T, bool) {
	if q.head == len(q.vals) {
		var zero T
		return zero, false
	}
	return q.vals[q.head], true
}

// minMaxSlider is min and max (numbers before strings, as minMaxState)
// and range.
type minMaxSlider struct {
	fn     string
	lo, hi monoQueue[float64]
	slo    monoQueue[string]
	shi    monoQueue[string]
	init   bool
}

func (s *minMaxSlider) add(v Value, seq int) {
	if !s.init {
		s.hi.max, s.shi.max, s.init = true, true, true
	}
	num := func(f float64) {
		if !math.IsNaN(f) {
			s.lo.push(f, seq)
			s.hi.push(f, seq)
		}
	}
	if v.k == kindNum {
		num(v.f)
		return
	}
	for _, x := range values(v) {
		if f, ok := parseNumber(x); ok {
			num(f)
		} else if s.fn != "range" {
			s.slo.push(x, seq)
			s.shi.push(x, seq)
		}
	}
}

func (s *minMaxSlider) remove(_ Value, seq int) {
	s.lo.drop(seq)
	s.hi.drop(seq)
	s.slo.drop(seq)
	s.shi.drop(seq)
}

func (s *minMaxSlider) result() Value {
	lo, okLo := s.lo.top()
	hi, _ := s.hi.top()
	switch {
	case s.fn == "range":
		if !okLo {
			return Null()
		}
		return Num(hi - lo)
	case okLo && s.fn == "max":
		return Num(hi)
	case okLo:
		return Num(lo)
	}
	q := &s.slo
	if s.fn == "max" {
		q = &s.shi
	}
	if x, ok := q.top(); ok {
		return Str(x)
	}
	return Null()
}

// firstSlider is first and last: the oldest or newest value in the
// window.
type firstSlider struct {
	last bool
	vals []Value
	head int
}

func (s *firstSlider) add(v Value, _ int) { s.vals = append(s.vals, v) }

func (s *firstSlider) remove(Value, int) {
	s.vals[s.head] = Value{}
	s.head++
	if s.head > 64 && s.head*2 > len(s.vals) {
		s.vals = append(s.vals[:0], s.vals[s.head:]...)
		s.head = 0
	}
}

func (s *firstSlider) result() Value {
	switch {
	case s.head == len(s.vals):
		return Null()
	case s.last:
		return s.vals[len(s.vals)-1]
	}
	return s.vals[s.head]
}
