package eval

import "context"

// Cancellation: Program.Run checks its context between commands, and
// every loop over rows (or other work that grows with the input) checks
// it once per checkEvery units through a ticker, so that a caller's
// deadline stops a run within a fraction of a second. Sorts check it from
// their comparisons (sortStable).

// checkEvery is how many rows or units of work pass between checks of
// the context.
const checkEvery = 256

// ticker counts work and checks a context every checkEvery units.
type ticker struct {
	ctx context.Context
	n   int
	err error
}

// tick counts one unit of work and reports the context's error, once it
// has one, every checkEvery units (and on every call after that).
func (t *ticker) tick() error {
	if t.err != nil {
		return t.err
	}
	t.n++
	if t.n < checkEvery {
		return nil
	}
	t.n = 0
	t.err = t.ctx.Err()
	return t.err
}

// add counts n units of work at once.
func (t *ticker) add(n int) error {
	t.n += n - 1
	return t.tick()
}

// sortStable sorts s stably by cmp (a merge sort), checking ctx every
// checkEvery comparisons; it returns ctx's error, leaving s in some order,
// when ctx ends first.
func sortStable[T any](ctx context.Context, s []T, cmp func(a, b T) int) error {
	t := &ticker{ctx: ctx}
	const run = 16
	n := len(s)
	// insertion sort of short runs
	for lo := 0; lo < n; lo += run {
		hi := min(lo+run, n)
		for i := lo + 1; i < hi; i++ {
			for j := i; j > lo && cmp(s[j-1], s[j]) > 0; j-- {
				s[j-1], s[j] = s[j], s[j-1]
			}
		}
		if err := t.add(run * 4); err != nil {
			return err
		}
	}
	if n <= run {
		return nil
	}
	src, dst := s, make([]T, n)
	for width := run; width < n; width *= 2 {
		for lo := 0; lo < n; lo += 2 * width {
			mid, hi := min(lo+width, n), min(lo+2*width, n)
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if cmp(src[j], src[i]) < 0 {
					dst[k] = src[j]
					j++
				} else {
					dst[k] = src[i]
					i++
				}
				k++
				if err := t.tick(); err != nil {
					return err
				}
			}
			k += copy(dst[k:], src[i:mid])
			copy(dst[k:], src[j:hi])
		}
		src, dst = dst, src
	}
	if &src[0] != &s[0] {
		copy(s, src)
	}
	return nil
}
