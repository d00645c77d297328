package eval

import (
	"strings"

	"github.com/spelunk-dev/spelunk/internal/glob"
)

// Keyword terms of the search command (`search wmic`, `search "call
// create"`, `search *mimikatz*`) [D S-segment: Search Manual "Event
// segmentation and searching"; S-case; decisions marked I/U]:
//
// Splunk indexes an event's _raw as terms split at breakers, and a keyword
// matches the terms, case-insensitively. The default segmenters.conf
// breakers are
//
//	major: space \t \r \n [ ] < > ( ) { } | ! ; , ' " * & ? +
//	minor: / : = @ . - $ # % \ _
//
// (the list in the task brief put '=' among the major ones; Splunk lists it
// as minor). spelunk does not build an index; it checks _raw directly, so
// the rule becomes:
//
//   - a bare keyword matches when it occurs in _raw, ignoring case, starting
//     and ending at a term boundary: the byte before it is a breaker (major
//     or minor) or the start of _raw, the byte after it a breaker or the
//     end. `wmic` matches `C:\Windows\wbem\WMIC.exe /node:x` and `wmic.exe`
//     matches it too, but `mic` and `wmicx` do not [I: Splunk's lexicon
//     holds the minor segments, and a keyword containing minor breakers is
//     matched as the sequence of its segments]. A keyword that itself starts
//     or ends with a breaker needs no boundary on that side;
//   - a quoted phrase ("process call create") follows the same rule: it may
//     span breakers, spaces included, but its first and last characters must
//     fall on term boundaries [I: Splunk looks each of the phrase's terms up
//     in the index before it checks the phrase in _raw, so "rocess call"
//     finds nothing];
//   - '*' in a keyword or phrase matches any run of characters within one
//     major segment: it never spans a major breaker [I: wildcards expand
//     over the lexicon, which holds major segments]; a leading '*' lifts the
//     boundary rule on the left (`*mimikatz` matches `invoke-mimikatz`), a
//     trailing '*' on the right;
//   - CASE(term) matches term case-sensitively; TERM(term) matches term only
//     as a whole major segment: bounded by major breakers (or the ends of
//     _raw) on both sides, minor breakers inside allowed (TERM(127.0.0.1)
//     does not match 127.0.0.10, nor the 127.0.0.1 inside
//     "10.127.0.0.1") [D S-case];
//   - non-ASCII bytes are never breakers [I];
//   - rows without _raw (the results of stats, tstats, ...): the keyword
//     matches when any field value contains it, case-insensitively, '*' a
//     wildcard [I].
type termMatcher struct {
	pat       *glob.Search // *kw*: the keyword anywhere in a field value (rows without _raw)
	segs      []string     // the keyword split at '*', lower-cased unless caseSens
	caseSens  bool         // CASE(): compare bytes exactly
	majorOnly bool         // TERM(): bounded by major breakers only
}

// compileTerm compiles a keyword (escapes already applied).
func compileTerm(v string) *termMatcher {
	return compileTermMode(v, false, false)
}

// compileTermMode compiles a keyword with the CASE()/TERM() variants.
func compileTermMode(v string, caseSens, majorOnly bool) *termMatcher {
	t := &termMatcher{pat: glob.CompileSearch("*" + v + "*"), caseSens: caseSens, majorOnly: majorOnly}
	if !caseSens {
		v = glob.Lower(v)
	}
	t.segs = strings.Split(v, "*")
	return t
}

// isMajorBreaker reports whether c is one of Splunk's default major
// breakers.
func isMajorBreaker(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\f', '\v', '[', ']', '<', '>', '(', ')', '{', '}', '|', '!', ';', ',', '\'', '"', '*', '&', '?', '+':
		return true
	}
	return false
}

// isMinorBreaker reports whether c is one of Splunk's default minor
// breakers.
func isMinorBreaker(c byte) bool {
	switch c {
	case '/', ':', '=', '@', '.', '-', '$', '#', '%', '\\', '_':
		return true
	}
	return false
}

// matchRaw reports whether the keyword occurs in raw as described on
// termMatcher.
func (t *termMatcher) matchRaw(raw string) bool {
	if !t.caseSens {
		raw = glob.Lower(raw)
	}
	first := t.segs[0]
	if len(t.segs) == 1 {
		if first == "" {
			return true
		}
		for off := 0; off <= len(raw)-len(first); {
			i := strings.Index(raw[off:], first)
			if i < 0 {
				return false
			}
			i += off
			if t.boundaryBefore(raw, i, first) && t.boundaryAfter(raw, i+len(first), first) {
				return true
			}
			off = i + 1
		}
		return false
	}
	// The backtracking match below is fast on real events; a keyword of
	// many '*' pieces over a long run without major breakers could make it
	// try exponentially many placements, so past a budget of bytes scanned
	// the table of matchTable, linear in raw per piece, decides.
	budget := 8*len(raw) + 4096
	if first == "" {
		// Leading '*': the match may start anywhere; try each place the
		// next literal piece occurs.
		ok := t.matchFrom(raw, 0, 1, true, &budget)
		if budget < 0 {
			return t.matchTable(raw)
		}
		return ok
	}
	for off := 0; off <= len(raw)-len(first); {
		i := strings.Index(raw[off:], first)
		if i < 0 {
			return false
		}
		i += off
		if t.boundaryBefore(raw, i, first) && t.matchFrom(raw, i+len(first), 1, false, &budget) {
			return true
		}
		if budget < 0 {
			return t.matchTable(raw)
		}
		off = i + 1
	}
	return false
}

// matchFrom matches segs[k:] at raw[pos:], where a '*' precedes segs[k]:
// the gap up to segs[k] must hold no major breaker. anywhere says the gap
// may start at any position (a leading '*'), so it is not limited by major
// breakers before the first literal piece. The bytes it scans are taken
// from *budget; once it is spent the answer is false and the caller
// decides with matchTable.
func (t *termMatcher) matchFrom(raw string, pos, k int, anywhere bool, budget *int) bool {
	seg := t.segs[k]
	last := k == len(t.segs)-1
	if seg == "" {
		if last {
			return true // trailing '*': no right boundary
		}
		return t.matchFrom(raw, pos, k+1, anywhere, budget) // "**"
	}
	for off := pos; off <= len(raw)-len(seg); {
		if *budget < 0 {
			return false
		}
		i := strings.Index(raw[off:], seg)
		if i < 0 {
			*budget -= len(raw) - off
			return false
		}
		*budget -= i + 1 // the bytes scanned
		i += off
		if !anywhere {
			*budget -= i - pos
			if hasMajorBreaker(raw[pos:i]) {
				return false // later occurrences lie beyond the breaker too
			}
		}
		end := i + len(seg)
		if last {
			if t.boundaryAfter(raw, end, seg) {
				return true
			}
		} else if t.matchFrom(raw, end, k+1, false, budget) {
			return true
		}
		off = i + 1
	}
	return false
}

// matchTable decides matchRaw for a keyword with '*' (raw already
// lower-cased when matching ignores case) in O(len(raw) × pieces):
// from the last piece back, can[pos] says whether the pieces after a '*'
// match from pos on, the '*' gap holding no major breaker.
func (t *termMatcher) matchTable(raw string) bool {
	// "**" is one '*': drop empty middle pieces.
	segs := []string{t.segs[0]}
	for k := 1; k < len(t.segs)-1; k++ {
		if t.segs[k] != "" {
			segs = append(segs, t.segs[k])
		}
	}
	segs = append(segs, t.segs[len(t.segs)-1])
	n := len(raw)
	nextMajor := make([]int, n+1) // the first major breaker at or after pos, else n
	nextMajor[n] = n
	for pos := n - 1; pos >= 0; pos-- {
		if isMajorBreaker(raw[pos]) {
			nextMajor[pos] = pos
		} else {
			nextMajor[pos] = nextMajor[pos+1]
		}
	}
	can := make([]bool, n+1)   // the pieces after k-1 match from pos, gap limited
	anyAt := make([]bool, n+1) // same, the gap not limited (a leading '*')
	next := make([]int, n+2)
	last := len(segs) - 1
	for k := last; k >= 1; k-- {
		seg := segs[k]
		if seg == "" { // trailing '*'
			for pos := range can {
				can[pos], anyAt[pos] = true, true
			}
			continue
		}
		// next[pos]: the first place at or after pos where seg occurs and
		// the rest matches after it.
		next[n+1], next[n] = n+1, n+1
		for i := n - 1; i >= 0; i-- {
			next[i] = next[i+1]
			if strings.HasPrefix(raw[i:], seg) {
				end := i + len(seg)
				if (k == last && t.boundaryAfter(raw, end, seg)) || (k < last && can[end]) {
					next[i] = i
				}
			}
		}
		for pos := 0; pos <= n; pos++ {
			can[pos] = next[pos] <= nextMajor[pos]
			anyAt[pos] = next[pos] <= n
		}
	}
	first := segs[0]
	if first == "" {
		return anyAt[0]
	}
	for off := 0; off <= n-len(first); {
		i := strings.Index(raw[off:], first)
		if i < 0 {
			return false
		}
		i += off
		if t.boundaryBefore(raw, i, first) && can[i+len(first)] {
			return true
		}
		off = i + 1
	}
	return false
}

func hasMajorBreaker(s string) bool {
	for i := 0; i < len(s); i++ {
		if isMajorBreaker(s[i]) {
			return true
		}
	}
	return false
}

// boundaryBefore reports whether a match of piece at raw[i:] starts a term.
func (t *termMatcher) boundaryBefore(raw string, i int, piece string) bool {
	if i == 0 {
		return true
	}
	if t.majorOnly {
		return isMajorBreaker(raw[i-1])
	}
	return isBreaker(raw[i-1]) || isBreaker(piece[0])
}

// boundaryAfter reports whether a match ending at raw[:j] ends a term.
func (t *termMatcher) boundaryAfter(raw string, j int, piece string) bool {
	if j == len(raw) {
		return true
	}
	if t.majorOnly {
		return isMajorBreaker(raw[j])
	}
	return isBreaker(raw[j]) || isBreaker(piece[len(piece)-1])
}

func isBreaker(c byte) bool { return isMajorBreaker(c) || isMinorBreaker(c) }
