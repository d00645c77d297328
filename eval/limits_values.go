package eval

import (
	"strings"

	"github.com/spelunk-dev/spelunk/internal/pcre"
)

// The value limits (Options.MaxValueLen, MaxMultivalue) as expressions
// apply them: every function result and `.` is bounded, and the functions
// whose result can dwarf their arguments (printf, replace, mvjoin,
// mvrange) check before building it.

// valueTooLong reports a value of n bytes over the value limit.
func (c *ectx) valueTooLong(n int) Value {
	return c.failLimit("a value of %d bytes is longer than the limit of %d bytes", n, c.opts.maxValueLen())
}

// bound returns v, or null after recording the error when v is longer
// than the value limit or has more values than the multivalue limit.
func (c *ectx) bound(v Value) Value {
	switch v.k {
	case kindStr:
		if len(v.s) > c.opts.maxValueLen() {
			return c.valueTooLong(len(v.s))
		}
	case kindMulti:
		if len(v.mv) > c.opts.maxMultivalue() {
			return c.failLimit("a multivalue of %d values has more than the limit of %d", len(v.mv), c.opts.maxMultivalue())
		}
		n := 0
		for _, s := range v.mv {
			n += len(s)
		}
		if n > c.opts.maxValueLen() {
			return c.valueTooLong(n)
		}
	}
	return v
}

// concatBounded is concat (`.`) refusing a result over the value limit
// before building it.
func concatBounded(c *ectx, a, b Value) Value {
	a, b = first(a), first(b)
	if a.k == kindNull || b.k == kindNull {
		return Null()
	}
	as, bs := a.String(), b.String()
	n := len(as) + len(bs)
	if n > c.opts.maxValueLen() {
		return c.valueTooLong(n)
	}
	if !c.reserve(n) {
		return Null()
	}
	return Str(as + bs)
}

// replaceTooLong reports (and records) a replace() of s by repl whose
// result could pass the value limit. Matches do not overlap, so the result
// is at most len(s)·(1+refs) + matches·len(repl), refs being the group
// references (\N) in repl; when that bound with a match at every position
// could pass the limit, the matches are counted first.
func (c *ectx) replaceTooLong(r *pcre.Regexp, s, repl string) bool {
	limit := float64(c.opts.maxValueLen())
	refs := float64(strings.Count(repl, `\`))
	bound := func(matches int) float64 {
		return float64(len(s))*(1+refs) + float64(matches)*float64(len(repl))
	}
	if bound(len(s)+1) <= limit {
		return false
	}
	most := len(s) + 1
	if len(repl) > 0 {
		most = min(most, int(limit)/len(repl)+1)
	}
	locs, err := r.FindAllIndex(s, most)
	if err != nil {
		c.fail(err)
		return true
	}
	if n := bound(len(locs)); n > limit {
		c.failLimit("replace() could make a value of %.0f bytes, longer than the limit of %.0f bytes", n, limit)
		return true
	}
	return false
}
