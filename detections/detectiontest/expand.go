package detectiontest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/macros/macrotest"
	"github.com/spelunk-dev/spelunk/query"
)

// Expanded is the expansion of every detection of a content directory.
type Expanded struct {
	Texts    map[string]string // golden file stem → expanded search
	Files    map[string]string // golden file stem → detection YAML file
	Warnings []macros.Warning  // app macros expanded to placeholders
	Errors   []error           // detections that could not be read or expanded (they have no entry in Texts)
	Failed   map[string]string // golden file stem → detection YAML file, for the detections in Errors
}

// Pinned returns Texts plus, for each failed detection that has a golden
// file in dir, that file's current text: comparing or updating with it
// neither rewrites nor reports as removed the golden file of a detection
// that merely failed to expand this time.
func (x *Expanded) Pinned(dir string) (map[string]string, error) {
	out := make(map[string]string, len(x.Texts)+len(x.Failed))
	for k, v := range x.Texts {
		out[k] = v
	}
	for name := range x.Failed {
		b, err := os.ReadFile(filepath.Join(dir, name+macrotest.Ext))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[name] = strings.TrimSuffix(string(b), "\n")
	}
	return out, nil
}

// ExpandDetections expands the search of every detection under the
// content directory of env (its Config().ContentDir) through env, as
// `spelunk expand --all` does. Errors locate the problem in the detection
// or macro file. Two detection files with the same stem are an error for
// the second. err is for a content directory that cannot be read.
func ExpandDetections(env *query.Env) (*Expanded, error) {
	content, err := detections.Open(env)
	if err != nil {
		return nil, err
	}
	files, err := content.DetectionFiles()
	if err != nil {
		return nil, err
	}
	out := &Expanded{Texts: map[string]string{}, Files: map[string]string{}, Failed: map[string]string{}}
	fail := func(name, file string, err error) {
		out.Errors = append(out.Errors, err)
		if _, ok := out.Files[name]; !ok {
			out.Failed[name] = file
		}
	}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), ".yml"), ".yaml")
		if prev, ok := out.Files[name]; ok {
			out.Errors = append(out.Errors, fmt.Errorf("%s: same file name as %s; golden files are named by stem", f, prev))
			continue
		}
		d, err := detections.LoadFile(f)
		if err != nil {
			fail(name, f, err)
			continue
		}
		x, err := env.Expand(d.Source())
		if err != nil {
			fail(name, f, err)
			continue
		}
		out.Texts[name], out.Files[name] = x.Text, f
		out.Warnings = append(out.Warnings, x.Warnings...)
	}
	return out, nil
}
