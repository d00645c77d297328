package detections

import (
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spelunk-dev/spelunk/macros"
)

// checkedYAML is what Check reads of a detection file: only the fields it
// needs, picked from the top-level mapping without decoding the rest (tags,
// tests, ... are parsed as YAML, so syntax errors anywhere are still found,
// but not converted to Go values).
type checkedYAML struct {
	ID, Name, Status, Search string
	SearchLoc                macros.Location
	SearchNode               *yaml.Node // the search: value, for exact positions
}

// yamlLine finds the line number libyaml puts in its messages.
var yamlLine = regexp.MustCompile(`line (\d+): `)

// loadForCheck reads the fields Check needs from the YAML text data of
// file. A problem is returned as a load-stage Finding.
func loadForCheck(file string, data []byte) (*checkedYAML, *Finding) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlFinding(file, err)
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return nil, &Finding{
			File: file, Severity: SeverityError, Stage: StageLoad, Code: CodeYAMLError,
			Loc:     macros.Location{File: file, Line: max(doc.Line, 1), Col: max(doc.Column, 1)},
			Message: "a detection file must be a YAML mapping of fields (name:, id:, search:, ...)",
		}
	}
	y := &checkedYAML{}
	var searchNode *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		var dst *string
		switch k.Value {
		case "id":
			dst = &y.ID
		case "name":
			dst = &y.Name
		case "status":
			dst = &y.Status
		case "search":
			dst, searchNode = &y.Search, v
		default:
			continue
		}
		if v.Kind != yaml.ScalarNode {
			return nil, &Finding{
				File: file, Severity: SeverityError, Stage: StageLoad, Code: CodeYAMLError,
				Loc:     macros.Location{File: file, Line: v.Line, Col: v.Column},
				Message: k.Value + ": must be a string",
			}
		}
		*dst = v.Value
	}
	if strings.TrimSpace(y.Search) == "" {
		loc := macros.Location{File: file, Line: 1, Col: 1}
		if searchNode != nil {
			loc.Line, loc.Col = searchNode.Line, searchNode.Column
		}
		return y, &Finding{
			File: file, Detection: y.Name, ID: y.ID,
			Severity: SeverityError, Stage: StageLoad, Code: CodeMissingSearch,
			Loc: loc, Message: "the detection has no search",
		}
	}
	for _, req := range []struct{ key, val string }{{"name", y.Name}, {"id", y.ID}} {
		if strings.TrimSpace(req.val) == "" {
			return y, &Finding{
				File: file, Detection: y.Name, ID: y.ID,
				Severity: SeverityError, Stage: StageLoad, Code: CodeMissingField,
				Loc:     macros.Location{File: file, Line: 1, Col: 1},
				Message: "the detection has no " + req.key + " (contentctl requires name, id and search)",
			}
		}
	}
	y.SearchLoc = valueLocation(file, &root, "search")
	y.SearchNode = searchNode
	return y, nil
}

// yamlFinding turns a YAML syntax error into a Finding at the line libyaml
// names (column 1: libyaml reports no column).
func yamlFinding(file string, err error) *Finding {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	loc := macros.Location{File: file, Line: 1, Col: 1}
	if m := yamlLine.FindStringSubmatchIndex(msg); m != nil {
		if n, err := strconv.Atoi(msg[m[2]:m[3]]); err == nil && n > 0 {
			loc.Line = n
		}
		msg = msg[:m[0]] + msg[m[1]:]
	}
	return &Finding{
		File: file, Severity: SeverityError, Stage: StageLoad, Code: CodeYAMLError,
		Loc: loc, Message: "invalid YAML: " + strings.TrimSpace(msg),
	}
}
