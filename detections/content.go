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

	"github.com/spelunk-dev/spelunk/macros"
)

// Content is a security_content-layout directory: macros/*.yml,
// detections/**/*.yml, lookups/, data_sources/.
type Content struct {
	Dir    string          // the directory the user named
	Macros *macros.Library // content macros, then --macros overrides, plus built-ins
}

// Open loads the macros of the content directory dir (dir may be empty:
// only built-in macros), then each of macroPaths in order (a YAML file or a
// directory of them); later definitions win.
func Open(dir string, macroPaths ...string) (*Content, error) {
	c := &Content{Dir: dir, Macros: macros.NewLibrary()}
	if dir != "" {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("content directory: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("content directory %s: not a directory", dir)
		}
		mdir := filepath.Join(dir, "macros")
		if _, err := os.Stat(mdir); err == nil {
			if err := c.Macros.LoadDir(mdir); err != nil {
				return nil, err
			}
		}
	}
	for _, p := range macroPaths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("--macros: %w", err)
		}
		if st.IsDir() {
			err = c.Macros.LoadDir(p)
		} else {
			err = c.Macros.LoadFile(p)
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// DetectionFiles lists the detection YAML files under dir/detections in
// lexical order. Symbolic links are not followed, so the walk stays inside
// the directory the user named.
func (c *Content) DetectionFiles() ([]string, error) {
	if c.Dir == "" {
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
