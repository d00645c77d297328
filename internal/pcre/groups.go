package pcre

import (
	"strconv"
	"unicode/utf8"
)

// Loc is one match: for group g (0 = whole match) loc[2g], loc[2g+1]
// are byte offsets into the subject, -1 when the group did not take part.
type Loc []int

// GroupNames returns the name of each group by number ("" for unnamed and
// for group 0), in the numbering FindAllIndex's matches use.
func (r *Regexp) GroupNames() []string {
	if r.unset() {
		return nil
	}
	if r.re2 != nil {
		return r.re2.SubexpNames()
	}
	nums := r.pc.GetGroupNumbers()
	maxN := 0
	for _, n := range nums {
		maxN = max(maxN, n)
	}
	names := make([]string, maxN+1)
	for _, n := range nums {
		if n == 0 {
			continue
		}
		name := r.pc.GroupNameFromNumber(n)
		if name != strconv.Itoa(n) {
			names[n] = name
		}
	}
	return names
}

// FindAllIndex returns up to limit matches in s (limit <= 0: all), left to
// right, non-overlapping.
func (r *Regexp) FindAllIndex(s string, limit int) ([]Loc, error) {
	if r.unset() {
		return nil, errNilRegexp()
	}
	if limit <= 0 {
		limit = -1
	}
	if r.re2 != nil {
		ms := r.re2.FindAllStringSubmatchIndex(s, limit)
		out := make([]Loc, len(ms))
		for i, m := range ms {
			out[i] = m
		}
		return out, nil
	}
	names := r.GroupNames()
	var off []int // rune index → byte offset, built for non-ASCII subjects
	byteAt := func(ri int) int {
		if off == nil {
			return ri
		}
		return off[ri]
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			off = make([]int, 0, len(s)+1)
			for b := range s {
				off = append(off, b)
			}
			off = append(off, len(s))
			break
		}
	}
	var out []Loc
	m, err := r.pc.FindStringMatch(s)
	for ; m != nil && err == nil; m, err = r.pc.FindNextMatch(m) {
		loc := make(Loc, 2*len(names))
		for i := range loc {
			loc[i] = -1
		}
		for g := range names {
			grp := m.GroupByNumber(g)
			if grp == nil || len(grp.Captures) == 0 {
				continue
			}
			loc[2*g], loc[2*g+1] = byteAt(grp.RuneIndex), byteAt(grp.RuneIndex+grp.RuneLength)
		}
		out = append(out, loc)
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	if err != nil {
		return nil, r.wrap(err)
	}
	return out, nil
}
