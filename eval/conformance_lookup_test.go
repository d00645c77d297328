package eval

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
)

// Lookup tables for the conformance suite: a `lookup NAME [opt=value ...]`
// line followed by CSV lines (header first) up to a blank line defines a
// table for the cases after it (README.md).

// confLookups is a LookupResolver over the tables a file defined.
type confLookups map[string]*LookupTable

// Lookup implements LookupResolver.
func (m confLookups) Lookup(name string) (*LookupTable, error) {
	if t, ok := m[name]; ok {
		return t, nil
	}
	if t, ok := m[strings.TrimSuffix(name, ".csv")]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("unknown lookup %s: %w", name, ErrLookupNotFound)
}

// pendingLookup is a lookup block being read.
type pendingLookup struct {
	def   LookupDef
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
	p := &pendingLookup{def: LookupDef{Name: words[0]}}
	for _, w := range words[1:] {
		k, v, ok := strings.Cut(w, "=")
		if !ok {
			return nil, fmt.Errorf("lookup option %q is not key=value", w)
		}
		switch k {
		case "match_type":
			p.def.MatchTypes = map[string]MatchType{}
			for _, part := range strings.Split(v, ",") {
				typ, field, _ := strings.Cut(strings.TrimSuffix(part, ")"), "(")
				switch typ {
				case "WILDCARD":
					p.def.MatchTypes[field] = MatchWildcard
				case "CIDR":
					p.def.MatchTypes[field] = MatchCIDR
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
func (p *pendingLookup) build() (*LookupTable, error) {
	r := csv.NewReader(strings.NewReader(strings.Join(p.lines, "\n")))
	r.FieldsPerRecord = -1
	all, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("lookup %s has no header", p.def.Name)
	}
	return NewLookupTable(p.def, all[0], all[1:])
}

// resolver returns m, or nil when the file defined no lookups (so that
// cases see "no lookups were given").
func (m confLookups) resolver() LookupResolver {
	if len(m) == 0 {
		return nil
	}
	return m
}
