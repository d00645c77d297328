package spltest

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/eval"
)

// Lookup tables of a script: a `lookup NAME [opt=value ...]` line followed
// by CSV lines (header first) up to a blank line defines a table for the
// cases after it.

// pendingLookup is a lookup block being read.
type pendingLookup struct {
	def   eval.LookupDef
	lines []string
}

// parseLookupHeader reads `NAME opt=value ...`; the options are those of
// security_content's lookup YAML: match_type (WILDCARD(f), CIDR(f), comma
// separated without spaces), case_sensitive_match, min_matches,
// max_matches, default_match.
func parseLookupHeader(rest string) (*pendingLookup, error) {
	words := strings.Fields(rest)
	if len(words) == 0 {
		return nil, fmt.Errorf("lookup needs a name")
	}
	p := &pendingLookup{def: eval.LookupDef{Name: words[0]}}
	for _, w := range words[1:] {
		k, v, ok := strings.Cut(w, "=")
		if !ok {
			return nil, fmt.Errorf("lookup option %q is not key=value", w)
		}
		switch k {
		case "match_type":
			p.def.MatchTypes = map[string]eval.MatchType{}
			for _, part := range strings.Split(v, ",") {
				typ, field, _ := strings.Cut(strings.TrimSuffix(part, ")"), "(")
				switch typ {
				case "WILDCARD":
					p.def.MatchTypes[field] = eval.MatchWildcard
				case "CIDR":
					p.def.MatchTypes[field] = eval.MatchCIDR
				default:
					return nil, fmt.Errorf("match_type %q", part)
				}
			}
		case "case_sensitive_match":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return nil, err
			}
			p.def.CaseInsensitive = !b
		case "min_matches", "max_matches":
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, err
			}
			if k == "min_matches" {
				p.def.MinMatches = n
			} else {
				p.def.MaxMatches = n
			}
		case "default_match":
			p.def.DefaultMatch = v
		default:
			return nil, fmt.Errorf("unknown lookup option %q", k)
		}
	}
	return p, nil
}

// build parses the CSV lines into a table.
func (p *pendingLookup) build() (*eval.LookupTable, error) {
	r := csv.NewReader(strings.NewReader(strings.Join(p.lines, "\n")))
	r.FieldsPerRecord = -1
	all, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("lookup %s has no header", p.def.Name)
	}
	return eval.NewLookupTable(p.def, all[0], all[1:])
}

// tables is a LookupResolver over a script's tables, then next (when
// not nil).
type tables struct {
	m    map[string]*eval.LookupTable
	next eval.LookupResolver
}

// Lookup implements eval.LookupResolver: a table by its name or as
// NAME.csv.
func (r tables) Lookup(name string) (*eval.LookupTable, error) {
	if t, ok := r.m[name]; ok {
		return t, nil
	}
	if t, ok := r.m[strings.TrimSuffix(name, ".csv")]; ok {
		return t, nil
	}
	if r.next != nil {
		return r.next.Lookup(name)
	}
	return nil, fmt.Errorf("unknown lookup %s: %w", name, eval.ErrLookupNotFound)
}

// resolver is the resolver a case runs with: its script's tables, then
// next; nil when there are neither (the case sees "no lookups were
// given").
func resolver(m map[string]*eval.LookupTable, next eval.LookupResolver) eval.LookupResolver {
	if len(m) == 0 {
		return next
	}
	return tables{m: m, next: next}
}
