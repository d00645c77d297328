package eval

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/internal/glob"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTermMatchRaw(t *testing.T) {
	for _, tc := range []struct {
		term, raw string
		caseSens  bool
		major     bool
		want      bool
	}{
		{term: "wmic", raw: `C:\wbem\WMIC.exe /node:x`, want: true},
		{term: "wmic", raw: `wmicx`},
		{term: "mic", raw: `wmic`},
		{term: "wmic.exe", raw: `x\WMIC.exe y`, want: true},
		{term: "wmic.exe", raw: `x\WMIC.exes`},
		{term: "-enc", raw: `powershell -enc AAA`, want: true},  // starts with a breaker
		{term: "-enc", raw: `powershell x-enc AAA`, want: true}, // no left boundary needed
		{term: "name", raw: `user_name=bob`, want: true},        // _ is a minor breaker
		{term: "bob", raw: `name=bob`, want: true},              // = is a minor breaker
		{term: "a~b", raw: `x a~b y`, want: true},               // ~ is no breaker, inside the term
		{term: "b", raw: `a~b`},                                 // ~ is no breaker
		{term: "mimi*", raw: `Invoke-Mimikatz`, want: true},     // - bounds the term
		{term: "*katz", raw: `Invoke-Mimikatz;`, want: true},    // leading * lifts the left boundary
		{term: "*katz", raw: `mimikatzx`},                       // right boundary still needed
		{term: "wmic*create", raw: `wmic process call create`},  // * does not span spaces
		{term: "system32*wmic", raw: `C:\System32\wbem\wmic.exe`, want: true},
		{term: "a*b*c", raw: `x a.b.c`, want: true},
		{term: "a*b*c", raw: `xa.b.c`}, // "a" does not start a term
		{term: "a*b*c", raw: `a.b c`},
		{term: "**", raw: ``, want: true},
		{term: "", raw: `x`, want: true},
		{term: "WMIC", raw: `x wmic`, caseSens: true},
		{term: "WMIC", raw: `x WMIC`, caseSens: true, want: true},
		{term: "10.0.0.1", raw: `ip=10.0.0.1`, major: true},
		{term: "10.0.0.1", raw: `ip 10.0.0.1,`, major: true, want: true},
		{term: "10.0.0.1", raw: `10.0.0.1`, major: true, want: true},
		{term: "é", raw: `café`}, // non-ASCII bytes are not breakers
		{term: "call create", raw: `process call create`, want: true},
		{term: "rocess call", raw: `process call create`},
	} {
		m := compileTermMode(tc.term, tc.caseSens, tc.major)
		if got := m.matchRaw(tc.raw); got != tc.want {
			t.Errorf("%q (case %v, TERM %v) in %q = %v, want %v", tc.term, tc.caseSens, tc.major, tc.raw, got, tc.want)
		}
	}
}

func TestParseSearchTime(t *testing.T) {
	opts := &Options{Now: time.Unix(1700000000, 0), Location: time.UTC}
	for _, tc := range []struct {
		in   string
		want float64
		bad  bool
	}{
		{in: "now", want: 1700000000},
		{in: "-24h", want: 1700000000 - 86400},
		{in: "@d", want: 1699920000},
		{in: "-1d@d", want: 1699833600},
		{in: "rt-5m", want: 1700000000 - 300},
		{in: "1699990000", want: 1699990000},
		{in: "0", want: 0},
		{in: "11/14/2023:00:00:00", want: 1699920000},
		{in: "11/14/2023", want: 1699920000},
		{in: "yesterday", bad: true},
		{in: "13/45/2023:00:00:00", bad: true},
		{in: "", bad: true},
		{in: "-5", bad: true},
	} {
		got, err := parseSearchTime(tc.in, opts)
		if (err != nil) != tc.bad || (!tc.bad && got != tc.want) {
			t.Errorf("parseSearchTime(%q) = %v, %v; want %v (error %v)", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

// FuzzTermMatchRaw: _raw is untrusted input; matching never panics and
// does not depend on the case of _raw.
func FuzzTermMatchRaw(f *testing.F) {
	f.Add("wmic*node", `C:\WMIC.exe /node:x`)
	f.Add("*a*", "")
	f.Add("x", "\xff\xfeX")
	f.Fuzz(func(t *testing.T, term, raw string) {
		m := compileTerm(term)
		got := m.matchRaw(raw)
		if isASCII(raw) && isASCII(term) && m.matchRaw(strings.ToUpper(raw)) != got {
			t.Errorf("%q in %q: case changes the answer", term, raw)
		}
		compileTermMode(term, true, true).matchRaw(raw)
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// TestTermMatchTable: the linear-time table gives the backtracking
// match's answer on random keywords and events of breakers, letters and
// '*' pieces (the backtracking given an unbounded budget).
func TestTermMatchTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab.- A*\xbc")
	word := func(n int) string {
		b := make([]byte, rng.IntN(n))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 20000 {
		term, raw := word(7), strings.ReplaceAll(word(24), "*", "x")
		if !strings.Contains(term, "*") {
			continue
		}
		for _, m := range []*termMatcher{compileTerm(term), compileTermMode(term, true, false), compileTermMode(term, false, true)} {
			r := raw
			if !m.caseSens {
				r = glob.Lower(raw)
			}
			budget := math.MaxInt
			var want bool
			if m.segs[0] == "" {
				want = m.matchFrom(r, 0, 1, true, &budget)
			} else {
				for i := 0; i <= len(r)-len(m.segs[0]) && !want; i++ {
					want = strings.HasPrefix(r[i:], m.segs[0]) && m.boundaryBefore(r, i, m.segs[0]) && m.matchFrom(r, i+len(m.segs[0]), 1, false, &budget)
				}
			}
			require.Equal(t, want, m.matchTable(r), "%q in %q (case %v, major %v)", term, raw, m.caseSens, m.majorOnly)
		}
	}
}

// TestTermMatchManyPieces: a keyword of many '*' pieces over a long run
// without major breakers ends at once (it backtracked for minutes).
func TestTermMatchManyPieces(t *testing.T) {
	raw := strings.Repeat("\xbc", 200) + strings.Repeat("\xa6", 5000)
	m := compileTerm("*\xbc\xe8*\xbc*\xbc*\xbc*\xbc*0")
	start := time.Now()
	assert.False(t, m.matchRaw(raw))
	assert.Less(t, time.Since(start), 5*time.Second)
}
