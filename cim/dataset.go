package cim

import (
	"embed"
	"fmt"
	"slices"
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
}

// Field is a declared field of a dataset.
type Field struct {
	Name string // without prefix: "process_name"
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
}

// FullName is the dataset as tstats names it: "Endpoint.Processes".
func (d *Dataset) FullName() string { return d.Model + "." + d.Name }

// Field returns the declared field called name.
func (d *Dataset) Field(name string) (Field, bool) {
	for _, f := range d.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// LookupDataset returns the dataset called name ("Endpoint.Processes").
func LookupDataset(name string) (*Dataset, bool) {
	for _, d := range Datasets() {
		if d.FullName() == name {
			return d, true
		}
	}
	return nil, false
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
		Name       string   `yaml:"name"`
		Tags       []string `yaml:"tags"`
		Constraint string   `yaml:"constraint"`
		Fields     []struct {
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
		} `yaml:"fields"`
	} `yaml:"datasets"`
}

// ParseModel parses one data-model definition in the format of the
// embedded models/endpoint.yaml (documented at its top).
func ParseModel(data []byte) ([]*Dataset, error) {
	var m yamlModel
	if err := yaml.Unmarshal(data, &m); err != nil {
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
		d := &Dataset{Model: m.Model, Name: yd.Name, Tags: yd.Tags, Constraint: yd.Constraint}
		seen := map[string]bool{}
		for _, yf := range yd.Fields {
			if yf.Name == "" || seen[yf.Name] {
				return nil, fmt.Errorf("dataset %s: empty or duplicate field %q", d.FullName(), yf.Name)
			}
			seen[yf.Name] = true
			f := Field{Name: yf.Name, Type: yf.Type, Multivalue: yf.Multivalue, ES: yf.ES,
				Unknown: yf.Unknown, Default: yf.Default, DeriveFrom: yf.DeriveFrom,
				Fallback: yf.Fallback, Lower: yf.Lower, NotNumber: yf.NotNumber}
			switch f.Type {
			case "":
				f.Type = "string"
			case "string", "number", "time", "bool":
			default:
				return nil, fmt.Errorf("dataset %s: field %s: unknown type %q", d.FullName(), f.Name, f.Type)
			}
			if f.Unknown {
				if f.Default != "" && f.Default != "unknown" {
					return nil, fmt.Errorf("dataset %s: field %s: unknown and default %q", d.FullName(), f.Name, f.Default)
				}
				f.Default = "unknown"
			}
			d.Fields = append(d.Fields, f)
		}
		out = append(out, d)
	}
	return out, nil
}
