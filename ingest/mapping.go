package ingest

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/spelunk-dev/spelunk/cim"
)

// Mappings is the search-time knowledge that turns raw events into what
// detections search: the add-ons' field aliases and calculated fields
// (Fields), their eventtypes and tags (Eventtypes), and the data-model
// mappings that make events rows of CIM datasets (List). All of it is data:
// the embedded mappings/*.yaml files, whose format is documented at the top
// of mappings/README.yaml, extendable with a user file (ParseMappings,
// Extend).
type Mappings struct {
	// Fields are applied in order to every event; a rule never replaces a
	// field the event already has, so earlier (more specific) groups win.
	Fields []*Extraction
	// Eventtypes whose conditions hold add their name to the event's
	// multivalue eventtype field and their tags to its tag field.
	Eventtypes []*Eventtype
	// List maps events to data-model rows; an event enters the dataset of
	// every mapping whose conditions hold.
	List []*Mapping
	// Times say where and how events' _time is read, for the events
	// their conditions select: the first rule that holds applies
	// (Options.TimeField overrides them all).
	Times []*TimeRule

	disabled map[string]bool // names a user file disables (see Extend)

	compileOnce sync.Once          // builds compiledK on first use
	compiledK   *compiledKnowledge // names resolved to fieldIndex slots
}

// Extraction is a named group of search-time field rules for the events
// its conditions select (props.conf FIELDALIAS/EVAL/LOOKUP in small).
type Extraction struct {
	Name   string
	Match  []Condition
	Fields []FieldRule // in file order: a rule may read fields earlier rules set
}

// Eventtype is a named search whose matching events get its name in the
// eventtype field and its tags in the tag field. With TagsOnly it is a
// field-value tag instead (tags.conf [field=value], the file's tags:
// section): matching events get its tags, not its name.
type Eventtype struct {
	Name     string
	Match    []Condition
	Tags     []string
	TagsOnly bool
}

// Mapping maps the events that match it into rows of one dataset. A row
// takes every field the dataset declares from the event's field of the same
// name (after search-time fields), as Splunk's data models do; Fields adds
// or overrides fields with explicit rules.
type Mapping struct {
	Name    string
	Dataset string // "Endpoint.Processes"
	Match   []Condition
	Fields  []FieldRule
}

// Condition holds when a value of the first existing field of Field
// (metadata host/source/sourcetype/index included) satisfies it; with Any,
// of any existing field of Field. Values compare case-insensitively, as
// Splunk's search does. With In, one of the field's values must be in the
// list; with All, the field's values must include every listed value
// (tags); with neither, the field must exist.
type Condition struct {
	Field []string
	In    []string
	All   []string
	Not   bool // negates the condition
	// Any tests every existing field of Field, not only the first: the
	// Windows knowledge classifies events by source or channel
	// (Splunk's [source::XmlWinEventLog:Security] stanzas) with the
	// provider name as fallback, for events that carry one of them only.
	Any bool
}

// TimeRule reads the _time of the events its conditions select from a
// field (props.conf TIME_PREFIX, TIME_FORMAT and TZ in small): the first
// of Field that exists and reads in Format (as Options.TimeFormat:
// strptime-style or a Go layout, then the default formats), times without
// a zone in TZ (an IANA zone; default UTC). An event the rule selects
// without such a field keeps its reader's time and is counted.
type TimeRule struct {
	Name   string
	Match  []Condition
	Field  []string
	Format string
	TZ     string
	clock  *clock
}

// FieldRule computes one field.
type FieldRule struct {
	Field string   // the field set (for mappings: without dataset prefix)
	From  []string // event fields, the first that exists with a value not in Drop wins
	Drop  []string // values that do not count (case-sensitive): "-", ""
	// Func transforms the value: "basename" (text after the last \ or /),
	// "hex2dec" (0x1a2c → 6700; non-hex values are kept), "lower", "upper",
	// "regdata"/"regtype" (Sysmon registry Details "DWORD (0x1)" → 0x1 /
	// REG_DWORD), "argv0"/"argv_rest" (a command line's first token, quoted
	// or not, and the rest), "process4688" (the Windows add-on's 4688 process
	// from the template '{NewProcessName}|{Process_Command_Line}'), "digits"
	// (the digits after a non-digit prefix: "%%1936" → 1936),
	// "md5"/"sha1"/"sha256"/"imphash" (that hash of Sysmon's Hashes list). A func that
	// gives no value leaves the field null.
	Func string
	// Map replaces the value by the mapped one (keys compare
	// case-insensitively); a value not in Map gives Default, or no field
	// when Default is "".
	Map     map[string]string
	Default string
	// Template builds the value from fields: "{SubjectDomainName}\{SubjectUserName}";
	// every named field must exist with a value not in Drop.
	Template string
	Value    string // constant, when From and Template are empty
}

//go:embed mappings/*.yaml
var mappingFiles embed.FS

// defaultMappings parses the embedded files once; DefaultMappings hands
// out copies.
var defaultMappings = sync.OnceValues(func() (*Mappings, error) {
	entries, err := mappingFiles.ReadDir("mappings")
	if err != nil {
		return nil, err
	}
	all := &Mappings{}
	for _, e := range entries {
		data, err := mappingFiles.ReadFile("mappings/" + e.Name())
		if err != nil {
			return nil, err
		}
		m, err := ParseMappings(data)
		if err != nil {
			return nil, fmt.Errorf("ingest: mappings/%s: %w", e.Name(), err)
		}
		all.Fields = append(all.Fields, m.Fields...)
		all.Eventtypes = append(all.Eventtypes, m.Eventtypes...)
		all.List = append(all.List, m.List...)
		all.Times = append(all.Times, m.Times...)
	}
	return all, nil
})

// DefaultMappings returns the embedded knowledge: Windows (Security,
// System, Application, PowerShell) and Sysmon (Windows and Linux)
// search-time fields, eventtypes and tags, and the data-model mappings.
// The result is a copy the caller may modify.
func DefaultMappings() *Mappings {
	m, err := defaultMappings()
	if err != nil {
		panic(err.Error()) // the embedded files are tested; cannot happen
	}
	return &Mappings{Fields: slices.Clone(m.Fields), Eventtypes: slices.Clone(m.Eventtypes), List: slices.Clone(m.List), Times: slices.Clone(m.Times)}
}

// Extend returns m with user's entries merged in by name: an entry whose
// name m already has replaces it in place, a disabled one (`disabled:
// true` in the file) removes it, and new entries are added — new field
// groups before m's (so a user's fields win), new eventtypes and mappings
// after. Neither m nor user is modified; a nil m or user counts as empty.
func (m *Mappings) Extend(user *Mappings) *Mappings {
	if m == nil {
		m = &Mappings{}
	}
	if user == nil {
		user = &Mappings{}
	}
	out := &Mappings{}
	out.Fields = merge(m.Fields, user.Fields, user.disabled, func(e *Extraction) string { return e.Name }, true)
	out.Eventtypes = merge(m.Eventtypes, user.Eventtypes, user.disabled, func(e *Eventtype) string { return e.Name }, false)
	out.List = merge(m.List, user.List, user.disabled, func(e *Mapping) string { return e.Name }, false)
	out.Times = merge(m.Times, user.Times, user.disabled, func(e *TimeRule) string { return e.Name }, true)
	return out
}

func merge[T any](base, user []T, disabled map[string]bool, name func(T) string, prepend bool) []T {
	var out, added []T
	used := map[string]bool{}
	for _, b := range base {
		n := name(b)
		if disabled[n] {
			continue
		}
		i := slices.IndexFunc(user, func(u T) bool { return name(u) == n })
		if i >= 0 {
			out = append(out, user[i])
			used[n] = true
			continue
		}
		out = append(out, b)
	}
	for _, u := range user {
		if !used[name(u)] {
			added = append(added, u)
		}
	}
	if prepend {
		return append(added, out...)
	}
	return append(out, added...)
}

type yamlCondition struct {
	Field  yamlStrings `yaml:"field"`
	Equals *string     `yaml:"equals"`
	In     []string    `yaml:"in"`
	All    []string    `yaml:"all"`
	Not    bool        `yaml:"not"`
	Any    bool        `yaml:"any"`
}

type yamlRule struct {
	From     yamlStrings       `yaml:"from"`
	Drop     []string          `yaml:"drop"`
	Func     string            `yaml:"func"`
	Map      map[string]string `yaml:"map"`
	Default  string            `yaml:"default"`
	Template string            `yaml:"template"`
	Value    *string           `yaml:"value"`
}

// yamlStrings accepts a string or a list of strings.
type yamlStrings []string

func (s *yamlStrings) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = []string{n.Value}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*s = l
	return nil
}

// yamlRules is a mapping of field → rule that keeps the file's order.
type yamlRules []struct {
	name string
	rule yamlRule
	line int
}

func (r *yamlRules) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: fields must be a mapping of field: rule", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		var y yamlRule
		if err := n.Content[i+1].Decode(&y); err != nil {
			return err
		}
		*r = append(*r, struct {
			name string
			rule yamlRule
			line int
		}{n.Content[i].Value, y, n.Content[i].Line})
	}
	return nil
}

type yamlEventtype struct {
	Name     string          `yaml:"name"`
	Disabled bool            `yaml:"disabled"`
	Match    []yamlCondition `yaml:"match"`
	Tags     []string        `yaml:"tags"`
}

type yamlFile struct {
	Fields []struct {
		Name     string          `yaml:"name"`
		Disabled bool            `yaml:"disabled"`
		Match    []yamlCondition `yaml:"match"`
		Fields   yamlRules       `yaml:"fields"`
	} `yaml:"fields"`
	Eventtypes []yamlEventtype `yaml:"eventtypes"`
	FieldTags  []yamlEventtype `yaml:"tags"`
	Mappings   []struct {
		Name     string          `yaml:"name"`
		Disabled bool            `yaml:"disabled"`
		Dataset  string          `yaml:"dataset"`
		Match    []yamlCondition `yaml:"match"`
		Fields   yamlRules       `yaml:"fields"`
	} `yaml:"mappings"`
	Time []struct {
		Name     string          `yaml:"name"`
		Disabled bool            `yaml:"disabled"`
		Match    []yamlCondition `yaml:"match"`
		Field    yamlStrings     `yaml:"field"`
		Format   string          `yaml:"format"`
		TZ       string          `yaml:"tz"`
	} `yaml:"time"`
}

// ParseMappings parses one mappings file (format: mappings/README.yaml).
// The result holds only the file's entries; to extend the embedded
// knowledge, use DefaultMappings().Extend(parsed).
func ParseMappings(data []byte) (*Mappings, error) {
	var y yamlFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&y); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("mappings: %w", err)
	}
	ms := &Mappings{disabled: map[string]bool{}}
	seen := map[string]bool{}
	name := func(kind, n string, i int) (string, error) {
		if n == "" {
			return "", fmt.Errorf("mappings: %s %d has no name", kind, i+1)
		}
		if seen[kind+"\x00"+n] {
			return "", fmt.Errorf("mappings: duplicate %s name %q", kind, n)
		}
		seen[kind+"\x00"+n] = true
		return n, nil
	}
	for i, yf := range y.Fields {
		n, err := name("fields", yf.Name, i)
		if err != nil {
			return nil, err
		}
		if yf.Disabled {
			ms.disabled[n] = true
			continue
		}
		e := &Extraction{Name: n}
		if e.Match, err = conditions(n, yf.Match); err != nil {
			return nil, err
		}
		if e.Fields, err = rules(n, yf.Fields); err != nil {
			return nil, err
		}
		ms.Fields = append(ms.Fields, e)
	}
	fieldTags := len(y.Eventtypes)
	for i, ye := range append(y.Eventtypes, y.FieldTags...) {
		n, err := name("eventtype", ye.Name, i)
		if err != nil {
			return nil, err
		}
		if ye.Disabled {
			ms.disabled[n] = true
			continue
		}
		e := &Eventtype{Name: n, Tags: ye.Tags, TagsOnly: i >= fieldTags}
		if e.TagsOnly && len(e.Tags) == 0 {
			return nil, fmt.Errorf("mappings: tags %s: no tags", n)
		}
		if e.Match, err = conditions(n, ye.Match); err != nil {
			return nil, err
		}
		if len(e.Match) == 0 {
			return nil, fmt.Errorf("mappings: eventtype %s: no match", n)
		}
		ms.Eventtypes = append(ms.Eventtypes, e)
	}
	for i, yt := range y.Time {
		n, err := name("time", yt.Name, i)
		if err != nil {
			return nil, err
		}
		if yt.Disabled {
			ms.disabled[n] = true
			continue
		}
		tr := &TimeRule{Name: n, Field: yt.Field, Format: yt.Format, TZ: yt.TZ}
		if tr.Match, err = conditions(n, yt.Match); err != nil {
			return nil, err
		}
		if len(tr.Field) == 0 {
			return nil, fmt.Errorf("mappings: time %s: no field", n)
		}
		if tr.clock, err = newClock(tr.Field[0], tr.Format, tr.TZ); err != nil {
			return nil, fmt.Errorf("mappings: time %s: %w", n, err)
		}
		ms.Times = append(ms.Times, tr)
	}
	for i, ym := range y.Mappings {
		n, err := name("mapping", ym.Name, i)
		if err != nil {
			return nil, err
		}
		if ym.Disabled {
			ms.disabled[n] = true
			continue
		}
		m := &Mapping{Name: n, Dataset: ym.Dataset}
		if _, ok := cim.LookupDataset(m.Dataset); !ok || !strings.Contains(m.Dataset, ".") {
			return nil, fmt.Errorf("mappings: %s: unknown dataset %q (want Model.Dataset)", n, m.Dataset)
		}
		if m.Match, err = conditions(n, ym.Match); err != nil {
			return nil, err
		}
		if len(m.Match) == 0 {
			return nil, fmt.Errorf("mappings: %s: no match", n)
		}
		if m.Fields, err = rules(n, ym.Fields); err != nil {
			return nil, err
		}
		ms.List = append(ms.List, m)
	}
	return ms, nil
}

func conditions(name string, ycs []yamlCondition) ([]Condition, error) {
	var out []Condition
	for _, c := range ycs {
		if len(c.Field) == 0 {
			return nil, fmt.Errorf("mappings: %s: match without field", name)
		}
		if len(c.All) > 64 {
			return nil, fmt.Errorf("mappings: %s: more than 64 values in all", name)
		}
		cond := Condition{Field: c.Field, In: c.In, All: c.All, Not: c.Not, Any: c.Any}
		if c.Equals != nil {
			if c.In != nil {
				return nil, fmt.Errorf("mappings: %s: match with both equals and in", name)
			}
			cond.In = []string{*c.Equals}
		}
		out = append(out, cond)
	}
	return out, nil
}

func rules(name string, yr yamlRules) ([]FieldRule, error) {
	var out []FieldRule
	for _, r := range yr {
		y := r.rule
		fr := FieldRule{Field: r.name, From: y.From, Drop: y.Drop, Func: y.Func, Map: lowerKeys(y.Map), Default: y.Default, Template: y.Template}
		n := 0
		if len(y.From) > 0 {
			n++
		}
		if y.Template != "" {
			n++
		}
		if y.Value != nil {
			n++
			fr.Value = *y.Value
		}
		if n != 1 {
			return nil, fmt.Errorf("mappings: %s: field %s (line %d): give exactly one of from, template, value", name, r.name, r.line)
		}
		switch fr.Func {
		case "", "basename", "hex2dec", "lower", "upper", "regdata", "regtype", "argv0", "argv_rest", "process4688", "digits", "md5", "sha1", "sha256", "imphash":
		default:
			return nil, fmt.Errorf("mappings: %s: field %s (line %d): unknown func %q (basename, hex2dec, lower, upper, regdata, regtype, argv0, argv_rest, process4688, digits, md5, sha1, sha256, imphash)", name, r.name, r.line, fr.Func)
		}
		if fr.Default != "" && fr.Map == nil {
			return nil, fmt.Errorf("mappings: %s: field %s (line %d): default without map", name, r.name, r.line)
		}
		if fr.Template != "" {
			if _, ok := templateFields(fr.Template); !ok {
				return nil, fmt.Errorf("mappings: %s: field %s (line %d): bad template %q", name, r.name, r.line, fr.Template)
			}
		}
		out = append(out, fr)
	}
	return out, nil
}

func lowerKeys(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}

// templateFields lists the {names} of a template.
func templateFields(t string) ([]string, bool) {
	var names []string
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			return names, strings.IndexByte(t, '}') < 0
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 2 {
			return nil, false
		}
		names = append(names, t[i+1:i+j])
		t = t[i+j+1:]
	}
}
