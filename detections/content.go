package detections

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spelunk-dev/spelunk/query"
)

// Content is a security_content-layout directory: macros/*.yml,
// detections/**/*.yml, lookups/, data_sources/.
type Content struct {
	Dir string // the directory the user named
	// Env compiles the content's searches: its macros and lookups, the
	// clock and the limits (query.Config.ContentDir is Dir).
	Env *query.Env
}

// Open is the content directory of env (its Config().ContentDir, which
// must be set): detections are found under its detections/, and compiled
// with env, whose macros and lookups the directory's are.
func Open(env *query.Env) (*Content, error) {
	if env == nil {
		return nil, errors.New("detections: Open with a nil query.Env")
	}
	dir := env.Config().ContentDir
	if dir == "" {
		return nil, errors.New("no content directory given (--content)")
	}
	return &Content{Dir: dir, Env: env}, nil
}

// Compile compiles d's search with c's Env (query.Env.CompileSource with
// d.Source()).
func (c *Content) Compile(d *Detection) (*query.Search, error) {
	if c == nil || d == nil {
		return nil, errors.New("detections: Compile on a nil Content or Detection")
	}
	return c.Env.CompileSource(d.Source())
}

// Searches finds each detection of refs (Find: a name, id or file) and
// compiles its search (Compile), in order; the first failure is returned.
func (c *Content) Searches(refs ...string) ([]*query.Search, error) {
	out := make([]*query.Search, 0, len(refs))
	for _, ref := range refs {
		d, err := c.Find(ref)
		if err != nil {
			return nil, err
		}
		s, err := c.Compile(d)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// DetectionFiles lists the detection YAML files under dir/detections in
// lexical order. Symbolic links are not followed, so the walk stays inside
// the directory the user named.
func (c *Content) DetectionFiles() ([]string, error) {
	if c == nil || c.Dir == "" {
		return nil, errors.New("no content directory given (--content)")
	}
	root := filepath.Join(c.Dir, "detections")
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && (strings.HasSuffix(path, ".yml") || strings.HasSuffix(path, ".yaml")) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	return files, nil
}

// Find returns the detection ref names: a path to a detection YAML file, a
// detection id, or a detection name (compared case-insensitively).
func (c *Content) Find(ref string) (*Detection, error) {
	if c == nil {
		return nil, errors.New("detections: Find on a nil Content")
	}
	if st, err := os.Stat(ref); err == nil && st.Mode().IsRegular() {
		return LoadFile(ref)
	}
	files, err := c.DetectionFiles()
	if err != nil {
		return nil, err
	}
	needle := bytes.ToLower([]byte(ref))
	var broken []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if !bytes.Contains(bytes.ToLower(data), needle) {
			continue
		}
		d, err := Parse(f, data)
		if err != nil {
			broken = append(broken, err.Error()) // may be the one asked for: say so if none matches
			continue
		}
		if strings.EqualFold(d.Name, ref) || strings.EqualFold(d.ID, ref) {
			return d, nil
		}
	}
	if len(broken) > 0 {
		return nil, fmt.Errorf("no detection named %q (by name, id or file) under %s; files that mention it cannot be loaded: %s",
			ref, filepath.Join(c.Dir, "detections"), strings.Join(broken, "; "))
	}
	return nil, fmt.Errorf("no detection named %q (by name, id or file) under %s", ref, filepath.Join(c.Dir, "detections"))
}
