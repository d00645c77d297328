package macros

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/diag"
	"go.yaml.in/yaml/v3"
)

// LoadDir loads every *.yml, *.yaml (security_content's macros/ folder) and
// *.conf (Splunk macros.conf) file directly in dir, in name order. Files are opened
// through an os.Root, so symbolic links cannot reach outside dir.
// Subdirectories are ignored. Loading continues past a bad file; the
// returned error joins one *Error per bad file, each naming file:line:col.
func (l *Library) LoadDir(dir string) error {
	if l == nil {
		return errNilLibrary("LoadDir")
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return &Error{Loc: Location{File: dir}, Code: diag.CodeReadError, Msg: "cannot open macro directory: " + errText(err)}
	}
	defer root.Close()
	fsys := root.FS()
	ents, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return &Error{Loc: Location{File: dir}, Code: diag.CodeReadError, Msg: "cannot read macro directory: " + errText(err)}
	}
	var errs []error
	for _, ent := range ents {
		name := ent.Name()
		if ent.IsDir() || !(strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".conf")) {
			continue
		}
		file := filepath.Join(dir, name)
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, &Error{Loc: Location{File: file}, Code: diag.CodeReadError, Msg: "cannot read macro file: " + errText(err)})
			continue
		}
		if err := l.loadBytes(file, data); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// LoadFile loads one macro file: a Splunk macros.conf (a name ending in
// .conf, or, for a name that ends in neither .conf nor .yml/.yaml, content
// whose first significant line is a [stanza]) or a security_content macro
// YAML file, which may hold several YAML documents, one macro each. Nothing
// is added when the file has an error.
func (l *Library) LoadFile(path string) error {
	if l == nil {
		return errNilLibrary("LoadFile")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return &Error{Loc: Location{File: path}, Code: diag.CodeReadError, Msg: "cannot read macro file: " + errText(err)}
	}
	return l.loadBytes(path, data)
}

// loadBytes parses data (named file in Locations) and adds its macros.
func (l *Library) loadBytes(file string, data []byte) error {
	parse := parseMacroYAML
	if isConfFormat(file, data) {
		parse = parseMacroConf
	}
	ents, err := parse(file, data)
	if err != nil {
		return err
	}
	for _, e := range ents {
		l.add(e)
	}
	return nil
}

func parseMacroYAML(file string, data []byte) ([]*entry, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var out []*entry
	// Every document consumes at least one byte; the bound guards against a
	// decoder that stops making progress.
	for range len(data) + 2 {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, yamlError(file, err)
		}
		if len(doc.Content) == 0 {
			continue
		}
		top := doc.Content[0]
		if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
			continue
		}
		e, err := parseMacroNode(file, data, top)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// argNameRE is what macros.conf allows in argument names.
var argNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func parseMacroNode(file string, data []byte, n *yaml.Node) (*entry, error) {
	nodeErr := func(n *yaml.Node, format string, a ...any) error {
		return &Error{Loc: Location{File: file, Line: n.Line, Col: n.Column}, Code: diag.CodeMacroDefinition, Msg: fmt.Sprintf(format, a...)}
	}
	if n.Kind != yaml.MappingNode {
		return nil, nodeErr(n, "macro file must be a mapping with name and definition")
	}
	var name, def *yaml.Node
	var args []string
	var extra Macro // optional settings: description, iseval, validation, errormsg
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "name":
			if v.Kind != yaml.ScalarNode {
				return nil, nodeErr(v, "macro name must be a string")
			}
			name = v
		case "definition":
			if v.Kind != yaml.ScalarNode {
				return nil, nodeErr(v, "macro definition must be a string")
			}
			def = v
		case "description", "validation", "errormsg":
			if v.Kind != yaml.ScalarNode {
				return nil, nodeErr(v, "macro %s must be a string", k.Value)
			}
			switch k.Value {
			case "description":
				extra.Description = v.Value
			case "validation":
				extra.Validation = v.Value
			default:
				extra.ErrorMsg = v.Value
			}
		case "iseval":
			b, ok := parseConfBool(v.Value)
			if v.Kind != yaml.ScalarNode || !ok {
				return nil, nodeErr(v, "macro iseval must be true or false")
			}
			extra.IsEval = b
		case "arguments":
			switch {
			case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
			case v.Kind == yaml.SequenceNode:
				for _, a := range v.Content {
					if a.Kind != yaml.ScalarNode || !argNameRE.MatchString(a.Value) {
						return nil, nodeErr(a, "invalid macro argument name %q (letters, digits, _ and - only)", a.Value)
					}
					if slices.Contains(args, a.Value) {
						return nil, nodeErr(a, "duplicate macro argument %q", a.Value)
					}
					args = append(args, a.Value)
				}
			default:
				return nil, nodeErr(v, "macro arguments must be a list")
			}
		}
	}
	switch {
	case name == nil:
		return nil, nodeErr(n, "macro has no name")
	case !validName(name.Value):
		return nil, nodeErr(name, "invalid macro name %q", name.Value)
	case def == nil:
		return nil, nodeErr(n, "macro %s has no definition", strconv.Quote(name.Value))
	}
	value := def.Value
	if def.Tag == "!!null" {
		value = ""
	}
	start := scalarStart(data, def)
	pm := alignScalar(file, data, start, value)
	m := extra
	m.Name, m.Args, m.Definition, m.Loc = name.Value, args, value, pm.loc(0)
	return &entry{m: m, pos: pm}, nil
}

// scalarStart returns the byte offset where the text of scalar n begins:
// after the opening quote, or at the start of the first content line of a
// block scalar.
func scalarStart(data []byte, n *yaml.Node) int {
	off := byteOffset(data, n.Line, n.Column)
	switch {
	case n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0:
		return off + 1
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
			return off + i + 1
		}
	}
	return off
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlError turns a yaml.v3 error into an *Error with the line it names.
func yamlError(file string, err error) error {
	msg := err.Error()
	loc := Location{File: file}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		loc.Line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return &Error{Loc: loc, Code: diag.CodeMacroDefinition, Msg: "invalid YAML: " + msg}
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
