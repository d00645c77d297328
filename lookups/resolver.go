package lookups

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/internal/confine"
	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest CSV file a Resolver reads (256 MiB).
const MaxFileSize = 256 << 20

// Definition is one lookups/*.yml file of a content directory.
type Definition struct {
	Name       string
	Filename   string // CSV file in lookups/; "" for a collection
	Collection string // KV-store collection; "" for a file
	Def        eval.LookupDef
}

// Resolver implements eval.LookupResolver and eval.LookupChecker over a
// content directory's lookups and extra directories. It is safe for
// concurrent use.
type Resolver struct {
	content    confine.Dir   // <content>/lookups, when hasContent
	hasContent bool          // the content has a lookups/ folder
	extra      []confine.Dir // --lookups directories, in precedence order
	defs       map[string]*Definition
	byFile     map[string]*Definition

	mu     sync.Mutex
	tables map[string]*entry // by resolved file path
}

type entry struct {
	once sync.Once
	t    *eval.LookupTable
	err  error
}

// Open reads the lookup definitions of contentDir (its lookups/*.yml; ""
// for none, and a content directory without lookups/ has none) and
// remembers extraDirs, which hold CSV files named after lookups or files.
// It reads no CSV yet. A definition that cannot be parsed is an error
// naming the file. The content's lookups/ may be a symbolic link only to
// a directory inside contentDir: one that leads outside (a checkout or a
// pull request can commit such a link) is an error wrapping
// confine.ErrEscape.
func Open(contentDir string, extraDirs ...string) (*Resolver, error) {
	r := &Resolver{defs: map[string]*Definition{}, byFile: map[string]*Definition{}, tables: map[string]*entry{}}
	for _, d := range extraDirs {
		fi, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("lookups: %w", err)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("lookups: %s is not a directory", d)
		}
		r.extra = append(r.extra, confine.New(d))
	}
	if contentDir == "" {
		return r, nil
	}
	dir := confine.Within(contentDir, "lookups")
	if err := dir.Check(); errors.Is(err, confine.ErrEscape) {
		return nil, fmt.Errorf("%s is a symbolic link that leads outside the content directory %s; refusing to read lookups through it", dir.Path(), contentDir)
	} else if err != nil {
		return r, nil // no lookups/ folder (or not a directory): no definitions
	}
	r.content, r.hasContent = dir, true
	ymls, err := dir.List(".yml")
	if err != nil {
		return nil, fmt.Errorf("lookups: %w", err)
	}
	for _, y := range ymls {
		data, err := dir.ReadFile(y, MaxFileSize)
		if err != nil {
			return nil, fmt.Errorf("lookups: %w", err)
		}
		d, err := ParseDefinition(data)
		if err != nil {
			return nil, fmt.Errorf("lookups: %s: %w", dir.Join(y), err)
		}
		if d.Name == "" {
			d.Name = strings.TrimSuffix(y, ".yml")
			d.Def.Name = d.Name
		}
		r.defs[d.Name] = d
		if d.Filename != "" {
			r.byFile[d.Filename] = d
		}
	}
	return r, nil
}

// Definitions returns the loaded definitions sorted by name.
func (r *Resolver) Definitions() []*Definition {
	if r == nil {
		return nil
	}
	out := make([]*Definition, 0, len(r.defs))
	for _, d := range r.defs {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ParseDefinition reads one security_content lookup YAML file.
func ParseDefinition(data []byte) (*Definition, error) {
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	str := func(k string) string {
		v, ok := m[k]
		if !ok || v == nil {
			return ""
		}
		return strings.TrimSpace(fmt.Sprint(v))
	}
	num := func(k string) (int, error) {
		s := str(k)
		if s == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%s: %q is not a count", k, s)
		}
		return n, nil
	}
	d := &Definition{Name: str("name"), Filename: str("filename"), Collection: str("collection")}
	d.Def.Name = d.Name
	if s := str("case_sensitive_match"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("case_sensitive_match: %q is not a boolean", s)
		}
		d.Def.CaseInsensitive = !b
	}
	var err error
	if d.Def.MinMatches, err = num("min_matches"); err != nil {
		return nil, err
	}
	if d.Def.MaxMatches, err = num("max_matches"); err != nil {
		return nil, err
	}
	d.Def.DefaultMatch = str("default_match")
	if d.Def.MatchTypes, err = ParseMatchType(str("match_type")); err != nil {
		return nil, err
	}
	return d, nil
}

// ParseMatchType reads a transforms.conf match_type value:
// "WILDCARD(a), CIDR(b), EXACT(c)".
func ParseMatchType(s string) (map[string]eval.MatchType, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	out := map[string]eval.MatchType{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		open := strings.IndexByte(part, '(')
		if open < 0 || !strings.HasSuffix(part, ")") {
			return nil, fmt.Errorf("match_type: %q is not TYPE(field)", part)
		}
		field := strings.TrimSpace(part[open+1 : len(part)-1])
		switch strings.ToUpper(strings.TrimSpace(part[:open])) {
		case "WILDCARD":
			out[field] = eval.MatchWildcard
		case "CIDR":
			out[field] = eval.MatchCIDR
		case "EXACT":
			out[field] = eval.MatchExact
		default:
			return nil, fmt.Errorf("match_type: unknown type in %q (known: WILDCARD, CIDR, EXACT)", part)
		}
	}
	return out, nil
}

// FileExt is the extension of the lookup files a Resolver reads (CSV;
// Splunk's .csv.gz and .kmz lookups are not read locally).
const FileExt = ".csv"

// where is a resolved lookup: the directory and file to read and the
// definition to apply.
type where struct {
	dir  confine.Dir
	file string
	def  eval.LookupDef
}

// locate resolves name without reading any CSV. Only plain file names
// ending in .csv are looked for, in the --lookups directories and the
// content's lookups/ folder, and opened through internal/confine.
func (r *Resolver) locate(name string) (where, error) {
	if r == nil {
		return where{}, errors.New("lookups: nil Resolver")
	}
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") || strings.ContainsRune(name, 0) {
		return where{}, fmt.Errorf("lookup %q: a lookup name must be a plain name or file name (no directories): %w", name, eval.ErrLookupNotFound)
	}
	def, hasDef := r.defs[name]
	if !hasDef {
		def, hasDef = r.byFile[name]
	}
	ld := eval.LookupDef{Name: name}
	if hasDef {
		ld = def.Def
	}
	// defFile is the definition's file when it is a plain .csv name.
	defFile := ""
	if hasDef && def.Filename != "" && confine.PlainName(def.Filename, FileExt) == nil {
		defFile = def.Filename
	}
	// Extra directories first: NAME.csv, the file name itself, the
	// definition's file.
	cands := []string{name}
	if !strings.HasSuffix(strings.ToLower(name), FileExt) {
		cands = []string{name + FileExt}
	}
	if defFile != "" && defFile != cands[0] {
		cands = append(cands, defFile)
	}
	for _, d := range r.extra {
		for _, c := range cands {
			if d.IsFile(c) {
				return where{dir: d, file: c, def: ld}, nil
			}
		}
	}
	how := fmt.Sprintf("supply it as %s in a directory given with --lookups DIR", cands[0])
	if hasDef {
		switch {
		case def.Collection != "":
			return where{}, fmt.Errorf("lookup %s is a KV-store collection (%s) on a Splunk server: %s: %w", name, def.Collection, how, eval.ErrLookupUnavailable)
		case strings.HasPrefix(name, "__mlspl_") || strings.HasSuffix(def.Filename, ".mlmodel"):
			return where{}, fmt.Errorf("lookup %s is a machine-learning model (MLTK), not a table: %w", name, eval.ErrLookupUnavailable)
		case def.Filename == "":
			return where{}, fmt.Errorf("lookup %s has neither filename nor collection: %s: %w", name, how, eval.ErrLookupUnavailable)
		case defFile == "":
			return where{}, fmt.Errorf("lookup %s: the content defines it with file %q, which is not a plain %s file name: %s: %w", name, def.Filename, FileExt, how, eval.ErrLookupUnavailable)
		}
		if r.hasContent && r.content.IsFile(defFile) {
			return where{dir: r.content, file: defFile, def: ld}, nil
		}
		return where{}, fmt.Errorf("lookup %s: the content defines it with file %s, which is not in its lookups/ folder: %s: %w", name, def.Filename, how, eval.ErrLookupUnavailable)
	}
	if r.hasContent && strings.HasSuffix(strings.ToLower(name), FileExt) && r.content.IsFile(name) {
		return where{dir: r.content, file: name, def: ld}, nil
	}
	return where{}, fmt.Errorf("unknown lookup %s: no definition in the content's lookups/ and no file %s; %s: %w", name, cands[0], how, eval.ErrLookupNotFound)
}

// CheckLookup implements eval.LookupChecker: whether name resolves to a
// readable file, without reading it.
func (r *Resolver) CheckLookup(name string) error {
	_, err := r.locate(name)
	return err
}

// Lookup implements eval.LookupResolver: the table, read and indexed on
// first use and then shared.
func (r *Resolver) Lookup(name string) (*eval.LookupTable, error) {
	w, err := r.locate(name)
	if err != nil {
		return nil, err
	}
	key := w.dir.Path() + "\x00" + w.file + "\x00" + w.def.Name
	r.mu.Lock()
	e := r.tables[key]
	if e == nil {
		e = &entry{}
		r.tables[key] = e
	}
	r.mu.Unlock()
	e.once.Do(func() { e.t, e.err = load(w) })
	return e.t, e.err
}

func load(w where) (*eval.LookupTable, error) {
	data, err := w.dir.ReadFile(w.file, MaxFileSize)
	if errors.Is(err, confine.ErrTooLarge) {
		return nil, fmt.Errorf("lookup %s: %s is larger than %d bytes: %w", w.def.Name, w.file, MaxFileSize, eval.ErrLookupUnavailable)
	}
	if err != nil {
		return nil, fmt.Errorf("lookup %s: %w", w.def.Name, err)
	}
	header, rows, err := ReadCSV(data)
	if err != nil {
		return nil, fmt.Errorf("lookup %s: %s: %w", w.def.Name, w.file, err)
	}
	return eval.NewLookupTable(w.def, header, rows)
}

// ReadCSV parses a lookup CSV file: the first record is the header
// (names trimmed of spaces; a UTF-8 byte-order mark is dropped); records
// may have fewer or more fields than the header (extra ones are dropped)
// [I: Splunk reads ragged lookup files]; quotes may be lax.
func ReadCSV(data []byte) ([]string, [][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, errors.New("empty file: a lookup needs a header row")
	}
	if err != nil {
		return nil, nil, err
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	var rows [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if len(rec) > len(header) {
			rec = rec[:len(header)]
		}
		rows = append(rows, rec)
	}
	return header, rows, nil
}
