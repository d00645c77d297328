package eval

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/spelunk-dev/spelunk/internal/glob"
)

// LookupResolver gives the lookup, inputlookup and from commands their
// tables. name is what the search wrote: a lookup definition's name
// ("3cx_ioc_domains") or a file name ("hosts.csv"). Implementations load
// each table once and must be safe for concurrent use; the package lookups
// implements it over a content directory's lookups/ folder.
//
// Errors should wrap ErrLookupNotFound when no such lookup is known and
// ErrLookupUnavailable when it is known but cannot be read locally (a
// KV-store collection, an ML model, a file the content does not ship);
// the message should say how to supply it.
type LookupResolver interface {
	Lookup(name string) (*LookupTable, error)
}

// LookupChecker is optionally implemented by a LookupResolver that can tell
// cheaply, without reading the table, whether a lookup can be resolved.
// Compile calls it so that `spelunk check` reports unusable lookups; a
// resolver without it is only asked at run time.
type LookupChecker interface {
	CheckLookup(name string) error
}

// ErrLookupNotFound is wrapped by resolver errors for unknown lookups.
var ErrLookupNotFound = errors.New("lookup not found")

// ErrLookupUnavailable is wrapped by resolver errors for lookups that
// exist but cannot be read locally (KV store, ML model, missing file).
var ErrLookupUnavailable = errors.New("lookup not available locally")

// MatchType is how a lookup column is compared with event values
// (transforms.conf match_type) [D S-transforms].
type MatchType uint8

// The match types.
const (
	MatchExact    MatchType = iota // the whole value (default)
	MatchWildcard                  // the table value is a pattern, '*' any run of characters
	MatchCIDR                      // the table value is an address or CIDR block; events hold IPs
)

// DefaultMaxMatches is the max_matches of a lookup that sets none:
// transforms.conf documents 1000 for lookups without a time field [D].
const DefaultMaxMatches = 1000

// LookupDef is the definition of a lookup (a transforms.conf stanza, or a
// security_content lookups/*.yml file) [D S-transforms].
type LookupDef struct {
	Name string
	// MatchTypes maps a column to its match type; absent columns are exact.
	MatchTypes map[string]MatchType
	// CaseInsensitive is case_sensitive_match=false: values compare
	// case-insensitively (Splunk's default is case-sensitive).
	CaseInsensitive bool
	// MinMatches: when fewer rows match, DefaultMatch fills the remaining
	// output values (0: no default).
	MinMatches int
	// MaxMatches: at most this many rows, in file order, match one input
	// (0: DefaultMaxMatches).
	MaxMatches int
	// DefaultMatch is the output value when fewer than MinMatches rows
	// match; empty means none.
	DefaultMatch string
}

// LookupTable is a loaded, indexed lookup: CSV columns and rows plus the
// definition's match rules. Empty cells are null. A LookupTable is
// immutable and safe for concurrent use.
type LookupTable struct {
	def   LookupDef
	cols  []string
	col   map[string]int
	rows  [][]string
	exact []map[string][]int32 // per column: key → rows, for exact columns
	wild  [][]glob.Glob        // per wildcard column: one pattern per row [D S-transforms: match_type WILDCARD]
	cidr  [][]netip.Prefix     // per CIDR column: one prefix per row (invalid: no match)
}

// NewLookupTable indexes header and rows (CSV records; short rows are
// padded with empty cells) under def. Exact columns get a hash index,
// wildcard patterns and CIDR blocks are compiled once.
func NewLookupTable(def LookupDef, header []string, rows [][]string) (*LookupTable, error) {
	if len(header) == 0 {
		return nil, fmt.Errorf("lookup %s: no header row", def.Name)
	}
	if def.MaxMatches <= 0 {
		def.MaxMatches = DefaultMaxMatches
	}
	t := &LookupTable{def: def, cols: header, col: make(map[string]int, len(header)), rows: rows}
	for i, h := range header {
		if _, dup := t.col[h]; !dup {
			t.col[h] = i
		}
	}
	// A match_type naming a column the table lacks is ignored [I: several
	// security_content definitions do this (applockereventcodes names
	// AppLocker_Event_Code, the file has EventCode) and Splunk runs them].
	for i := range rows {
		if len(rows[i]) < len(header) {
			r := make([]string, len(header))
			copy(r, rows[i])
			rows[i] = r
		}
	}
	t.exact = make([]map[string][]int32, len(header))
	t.wild = make([][]glob.Glob, len(header))
	t.cidr = make([][]netip.Prefix, len(header))
	for c, name := range header {
		switch def.MatchTypes[name] {
		case MatchWildcard:
			pats := make([]glob.Glob, len(rows))
			for r, row := range rows {
				pats[r] = glob.New(t.fold(row[c]))
			}
			t.wild[c] = pats
		case MatchCIDR:
			ps := make([]netip.Prefix, len(rows))
			for r, row := range rows {
				ps[r] = parseCIDR(row[c])
			}
			t.cidr[c] = ps
		default:
			m := make(map[string][]int32)
			for r, row := range rows {
				if row[c] != "" {
					k := t.fold(row[c])
					m[k] = append(m[k], int32(r))
				}
			}
			t.exact[c] = m
		}
	}
	return t, nil
}

// Name is the lookup's name.
func (t *LookupTable) Name() string {
	if t == nil {
		return ""
	}
	return t.def.Name
}

// Def returns the lookup's definition.
func (t *LookupTable) Def() LookupDef {
	if t == nil {
		return LookupDef{}
	}
	return t.def
}

// Columns are the table's columns in file order.
func (t *LookupTable) Columns() []string {
	if t == nil {
		return nil
	}
	return append([]string(nil), t.cols...)
}

// Len is the number of rows.
func (t *LookupTable) Len() int {
	if t == nil {
		return 0
	}
	return len(t.rows)
}

func (t *LookupTable) fold(s string) string {
	if t.def.CaseInsensitive {
		return strings.ToLower(s)
	}
	return s
}

// column returns the index of name, or -1.
func (t *LookupTable) column(name string) int {
	if c, ok := t.col[name]; ok {
		return c
	}
	return -1
}

// match returns up to limit rows, in file order, whose input columns cols
// all match vals.
func (t *LookupTable) match(cols []int, vals []string, limit int) []int32 {
	keys := make([]string, len(vals))
	for i, v := range vals {
		keys[i] = t.fold(v)
	}
	var cand []int32
	indexed := -1
	for i, c := range cols {
		if t.exact[c] != nil {
			cand, indexed = t.exact[c][keys[i]], i
			if len(cand) == 0 {
				return nil
			}
			break
		}
	}
	var out []int32
	test := func(r int32) bool {
		for i, c := range cols {
			if i == indexed {
				continue
			}
			if !t.cellMatches(c, int(r), keys[i], vals[i]) {
				return false
			}
		}
		return true
	}
	if indexed >= 0 {
		for _, r := range cand {
			if test(r) {
				if out = append(out, r); len(out) >= limit {
					break
				}
			}
		}
		return out
	}
	for r := range t.rows {
		if test(int32(r)) {
			if out = append(out, int32(r)); len(out) >= limit {
				break
			}
		}
	}
	return out
}

// cellMatches tests one cell: key is the folded event value, raw the
// original (CIDR parsing).
func (t *LookupTable) cellMatches(c, r int, key, raw string) bool {
	switch {
	case t.wild[c] != nil:
		return t.rows[r][c] != "" && t.wild[c][r].Match(key)
	case t.cidr[c] != nil:
		p := t.cidr[c][r]
		if !p.IsValid() {
			return false
		}
		a, err := netip.ParseAddr(strings.TrimSpace(raw))
		return err == nil && p.Contains(a.Unmap())
	}
	return t.rows[r][c] != "" && t.fold(t.rows[r][c]) == key
}

// cell returns row r's value in column c; empty cells are null.
func (t *LookupTable) cell(r int32, c int) (string, bool) {
	s := t.rows[r][c]
	return s, s != ""
}

// parseCIDR reads a CIDR block or a single address (a /32 or /128);
// anything else is the invalid Prefix, which matches nothing.
func parseCIDR(s string) netip.Prefix {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		if p.Addr().Is4In6() {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		return p.Masked()
	}
	if a, err := netip.ParseAddr(s); err == nil {
		a = a.Unmap()
		return netip.PrefixFrom(a, a.BitLen())
	}
	return netip.Prefix{}
}
