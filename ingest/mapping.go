package ingest

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spelunk-dev/spelunk/cim"
)

// Mappings turn events into data-model rows: which events enter which
// dataset and how their fields become the dataset's fields. The format is
// documented at the top of the embedded mappings/sysmon.yaml.
type Mappings struct {
	List []*Mapping
}

// Mapping maps the events that match it into rows of one dataset.
type Mapping struct {
	Name    string
	Dataset string // "Endpoint.Processes"
	Match   []Condition
	Fields  []FieldRule // sorted by Field
}

// Condition holds when the first existing field of Field equals Equals.
type Condition struct {
	Field  []string
	Equals string
}

// FieldRule computes one dataset field.
type FieldRule struct {
	Field string   // the dataset field, without prefix
	From  []string // event fields, first existing wins
	Func  string   // "" or "basename"
	Drop  []string // values that leave the field null
	Value string   // constant, when From is empty
}

//go:embed mappings/sysmon.yaml
var sysmonYAML []byte

// DefaultMappings returns the embedded mappings (Sysmon EventID 1 →
// Endpoint.Processes), freshly parsed.
func DefaultMappings() *Mappings {
	m, err := ParseMappings(sysmonYAML)
	if err != nil {
		panic("ingest: embedded mappings: " + err.Error()) // tested; cannot happen
	}
	return m
}

type yamlMappings struct {
	Mappings []struct {
		Name    string `yaml:"name"`
		Dataset string `yaml:"dataset"`
		Match   []struct {
			Field  []string `yaml:"field"`
			Equals string   `yaml:"equals"`
		} `yaml:"match"`
		Fields map[string]struct {
			From  []string `yaml:"from"`
			Func  string   `yaml:"func"`
			Drop  []string `yaml:"drop"`
			Value *string  `yaml:"value"`
		} `yaml:"fields"`
	} `yaml:"mappings"`
}

// ParseMappings parses a mappings file (format: see mappings/sysmon.yaml).
func ParseMappings(data []byte) (*Mappings, error) {
	var y yamlMappings
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&y); err != nil {
		return nil, fmt.Errorf("mappings: %w", err)
	}
	ms := &Mappings{}
	for i, ym := range y.Mappings {
		m := &Mapping{Name: ym.Name, Dataset: ym.Dataset}
		if m.Name == "" {
			m.Name = fmt.Sprintf("mapping %d", i+1)
		}
		if _, ok := cim.LookupDataset(m.Dataset); !ok {
			return nil, fmt.Errorf("mappings: %s: unknown dataset %q", m.Name, m.Dataset)
		}
		for _, c := range ym.Match {
			if len(c.Field) == 0 {
				return nil, fmt.Errorf("mappings: %s: match without field", m.Name)
			}
			m.Match = append(m.Match, Condition{Field: c.Field, Equals: c.Equals})
		}
		for name, r := range ym.Fields {
			fr := FieldRule{Field: name, From: r.From, Func: r.Func, Drop: r.Drop}
			switch {
			case r.Value != nil && len(r.From) > 0:
				return nil, fmt.Errorf("mappings: %s: field %s: both from and value", m.Name, name)
			case r.Value != nil:
				fr.Value = *r.Value
			case len(r.From) == 0:
				return nil, fmt.Errorf("mappings: %s: field %s: neither from nor value", m.Name, name)
			}
			if fr.Func != "" && fr.Func != "basename" {
				return nil, fmt.Errorf("mappings: %s: field %s: unknown func %q", m.Name, name, fr.Func)
			}
			m.Fields = append(m.Fields, fr)
		}
		sort.Slice(m.Fields, func(i, j int) bool { return m.Fields[i].Field < m.Fields[j].Field })
		ms.List = append(ms.List, m)
	}
	return ms, nil
}

// Matches reports whether ev satisfies every condition of m.
func (m *Mapping) Matches(ev *Event) bool {
	for _, c := range m.Match {
		v, ok := first(ev, c.Field)
		if !ok || v != c.Equals {
			return false
		}
	}
	return true
}

// Apply computes the mapped fields of ev, calling set for each non-null
// one.
func (m *Mapping) Apply(ev *Event, set func(field, value string)) {
	for _, r := range m.Fields {
		if len(r.From) == 0 {
			set(r.Field, r.Value)
			continue
		}
		v, ok := first(ev, r.From)
		if !ok {
			continue
		}
		if r.Func == "basename" {
			v = cim.Basename(v)
		}
		dropped := false
		for _, d := range r.Drop {
			if v == d {
				dropped = true
				break
			}
		}
		if !dropped {
			set(r.Field, v)
		}
	}
}

func first(ev *Event, names []string) (string, bool) {
	for _, n := range names {
		if v, ok := ev.Get(n); ok {
			return v, true
		}
	}
	return "", false
}
