package detections

import (
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spelunk-dev/spelunk/macros"
)

// Detection is one security_content detection, as its YAML file states it.
type Detection struct {
	ID        string
	Name      string
	Type      string // TTP, Anomaly, Hunting, Correlation
	Status    string // production, experimental, deprecated
	Search    string
	SearchLoc macros.Location // where the search text starts in File
	// Locate maps a byte offset of Search to where it was written in File,
	// exactly, whatever YAML quoting or folding the search uses.
	Locate func(off int) macros.Location
	File   string // the YAML file it was read from
	// Message is the risk message, with $field$ tokens: rba.message when
	// the detection has an rba: block, else tags.message.
	Message string
	// RiskScore is the risk score: the highest rba.risk_objects score
	// when the detection has an rba: block, else tags.risk_score.
	RiskScore   int
	Observables []Observable // tags.observable (the older schema)
	DataSources []string     // data_source
	Tests       []Test       // tests
	// RBA is the newer risk schema (rba: message, risk_objects,
	// threat_objects); nil when the file has no rba: block.
	RBA *RBA
	// Stories are the analytic stories it belongs to (tags.analytic_story).
	Stories []string
	// MITRE are its MITRE ATT&CK technique ids (tags.mitre_attack_id),
	// such as T1047 or T1003.003.
	MITRE []string
	// ManualTest is the reason the detection can only be tested by hand
	// (a manual_test field at the top level or under tags); empty when it
	// can be tested automatically.
	ManualTest string
}

// RBA is a detection's rba: block, the risk schema that replaced
// tags.observable, tags.message and tags.risk_score.
type RBA struct {
	Message       string         `yaml:"message"`
	RiskObjects   []RiskObject   `yaml:"risk_objects"`
	ThreatObjects []ThreatObject `yaml:"threat_objects"`
}

// RiskObject is an entry of rba.risk_objects: a result field naming the
// entity at risk (the Victim role of the older schema) and its score.
type RiskObject struct {
	Field string `yaml:"field"`
	Type  string `yaml:"type"`
	Score int    `yaml:"score"`
}

// ThreatObject is an entry of rba.threat_objects: a result field naming
// what the attacker used (the Attacker role of the older schema).
type ThreatObject struct {
	Field string `yaml:"field"`
	Type  string `yaml:"type"`
}

// Observable is an entry of tags.observable: a result field and its role.
type Observable struct {
	Name string   `yaml:"name"`
	Type string   `yaml:"type"`
	Role []string `yaml:"role"`
}

// Test is one entry of a detection's tests list.
type Test struct {
	Name       string       `yaml:"name"`
	AttackData []AttackData `yaml:"attack_data"`
	// ManualTest, when set, says why this test must be run by hand.
	ManualTest string `yaml:"manual_test"`
}

// AttackData is one data file a test replays, with its Splunk metadata.
type AttackData struct {
	Data       string `yaml:"data"`
	Source     string `yaml:"source"`
	Sourcetype string `yaml:"sourcetype"`
}

// detectionYAML is the part of the file spelunk reads.
type detectionYAML struct {
	ID         string   `yaml:"id"`
	Name       string   `yaml:"name"`
	Type       string   `yaml:"type"`
	Status     string   `yaml:"status"`
	Search     string   `yaml:"search"`
	DataSource []string `yaml:"data_source"`
	ManualTest string   `yaml:"manual_test"`
	Tags       struct {
		Message    string       `yaml:"message"`
		RiskScore  int          `yaml:"risk_score"`
		Observable []Observable `yaml:"observable"`
		ManualTest string       `yaml:"manual_test"`
		Stories    []string     `yaml:"analytic_story"`
		MITRE      []string     `yaml:"mitre_attack_id"`
	} `yaml:"tags"`
	RBA   *RBA   `yaml:"rba"`
	Tests []Test `yaml:"tests"`
}

// LoadFile reads one detection YAML file.
func LoadFile(path string) (*Detection, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads a detection from the YAML text data, naming it file in
// positions and errors.
func Parse(file string, data []byte) (*Detection, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &LoadError{File: file, Err: err}
	}
	var y detectionYAML
	if err := root.Decode(&y); err != nil {
		return nil, &LoadError{File: file, Err: err}
	}
	d := &Detection{
		ID: y.ID, Name: y.Name, Type: y.Type, Status: y.Status,
		Search: y.Search, File: file,
		Message: y.Tags.Message, RiskScore: y.Tags.RiskScore,
		Observables: y.Tags.Observable, DataSources: y.DataSource, Tests: y.Tests,
		RBA: y.RBA, ManualTest: y.ManualTest,
		Stories: y.Tags.Stories, MITRE: y.Tags.MITRE,
	}
	if d.ManualTest == "" {
		d.ManualTest = y.Tags.ManualTest
	}
	if r := y.RBA; r != nil {
		if r.Message != "" {
			d.Message = r.Message
		}
		if len(r.RiskObjects) > 0 {
			d.RiskScore = r.RiskObjects[0].Score
			for _, o := range r.RiskObjects[1:] {
				d.RiskScore = max(d.RiskScore, o.Score)
			}
		}
	}
	d.SearchLoc = valueLocation(file, &root, "search")
	d.Locate = macros.YAMLLocator(file, data, topLevelValue(&root, "search"))
	for _, req := range []struct{ key, val string }{{"name", d.Name}, {"search", d.Search}} {
		if strings.TrimSpace(req.val) == "" {
			// Without them nothing can name or run the detection. (contentctl
			// also requires id; spelunk check reports a missing one.)
			return nil, &LoadError{File: file, Err: fmt.Errorf("no %s: field", req.key)}
		}
	}
	return d, nil
}

// LoadError is a detection file that cannot be loaded: invalid YAML or a
// missing required field (name, search).
type LoadError struct {
	File string
	Err  error
}

// Error renders "file: problem".
func (e *LoadError) Error() string {
	switch {
	case e == nil:
		return "detections: nil LoadError"
	case e.Err == nil:
		return e.File + ": cannot load"
	}
	return e.File + ": " + e.Err.Error()
}

// Unwrap returns the underlying problem.
func (e *LoadError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// topLevelValue returns the value node of a top-level key, or nil.
func topLevelValue(root *yaml.Node, key string) *yaml.Node {
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == key {
			return doc.Content[i+1]
		}
	}
	return nil
}

// valueLocation finds where the value of a top-level key starts in the file.
// For quoted scalars that is just past the opening quote; for block scalars
// the first line of the block. YAML escapes (” in single quotes) can shift
// later columns of the same line slightly; lines stay exact for plain and
// single-quoted text.
func valueLocation(file string, root *yaml.Node, key string) macros.Location {
	loc := macros.Location{File: file, Line: 1, Col: 1}
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return loc
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value != key {
			continue
		}
		v := doc.Content[i+1]
		loc.Line, loc.Col = v.Line, v.Column
		switch v.Style {
		case yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
			loc.Col++
		case yaml.LiteralStyle, yaml.FoldedStyle:
			loc.Line++
			loc.Col = doc.Content[i].Column + 2
		}
		return loc
	}
	return loc
}
