// Package pcre compiles and runs regular expressions with PCRE syntax, the
// dialect of Splunk's regex engine. Patterns that Go's RE2 engine reads the
// same way run on it in linear time; the others run on regexp2, a
// backtracking engine, with a timeout on each match.
package pcre

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// DefaultTimeout bounds one match on the backtracking engine when Compile
// is given no timeout.
const DefaultTimeout = time.Second

// Regexp is a compiled regular expression with PCRE syntax (Splunk's engine)
// [D S-cmpfn: match uses PCRE]. Patterns Go's RE2 engine accepts and means
// the same by run on it (linear time); others — lookarounds, backreferences,
// atomic groups, possessive quantifiers, `$` (which in PCRE also matches
// before a final newline), \Z, \A... — on regexp2, with a match timeout.
// Named groups may be written (?<n>...), (?P<n>...) or (?'n'...). A nil or
// zero Regexp (not from Compile) fails its methods with an error.
type Regexp struct {
	src string
	re2 *regexp.Regexp
	pc  *regexp2.Regexp
}

// Compile compiles a PCRE pattern. timeout bounds one match on the
// backtracking engine (<= 0: DefaultTimeout); a match that runs longer
// fails with an error. The error for a bad pattern names the pattern.
func Compile(pat string, timeout time.Duration) (*Regexp, error) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	r := &Regexp{src: pat}
	if re2Safe(pat) {
		if re, err := regexp.Compile(pat); err == nil {
			r.re2 = re
			return r, nil
		}
	}
	conv := strings.ReplaceAll(pat, "(?P<", "(?<")
	re, err := regexp2.Compile(conv)
	if err != nil {
		return nil, fmt.Errorf("bad regular expression %q: %v", pat, err)
	}
	re.MatchTimeout = timeout
	r.pc = re
	return r, nil
}

// re2Safe reports whether pat has nothing RE2 would read differently from
// PCRE: no '$' (PCRE also matches before a final newline) and no escape
// RE2 lacks or reads otherwise.
func re2Safe(pat string) bool {
	for i := 0; i < len(pat); i++ {
		switch pat[i] {
		case '$':
			return false
		case '\\':
			if i+1 < len(pat) {
				switch pat[i+1] {
				case 'Z', 'G', 'K', 'R', 'X', 'h', 'H', 'v', 'V', 'e', 'c', 'o', 'N', 'g', 'k', 'x', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
					return false
				}
				i++
			}
		}
	}
	return true
}

// Match reports whether the pattern matches anywhere in s.
func (r *Regexp) Match(s string) (bool, error) {
	if r.unset() {
		return false, errNilRegexp()
	}
	if r.re2 != nil {
		return r.re2.MatchString(s), nil
	}
	ok, err := r.pc.MatchString(s)
	if err != nil {
		return false, r.wrap(err)
	}
	return ok, nil
}

// unset reports whether r is nil or zero (not from Compile): its methods
// then fail with errNilRegexp.
func (r *Regexp) unset() bool { return r == nil || r.re2 == nil && r.pc == nil }

// errNilRegexp is the error of a nil or zero Regexp.
func errNilRegexp() error { return errors.New("pcre: nil Regexp") }

func (r *Regexp) wrap(err error) error {
	return fmt.Errorf("regular expression %q: %v", r.src, err)
}

// Replace replaces every match in s by repl, where \0..\9 stand for the
// groups [D S-textfn: replace].
func (r *Regexp) Replace(s, repl string) (string, error) {
	if r.unset() {
		return "", errNilRegexp()
	}
	expand := func(group func(int) (string, bool)) string {
		if !strings.Contains(repl, `\`) {
			return repl
		}
		var b strings.Builder
		for i := 0; i < len(repl); i++ {
			c := repl[i]
			if c == '\\' && i+1 < len(repl) {
				d := repl[i+1]
				if '0' <= d && d <= '9' {
					g, _ := group(int(d - '0'))
					b.WriteString(g)
					i++
					continue
				}
				if d == '\\' {
					b.WriteByte('\\')
					i++
					continue
				}
			}
			b.WriteByte(c)
		}
		return b.String()
	}
	if r.re2 != nil {
		var b strings.Builder
		last := 0
		for _, m := range r.re2.FindAllStringSubmatchIndex(s, -1) {
			b.WriteString(s[last:m[0]])
			b.WriteString(expand(func(g int) (string, bool) {
				if 2*g+1 >= len(m) || m[2*g] < 0 {
					return "", false
				}
				return s[m[2*g]:m[2*g+1]], true
			}))
			last = m[1]
		}
		if last == 0 && b.Len() == 0 {
			return s, nil
		}
		b.WriteString(s[last:])
		return b.String(), nil
	}
	out, err := r.pc.ReplaceFunc(s, func(m regexp2.Match) string {
		return expand(func(g int) (string, bool) {
			grp := m.GroupByNumber(g)
			if grp == nil || len(grp.Captures) == 0 {
				return "", false
			}
			return grp.String(), true
		})
	}, -1, -1)
	if err != nil {
		return "", r.wrap(err)
	}
	return out, nil
}

// FindAll returns, for every match in s, the text of group 1 when the
// pattern has groups, else the whole match (makemv tokenizer=) [D].
func (r *Regexp) FindAll(s string) ([]string, error) {
	if r.unset() {
		return nil, errNilRegexp()
	}
	var out []string
	if r.re2 != nil {
		g := 0
		if r.re2.NumSubexp() > 0 {
			g = 1
		}
		for _, m := range r.re2.FindAllStringSubmatchIndex(s, -1) {
			if m[2*g] >= 0 {
				out = append(out, s[m[2*g]:m[2*g+1]])
			}
		}
		return out, nil
	}
	g := 0
	if len(r.pc.GetGroupNumbers()) > 1 {
		g = 1
	}
	m, err := r.pc.FindStringMatch(s)
	for ; m != nil && err == nil; m, err = r.pc.FindNextMatch(m) {
		if grp := m.GroupByNumber(g); grp != nil && len(grp.Captures) > 0 {
			out = append(out, grp.String())
		}
	}
	if err != nil {
		return nil, r.wrap(err)
	}
	return out, nil
}

// Cache compiles patterns that are only known at run time, once each. It
// is safe for concurrent use; create it with NewCache.
type Cache struct {
	timeout time.Duration
	m       sync.Map // pattern → *Regexp or error
}

// NewCache returns an empty cache whose patterns compile with timeout.
func NewCache(timeout time.Duration) *Cache { return &Cache{timeout: timeout} }

// Get returns pat compiled, compiling it on first use; a pattern that does
// not compile gives the same error every time.
func (c *Cache) Get(pat string) (*Regexp, error) {
	if c == nil {
		return nil, errors.New("pcre: nil Cache")
	}
	if v, ok := c.m.Load(pat); ok {
		if r, ok := v.(*Regexp); ok {
			return r, nil
		}
		return nil, v.(error)
	}
	r, err := Compile(pat, c.timeout)
	if err != nil {
		c.m.Store(pat, err)
		return nil, err
	}
	c.m.Store(pat, r)
	return r, nil
}
