package ingest

import (
	"context"
	"errors"
	"fmt"
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
// it for the data source's example event or for an event of the data
// source in the given data (Produced), whether an event of the data has it
// (InData), and, when it is not produced, why: Excepted marks a field the
// events' content cannot give (coverage exceptions, Why citing the reason),
// else Why says what is missing.
type FieldStatus struct {
	Field    string `json:"field"`
	Produced bool   `json:"produced"`
	Excepted bool   `json:"excepted,omitempty"`
	Why      string `json:"why,omitempty"`
	InData   bool   `json:"in_data,omitempty"`
}

// SourceCoverage is the field coverage of one data source. Listed counts
// the listed fields other than Splunk's own (date_*, punct, splunk_server,
// ...), which spelunk does not make; Produced, Excepted and InData count
// among them. A data source is covered when Produced+Excepted == Listed.
type SourceCoverage struct {
	Name       string        `json:"data_source"`
	File       string        `json:"file"`
	AddOn      string        `json:"add_on"`
	Version    string        `json:"version"`
	Example    bool          `json:"example"`               // the example event was read
	ExampleCut bool          `json:"example_cut,omitempty"` // the example is cut short: read up to the cut
	Listed     int           `json:"listed"`
	Produced   int           `json:"produced"`
	Excepted   int           `json:"excepted"`
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
	Excepted int    `json:"excepted"`
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
// source and sourcetype and enriched with m (nil: DefaultMappings); an XML
// example cut short is read up to the cut. A listed field is produced when
// the event then has it (metadata host, source, sourcetype, index and
// _time count as given). With data (files as for LoadEvents), each event
// is assigned to the data sources whose source and separator value (taken
// from the example, else from the number that ends the data source's name)
// it shares; a field one of them has is InData, and produced too. A field
// not produced that the coverage exceptions (coverage_exceptions.yaml)
// name for the data source is Excepted, with their reason.
func FieldCoverage(ctx context.Context, specs []DataSourceSpec, data []string, m *Mappings) (*Coverage, error) {
	if m == nil {
		m = DefaultMappings()
	}
	excs, err := coverageExceptions()
	if err != nil {
		return nil, err
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
	examples := make([]*Event, len(specs))
	sepOf := make([]string, len(specs)) // the separator each data source's events are assigned by
	for i, s := range specs {
		sc := SourceCoverage{Name: s.Name, File: s.File, AddOn: s.AddOn, Version: s.Version}
		ex, cut := exampleEvent(s, m)
		examples[i] = ex
		sc.Example, sc.ExampleCut = ex != nil, cut
		sep, sepValue := s.Separator, ""
		if sep == "" && nameNumber(s.Name) != "" && windowsSourcetype(s.Sourcetype) {
			sep = "EventCode"
		}
		if ex != nil && sep != "" {
			sepValue, _ = ex.Lookup(sep)
		}
		if sepValue == "" && sep != "" {
			sepValue = nameNumber(s.Name)
		}
		if sepValue != "" {
			k := key{strings.ToLower(s.Source), sepValue}
			bySource[k] = append(bySource[k], i)
			sepOf[i] = sep
		}
		cov.Sources = append(cov.Sources, sc)
	}
	seen := make([]map[string]bool, len(cov.Sources))
	if len(data) > 0 {
		var seps []string
		for _, sep := range sepOf {
			if sep != "" && !slices.Contains(seps, sep) {
				seps = append(seps, sep)
			}
		}
		_, _, err := Walk(ctx, data, Options{Mappings: m}, func(ev *Event) error {
			for _, sep := range seps {
				v, ok := ev.Lookup(sep)
				if !ok {
					continue
				}
				for _, i := range bySource[key{strings.ToLower(ev.Source), v}] {
					if sepOf[i] != sep {
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
	}
	for i, s := range specs {
		sc := &cov.Sources[i]
		ex := examples[i]
		for _, f := range s.Fields {
			st := FieldStatus{Field: f, InData: seen[i][f]}
			switch {
			case splunkInternal(f):
				st.Why = "Splunk's own field"
			case ex != nil && (hasField(ex, f) || metadataField(f)), st.InData:
				st.Produced = true
			default:
				if why, ok := excs.lookup(s.File, f); ok {
					st.Excepted, st.Why = true, why
					break
				}
				switch {
				case ex == nil:
					st.Why = "no example event to read"
				case f == "eventtype" || f == "tag":
					st.Why = "no eventtype matches this event"
				case targets[f]:
					st.Why = "a rule gives it, not for this event (its source fields are missing or its conditions do not hold)"
				case sc.ExampleCut && !inRawText(s.ExampleLog, f) && sc.DataEvents == 0:
					st.Why = "not in the example, which is cut short, and no event of the data source in the data"
				case inRawText(s.ExampleLog, f):
					st.Why = "in the example's raw text, not read as a field"
				default:
					st.Why = "no rule gives it"
				}
			}
			if !splunkInternal(f) {
				sc.Listed++
				switch {
				case st.Produced:
					sc.Produced++
				case st.Excepted:
					sc.Excepted++
				}
				if st.InData {
					sc.InData++
				}
			}
			sc.Fields = append(sc.Fields, st)
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
		t.Excepted += sc.Excepted
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

// nameNumber is the number that ends a data source's name ("Windows Event
// Log Security 4698" → "4698"), "" when none.
func nameNumber(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	last := f[len(f)-1]
	if strings.Trim(last, "0123456789") != "" {
		return ""
	}
	return last
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
