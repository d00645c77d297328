package cim

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Dataset describes one data-model dataset that tstats can query.
type Dataset struct {
	Model      string   // "Endpoint"
	Name       string   // root dataset name, also the field prefix: "Processes"
	Tags       []string // tags the dataset's constraint requires: process, report
	Constraint string   // the dataset's base search (documentation only)
	Fields     []Field  // declared fields (inherited _time, host, source, sourcetype excluded)
	// Children are the dataset's child datasets, which tstats selects with
	// `where nodename=<Root>.<Child>`: each inherits the root's fields and
	// rows and narrows them with its own constraint.
	Children []Child
	// SearchDataset is true for a root the CIM documents as a "search
	// dataset" (Updates.Update_Errors, Malware.Malware_Operations) rather
	// than an event dataset. A bare model name never stands for one (see
	// LookupDataset).
	SearchDataset bool
}

// Child is a child dataset of a root dataset.
type Child struct {
	Name string // "Failed_Authentication"
	// Constraint is the child's own search, added to the root's: SPL
	// search syntax over the root's fields without prefix
	// (`action="failure"`), or tag terms (`tag=privileged`). Rows of the
	// root table that match it are the child's rows.
	Constraint string
	// Parent is the name of the parent child dataset when the child is
	// nested deeper ("" for a direct child of the root).
	Parent string
}

// Path is the child's lineage below the root, as tstats writes it after
// the root's prefix: "SSL", "Privileged_Authentication.Failed_Privileged_Authentication".
func (d *Dataset) Path(c Child) string {
	path := c.Name
	for p := c.Parent; p != ""; {
		pc, ok := d.Child(p)
		if !ok {
			break
		}
		path = pc.Name + "." + path
		p = pc.Parent
	}
	return path
}

// Child returns the child dataset called name (without the root prefix:
// "Failed_Authentication").
func (d *Dataset) Child(name string) (Child, bool) {
	if d == nil {
		return Child{}, false
	}
	for _, c := range d.Children {
		if c.Name == name {
			return c, true
		}
	}
	return Child{}, false
}

// Node resolves a tstats nodename ("Authentication.Failed_Authentication",
// "DNS", or a deeper path "All_Traffic.Blocked_Traffic") against the root
// dataset d. It returns the constraints to apply, outermost first (none
// when the nodename is the root itself), and false when the path does not
// name d or one of its children.
func (d *Dataset) Node(nodename string) ([]Child, bool) {
	if d == nil {
		return nil, false
	}
	parts := strings.Split(nodename, ".")
	if parts[0] != d.Name {
		return nil, false
	}
	var path []Child
	parent := ""
	for _, p := range parts[1:] {
		c, ok := d.Child(p)
		if !ok || c.Parent != parent {
			return nil, false
		}
		path = append(path, c)
		parent = c.Name
	}
	return path, true
}

// Field is a declared field of a dataset.
type Field struct {
	// Name is the field without the root prefix: "process_name". A field
	// declared by a child dataset carries the child's path, as tstats
	// names it after the root prefix: "SSL.ssl_issuer" is
	// All_Certificates.SSL.ssl_issuer.
	Name string
	// Owner is the path of the child dataset that declares the field
	// ("SSL"), "" for the root's own fields. Finish does not apply the
	// calculations of child-owned fields: whether a row belongs to a child
	// whose constraint is a tag is not known to a table [D].
	Owner string
	// Unknown is true for the CIM's calculated fields that become the
	// string "unknown" when the source leaves them null or empty.
	Unknown bool
	// Type is "string", "number", "time" or "bool" as the data model
	// declares it. Values are stored as strings whatever the type.
	Type string
	// Multivalue is true for fields the model declares multivalue.
	Multivalue bool
	// ES is true for Enterprise Security asset/identity fields, which no
	// add-on sets.
	ES bool
	// Default is the value a null or empty field takes ("unknown" when
	// Unknown is true, "0" for Ports.dest_port); "" means no default.
	Default string
	// DeriveFrom names a command-line field this one is derived from when
	// it is null or empty (process_name from process): see CommandBasename.
	DeriveFrom string
	// Fallback lists fields whose first non-null value a null field takes
	// before Default applies (vendor_product falls back to sourcetype).
	Fallback []string
	// Lower is true when the dataset's constraint lower-cases the field
	// (Processes.process_integrity_level).
	Lower bool
	// NotNumber, when set, replaces a value that is not a number (null
	// included): "drop" makes it null, anything else is the replacement
	// (Ports.src_port uses "0").
	NotNumber string
	// LengthOf names a field whose length in characters this one is
	// calculated as, when that field is not null (Web.url_length is
	// len(url)).
	LengthOf string
}

// FullName is the dataset as tstats names it: "Endpoint.Processes".
func (d *Dataset) FullName() string {
	if d == nil {
		return ""
	}
	return d.Model + "." + d.Name
}

// Field returns the declared field called name.
func (d *Dataset) Field(name string) (Field, bool) {
	if d == nil {
		return Field{}, false
	}
	for _, f := range d.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// LookupDataset returns the root dataset that a tstats `from datamodel=`
// names: "Model.Dataset" ("Endpoint.Processes", "Network_Resolution.DNS"),
// or a bare model name ("Network_Resolution", "Authentication") when the
// model has exactly one root event dataset, which it then stands for. A
// model with several root event datasets (Endpoint) must be given with its
// dataset. Search datasets (SearchDataset) do not count: "Updates" is
// Updates.Updates although the model also has Updates.Update_Errors [U:
// Splunk's model-only tstats reads the whole model summary, in which rows
// of other roots have none of the chosen root's prefixed fields, so this
// differs only for searches that neither filter nor group on such a
// field]. Names are case-sensitive, as in Splunk.
func LookupDataset(name string) (*Dataset, bool) {
	var roots []*Dataset
	for _, d := range Datasets() {
		if d.FullName() == name {
			return d, true
		}
		if d.Model == name && !d.SearchDataset {
			roots = append(roots, d)
		}
	}
	if len(roots) == 1 {
		return roots[0], true
	}
	return nil, false
}

// Models returns the data-model names in the embedded definitions, in
// file order, each once.
func Models() []string {
	var out []string
	for _, d := range Datasets() {
		if !slices.Contains(out, d.Model) {
			out = append(out, d.Model)
		}
	}
	return out
}

// Datasets returns every dataset spelunk knows, freshly built (callers may
// modify the result). The definitions are the embedded models/*.yaml files.
func Datasets() []*Dataset {
	ds, err := parsedModels()
	if err != nil {
		// The embedded files are tested; this only happens if they are broken.
		panic(err)
	}
	out := make([]*Dataset, len(ds))
	for i, d := range ds {
		out[i] = d.clone()
	}
	return out
}

func (d *Dataset) clone() *Dataset {
	c := *d
	c.Tags = slices.Clone(d.Tags)
	c.Fields = slices.Clone(d.Fields)
	c.Children = slices.Clone(d.Children)
	for i := range c.Fields {
		c.Fields[i].Fallback = slices.Clone(c.Fields[i].Fallback)
	}
	return &c
}

//go:embed models/*.yaml
var modelFiles embed.FS

// parsedModels parses the embedded model files once; the result is shared
// and never modified (Datasets hands out copies).
var parsedModels = sync.OnceValues(func() ([]*Dataset, error) {
	names, err := modelFiles.ReadDir("models")
	if err != nil {
		return nil, err
	}
	var all []*Dataset
	for _, e := range names {
		data, err := modelFiles.ReadFile("models/" + e.Name())
		if err != nil {
			return nil, err
		}
		ds, err := ParseModel(data)
		if err != nil {
			return nil, fmt.Errorf("cim: models/%s: %w", e.Name(), err)
		}
		all = append(all, ds...)
	}
	return all, nil
})

type yamlModel struct {
	Model    string `yaml:"model"`
	Datasets []struct {
		Name          string   `yaml:"name"`
		Tags          []string `yaml:"tags"`
		Constraint    string   `yaml:"constraint"`
		SearchDataset bool     `yaml:"search_dataset"`
		Children      []struct {
			Name       string      `yaml:"name"`
			Constraint string      `yaml:"constraint"`
			Parent     string      `yaml:"parent"`
			Fields     []yamlField `yaml:"fields"`
		} `yaml:"children"`
		Fields []yamlField `yaml:"fields"`
	} `yaml:"datasets"`
}

type yamlField struct {
	Name       string   `yaml:"name"`
	Type       string   `yaml:"type"`
	Multivalue bool     `yaml:"multivalue"`
	ES         bool     `yaml:"es"`
	Unknown    bool     `yaml:"unknown"`
	Default    string   `yaml:"default"`
	DeriveFrom string   `yaml:"derive_from"`
	Fallback   []string `yaml:"fallback"`
	Lower      bool     `yaml:"lower"`
	NotNumber  string   `yaml:"not_number"`
	LengthOf   string   `yaml:"length_of"`
}

// ParseModel parses one data-model definition in the format of the
// embedded models/endpoint.yaml (documented at its top).
func ParseModel(data []byte) ([]*Dataset, error) {
	var m yamlModel
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	if m.Model == "" {
		return nil, fmt.Errorf("missing model name")
	}
	var out []*Dataset
	for _, yd := range m.Datasets {
		if yd.Name == "" {
			return nil, fmt.Errorf("model %s: dataset without a name", m.Model)
		}
		d := &Dataset{Model: m.Model, Name: yd.Name, Tags: yd.Tags, Constraint: yd.Constraint, SearchDataset: yd.SearchDataset}
		seen := map[string]bool{}
		addFields := func(owner string, yfs []yamlField) error {
			for _, yf := range yfs {
				f, err := parseField(d, owner, yf)
				if err != nil {
					return err
				}
				if seen[f.Name] {
					return fmt.Errorf("dataset %s: duplicate field %q", d.FullName(), f.Name)
				}
				seen[f.Name] = true
				d.Fields = append(d.Fields, f)
			}
			return nil
		}
		if err := addFields("", yd.Fields); err != nil {
			return nil, err
		}
		for _, yc := range yd.Children {
			if yc.Name == "" || yc.Constraint == "" {
				return nil, fmt.Errorf("dataset %s: child without a name or constraint", d.FullName())
			}
			if yc.Parent != "" {
				if _, ok := d.Child(yc.Parent); !ok {
					return nil, fmt.Errorf("dataset %s: child %s: parent %q not declared before it", d.FullName(), yc.Name, yc.Parent)
				}
			}
			if _, dup := d.Child(yc.Name); dup {
				return nil, fmt.Errorf("dataset %s: duplicate child %s", d.FullName(), yc.Name)
			}
			c := Child{Name: yc.Name, Constraint: yc.Constraint, Parent: yc.Parent}
			d.Children = append(d.Children, c)
			if err := addFields(d.Path(c), yc.Fields); err != nil {
				return nil, err
			}
		}
		out = append(out, d)
	}
	return out, nil
}

// parseField checks one declared field; owner is the path of the child
// that declares it ("" for the root), which prefixes its name.
func parseField(d *Dataset, owner string, yf yamlField) (Field, error) {
	if yf.Name == "" {
		return Field{}, fmt.Errorf("dataset %s: field without a name", d.FullName())
	}
	f := Field{Name: yf.Name, Owner: owner, Type: yf.Type, Multivalue: yf.Multivalue, ES: yf.ES,
		Unknown: yf.Unknown, Default: yf.Default, DeriveFrom: yf.DeriveFrom,
		Fallback: yf.Fallback, Lower: yf.Lower, NotNumber: yf.NotNumber, LengthOf: yf.LengthOf}
	if owner != "" {
		f.Name = owner + "." + yf.Name
	}
	switch f.Type {
	case "":
		f.Type = "string"
	case "string", "number", "time", "bool":
	default:
		return Field{}, fmt.Errorf("dataset %s: field %s: unknown type %q", d.FullName(), f.Name, f.Type)
	}
	if f.Unknown {
		if f.Default != "" && f.Default != "unknown" {
			return Field{}, fmt.Errorf("dataset %s: field %s: unknown and default %q", d.FullName(), f.Name, f.Default)
		}
		f.Default = "unknown"
	}
	return f, nil
}
