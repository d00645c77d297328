package macrotest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/macros"
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
		b, err := os.ReadFile(filepath.Join(dir, name+Ext))
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

// ExpandDetections expands the search of every detection under
// contentDir/detections with the content's macros, then those of
// macroPaths (files or directories, later wins), as `spelunk expand`
// does. Errors locate the problem in the detection or macro file. Two
// detection files with the same stem are an error for the second. err is
// for a content directory or macro file that cannot be loaded.
func ExpandDetections(contentDir string, macroPaths []string, opts macros.Options) (*Expanded, error) {
	content, err := detections.Open(contentDir, macroPaths...)
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
		text, locate, err := detectionSearch(f)
		if err != nil {
			fail(name, f, err)
			continue
		}
		x, err := content.Macros.ExpandFunc(text, locate, opts)
		if err != nil {
			fail(name, f, err)
			continue
		}
		out.Texts[name], out.Files[name] = x.Text, f
		out.Warnings = append(out.Warnings, x.Warnings...)
	}
	return out, nil
}

// detectionSearch reads a detection file (detections.Parse checks it is
// one) and returns its search with the per-byte locator of the YAML value.
func detectionSearch(file string) (string, func(int) macros.Location, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", nil, err
	}
	d, err := detections.Parse(file, data)
	if err != nil {
		return "", nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 {
		return d.Search, nil, nil
	}
	top := root.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "search" && top.Content[i+1].Value == d.Search {
			return d.Search, macros.YAMLLocator(file, data, top.Content[i+1]), nil
		}
	}
	at := d.SearchLoc
	return d.Search, func(int) macros.Location { return at }, nil
}
