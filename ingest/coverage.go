package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DataSourceSpec is what field coverage reads of one security_content data
// source (data_sources/*.yml): the add-on it names, the fields it lists and
// its example event.
type DataSourceSpec struct {
	Name       string
	File       string // the file's name
	Source     string
	Sourcetype string
	Separator  string // the field that tells the data source's events apart (EventCode)
	AddOn      string // supported_TA[0].name
	Version    string // supported_TA[0].version
	Fields     []string
	ExampleLog string
}

// ReadDataSources reads every contentDir/data_sources/*.yml, sorted by
// file name. Files that do not parse are returned as errors joined
// together, after the specs that do.
func ReadDataSources(contentDir string) ([]DataSourceSpec, error) {
	files, err := filepath.Glob(filepath.Join(contentDir, "data_sources", "*.yml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("ingest: no data_sources/*.yml under %s", contentDir)
	}
	slices.Sort(files)
	var specs []DataSourceSpec
	var errs []error
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var y struct {
			Name        string   `yaml:"name"`
			Source      string   `yaml:"source"`
			Sourcetype  string   `yaml:"sourcetype"`
			Separator   string   `yaml:"separator"`
			Fields      []string `yaml:"fields"`
			ExampleLog  string   `yaml:"example_log"`
			SupportedTA []struct {
				Name    string `yaml:"name"`
				Version string `yaml:"version"`
			} `yaml:"supported_TA"`
		}
		if err := yaml.Unmarshal(b, &y); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", filepath.Base(f), err))
			continue
		}
		s := DataSourceSpec{Name: y.Name, File: filepath.Base(f), Source: y.Source, Sourcetype: y.Sourcetype,
			Separator: y.Separator, Fields: y.Fields, ExampleLog: y.ExampleLog}
		if len(y.SupportedTA) > 0 {
			s.AddOn, s.Version = y.SupportedTA[0].Name, y.SupportedTA[0].Version
		}
		specs = append(specs, s)
	}
	return specs, errors.Join(errs...)
}

// FieldStatus is one listed field of a data source: whether spelunk gives
// it for the data source's example event (Produced; Why says why not) and
// whether an event of the data source in the given data has it (InData).
type FieldStatus struct {
	Field    string `json:"field"`
	Produced bool   `json:"produced"`
	Why      string `json:"why,omitempty"`
	InData   bool   `json:"in_data,omitempty"`
}

// SourceCoverage is the field coverage of one data source. Listed counts
// the listed fields other than Splunk's own (date_*, punct, splunk_server,
// ...), which spelunk does not make; Produced and InData count among them.
type SourceCoverage struct {
	Name       string        `json:"data_source"`
	File       string        `json:"file"`
	AddOn      string        `json:"add_on"`
	Version    string        `json:"version"`
	Example    bool          `json:"example"` // the example event was read
	Listed     int           `json:"listed"`
	Produced   int           `json:"produced"`
	DataEvents int           `json:"data_events"` // events of the data source in the data
	InData     int           `json:"in_data"`
	Fields     []FieldStatus `json:"fields"`
}

// AddOnTotal sums SourceCoverage per add-on and version.
type AddOnTotal struct {
	AddOn    string `json:"add_on"`
	Version  string `json:"version"`
	Sources  int    `json:"data_sources"`
	Listed   int    `json:"listed"`
	Produced int    `json:"produced"`
	InData   int    `json:"in_data"`
}

// Coverage is the field coverage of a content directory's data sources.
type Coverage struct {
	Sources []SourceCoverage `json:"data_sources"`
	AddOns  []AddOnTotal     `json:"add_ons"`
}

// splunkInternal reports fields Splunk itself adds at index or search time.
func splunkInternal(f string) bool {
	switch f {
	case "punct", "splunk_server", "linecount", "timestartpos", "timeendpos", "_raw", "_cd", "_bkt", "_si", "_indextime", "_serial", "_sourcetype", "date_zone":
		return true
	}
	return strings.HasPrefix(f, "date_") || strings.HasPrefix(f, "tag::")
}

// FieldCoverage checks, for each data source, which listed fields spelunk
// gives: the example event is read in the data source's format with its
// source and sourcetype and enriched with m (nil: DefaultMappings); a
// listed field is produced when the event then has it (metadata host,
// source, sourcetype, index and _time count as given). With data (files as for
// LoadEvents), each event is assigned to the data sources whose source and
// separator value (taken from the example) it shares, and InData says
// whether one of them has the field.
func FieldCoverage(ctx context.Context, specs []DataSourceSpec, data []string, m *Mappings) (*Coverage, error) {
	if m == nil {
		m = DefaultMappings()
	}
	targets := map[string]bool{}
	for _, x := range m.Fields {
		for _, r := range x.Fields {
			targets[r.Field] = true
		}
	}
	cov := &Coverage{}
	type key struct{ source, sepValue string }
	bySource := map[key][]int{}
	for _, s := range specs {
		sc := SourceCoverage{Name: s.Name, File: s.File, AddOn: s.AddOn, Version: s.Version}
		ex := exampleEvent(s, m)
		sc.Example = ex != nil
		for _, f := range s.Fields {
			st := FieldStatus{Field: f}
			switch {
			case splunkInternal(f):
				st.Why = "Splunk's own field"
			case ex == nil:
				st.Why = "no example event to read"
			case hasField(ex, f), metadataField(f):
				st.Produced = true
			case f == "eventtype" || f == "tag":
				st.Why = "no eventtype matches this event"
			case targets[f]:
				st.Why = "a rule gives it, not for this event (its source fields are missing or its conditions do not hold)"
			case inRawText(s.ExampleLog, f):
				st.Why = "in the example's raw text, not read as a field"
			default:
				st.Why = "no rule gives it"
			}
			if !splunkInternal(f) {
				sc.Listed++
				if st.Produced {
					sc.Produced++
				}
			}
			sc.Fields = append(sc.Fields, st)
		}
		if ex != nil && s.Separator != "" {
			if v, ok := ex.Lookup(s.Separator); ok {
				k := key{strings.ToLower(s.Source), v}
				bySource[k] = append(bySource[k], len(cov.Sources))
			}
		}
		cov.Sources = append(cov.Sources, sc)
	}
	if len(data) > 0 {
		seen := make([]map[string]bool, len(cov.Sources))
		_, _, err := Walk(ctx, data, Options{Mappings: m}, func(ev *Event) error {
			for _, sep := range separators(specs) {
				v, ok := ev.Lookup(sep)
				if !ok {
					continue
				}
				for _, i := range bySource[key{strings.ToLower(ev.Source), v}] {
					if specs[i].Separator != sep {
						continue
					}
					cov.Sources[i].DataEvents++
					if seen[i] == nil {
						seen[i] = map[string]bool{}
					}
					for _, f := range specs[i].Fields {
						if !seen[i][f] && hasField(ev, f) {
							seen[i][f] = true
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for i := range cov.Sources {
			sc := &cov.Sources[i]
			for j := range sc.Fields {
				st := &sc.Fields[j]
				st.InData = seen[i][st.Field]
				if st.InData && !splunkInternal(st.Field) {
					sc.InData++
				}
			}
		}
	}
	totals := map[[2]string]*AddOnTotal{}
	for _, sc := range cov.Sources {
		k := [2]string{sc.AddOn, sc.Version}
		t := totals[k]
		if t == nil {
			t = &AddOnTotal{AddOn: sc.AddOn, Version: sc.Version}
			totals[k] = t
		}
		t.Sources++
		t.Listed += sc.Listed
		t.Produced += sc.Produced
		t.InData += sc.InData
	}
	for _, t := range totals {
		cov.AddOns = append(cov.AddOns, *t)
	}
	slices.SortFunc(cov.AddOns, func(a, b AddOnTotal) int {
		return strings.Compare(a.AddOn+"\x00"+a.Version, b.AddOn+"\x00"+b.Version)
	})
	return cov, nil
}

// inRawText reports whether raw names f as a Data Name, an element, an
// attribute or a JSON key.
func inRawText(raw, f string) bool {
	for _, form := range [...]string{"'" + f + "'", `"` + f + `"`, "<" + f + ">", " " + f + "='", " " + f + `="`} {
		if strings.Contains(raw, form) {
			return true
		}
	}
	return false
}

// separators lists the distinct separator fields of specs.
func separators(specs []DataSourceSpec) []string {
	var out []string
	for _, s := range specs {
		if s.Separator != "" && !slices.Contains(out, s.Separator) {
			out = append(out, s.Separator)
		}
	}
	return out
}

// metadataField reports the fields every event has in spelunk, as in
// Splunk: _time, host, source, sourcetype, index.
func metadataField(f string) bool {
	switch f {
	case "_time", "host", "source", "sourcetype", "index":
		return true
	}
	return false
}

// hasField reports whether ev has f, metadata and _time included.
func hasField(ev *Event, f string) bool {
	if f == "_time" {
		return ev.Time != 0
	}
	_, ok := ev.Lookup(f)
	return ok
}

// exampleEvent reads s's example in the format its sourcetype names,
// with its source and sourcetype, enriched with m; nil when it cannot.
func exampleEvent(s DataSourceSpec, m *Mappings) *Event {
	if strings.TrimSpace(s.ExampleLog) == "" {
		return nil
	}
	format, ok := FormatForSourcetype(s.Sourcetype)
	if !ok {
		format = Detect([]byte(s.ExampleLog))
	}
	r, err := NewReader(strings.NewReader(s.ExampleLog), format)
	if err != nil {
		return nil
	}
	ev, err := r.Next()
	if err != nil || ev == nil {
		if err != nil && !errors.Is(err, io.EOF) {
			return nil
		}
		if ev == nil {
			return nil
		}
	}
	if s.Source != "" {
		ev.Source = s.Source
	}
	if s.Sourcetype != "" && ev.Sourcetype == "" {
		ev.Sourcetype = s.Sourcetype
	}
	if ev.Index == "" {
		ev.Index = "main"
	}
	if ev.Host == "" {
		for _, h := range []string{"Computer", "ComputerName", "host.name", "Hostname"} {
			if v, ok := ev.Lookup(h); ok {
				ev.Host = v
				break
			}
		}
	}
	m.Enrich(ev)
	return ev
}
