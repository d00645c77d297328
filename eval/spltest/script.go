package spltest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spelunk-dev/spelunk/eval"
)

// Script is one parsed .spltest file.
type Script struct {
	Path  string  // the file, as given to Load or Parse
	Cases []*Case // in file order
}

// Case is one case of a script.
type Case struct {
	Name    string        // the name after `case`, spaces turned into _
	File    string        // the script's path
	Line    int           // line of the `case` line
	Query   string        // the SPL, continuation lines joined with a space
	Events  []eval.Record // the event list in effect (shared with other cases: do not modify)
	Dataset string        // when set, the case runs over a data-model table of Events named so
	Fields  []string      // the expected columns in order; nil: not checked

	// Rows are the expected rows: each maps a field to its text (string)
	// or, for a multivalue, its values ([]string). Null fields are absent.
	Rows      []Row
	Unordered bool // the rows may come in any order

	// Err, when not nil, is the error the case expects instead of rows.
	Err *WantError

	// Lookups are the lookup tables the script defined before the case,
	// by name (nil when none).
	Lookups map[string]*eval.LookupTable
}

// Row is one expected result row: field name to text or []string.
type Row map[string]any

// WantError is an expected error: `expect error CODE: substring`.
type WantError struct {
	Code   string // an eval.Error Code (invalid, unsupported, refused, ...) or "parse"
	Substr string // text the error's message holds
}

// Where is "file:line" of the case, for messages.
func (c *Case) Where() string { return fmt.Sprintf("%s:%d", c.File, c.Line) }

// Load reads and parses one .spltest file.
func Load(path string) (*Script, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// LoadDir loads every *.spltest file of dir, sorted by name. A directory
// without scripts is an error.
func LoadDir(dir string) ([]*Script, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.spltest"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("spltest: no .spltest files in %s", dir)
	}
	sort.Strings(files)
	var out []*Script
	for _, f := range files {
		s, err := Load(f)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Queries returns the query of every case of the scripts of dir, in
// order (for seeding fuzz targets).
func Queries(dir string) ([]string, error) {
	scripts, err := LoadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range scripts {
		for _, c := range s.Cases {
			out = append(out, c.Query)
		}
	}
	return out, nil
}

// Parse parses the text of a script; path names it in messages.
func Parse(path string, data []byte) (*Script, error) {
	p := &scriptParser{path: path, s: &Script{Path: path}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		p.n++
		if err := p.line(sc.Text()); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, p.n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := p.endLookup(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", path, p.n, err)
	}
	for _, c := range p.s.Cases {
		if c.Query == "" || c.Rows == nil {
			return nil, fmt.Errorf("%s:%d: case %s needs query and expect", path, c.Line, c.Name)
		}
	}
	return p.s, nil
}

// scriptParser is the state of Parse.
type scriptParser struct {
	path    string
	s       *Script
	n       int // current line
	events  []eval.Record
	dataset string
	block   string // "events", "expect", "lookup", ""
	cur     *Case
	lookups map[string]*eval.LookupTable
	pending *pendingLookup
}

// line reads one line.
func (p *scriptParser) line(line string) error {
	trim := strings.TrimSpace(line)
	if trim == "" {
		p.block = ""
		return p.endLookup()
	}
	if strings.HasPrefix(trim, "#") {
		return nil
	}
	if p.block == "lookup" {
		p.pending.lines = append(p.pending.lines, trim)
		return nil
	}
	if p.block != "" && strings.HasPrefix(trim, "{") {
		rec, row, err := parseJSONRecord(trim)
		if err != nil {
			return err
		}
		if p.block == "events" {
			p.events = append(p.events, rec)
		} else {
			p.cur.Rows = append(p.cur.Rows, row)
		}
		return nil
	}
	word, rest, _ := strings.Cut(trim, " ")
	rest = strings.TrimSpace(rest)
	switch word {
	case "events":
		p.events, p.block, p.dataset = nil, "events", ""
	case "dataset":
		p.dataset = rest
	case "lookup":
		lk, err := parseLookupHeader(rest)
		if err != nil {
			return err
		}
		p.pending, p.block = lk, "lookup"
	case "case":
		p.cur = &Case{File: p.path, Name: strings.ReplaceAll(rest, " ", "_"), Line: p.n, Events: p.events, Dataset: p.dataset, Lookups: p.lookups}
		p.s.Cases = append(p.s.Cases, p.cur)
		p.block = ""
	case "query", "fields", "expect":
		if p.cur == nil {
			return fmt.Errorf("%s before case", word)
		}
		return p.caseLine(word, rest)
	default:
		if p.block == "" && p.cur != nil && p.cur.Query != "" && p.cur.Rows == nil {
			p.cur.Query += " " + trim // continuation line of a long query
			return nil
		}
		return fmt.Errorf("unexpected line %q", line)
	}
	return nil
}

// caseLine reads a query, fields or expect line of the current case.
func (p *scriptParser) caseLine(word, rest string) error {
	c := p.cur
	switch word {
	case "query":
		c.Query = rest
	case "fields":
		c.Fields = strings.Fields(rest)
	case "expect":
		switch {
		case rest == "" || rest == "ordered":
		case rest == "unordered":
			c.Unordered = true
		case strings.HasPrefix(rest, "error "):
			code, sub, _ := strings.Cut(strings.TrimPrefix(rest, "error "), ":")
			c.Err = &WantError{Code: strings.TrimSpace(code), Substr: strings.TrimSpace(sub)}
		default:
			return fmt.Errorf("unknown expect %q", rest)
		}
		c.Rows = []Row{}
		p.block = "expect"
	}
	return nil
}

// endLookup ends a lookup block: later cases see its table (a copy of
// the map, so that earlier cases keep theirs).
func (p *scriptParser) endLookup() error {
	if p.pending == nil {
		return nil
	}
	t, err := p.pending.build()
	if err != nil {
		return err
	}
	next := make(map[string]*eval.LookupTable, len(p.lookups)+1)
	for k, v := range p.lookups {
		next[k] = v
	}
	next[p.pending.def.Name] = t
	p.lookups, p.pending = next, nil
	return nil
}
