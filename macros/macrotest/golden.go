package macrotest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spelunk-dev/spelunk/internal/confine"
)

// Ext is the extension of golden files.
const Ext = ".spl"

// ChangeKind says how an expansion differs from its golden file.
type ChangeKind string

// The kinds of Change.
const (
	Changed ChangeKind = "changed" // the expansion differs from the golden file
	Missing ChangeKind = "missing" // there is no golden file for the expansion
	Removed ChangeKind = "removed" // a golden file has no expansion (its detection is gone)
)

// Change is one difference between a set of expansions and a golden
// directory.
type Change struct {
	Name   string     // golden file stem
	Kind   ChangeKind // Changed, Missing or Removed
	Golden string     // path of the golden file
	Diff   string     // unified diff from the golden file to the expansion (from/to empty for Missing/Removed)
}

// Compare compares got (golden file stem → expanded search, without final
// newline) with the .spl files of dir and returns the differences sorted
// by name. With removed set, .spl files in dir that have no entry in got
// are reported as Removed; otherwise they are ignored. A missing dir counts
// as empty.
func Compare(dir string, got map[string]string, removed bool) ([]Change, error) {
	have, err := goldenNames(dir)
	if err != nil {
		return nil, err
	}
	var out []Change
	for name, text := range got {
		if err := checkName(name); err != nil {
			return nil, err
		}
		path := filepath.Join(dir, name+Ext)
		want := text + "\n"
		if !have[name] {
			out = append(out, Change{Name: name, Kind: Missing, Golden: path,
				Diff: UnifiedDiff("/dev/null", path, "", want)})
			continue
		}
		old, err := confine.New(dir).ReadFile(name+Ext, -1)
		if err != nil {
			return nil, err
		}
		if string(old) != want {
			out = append(out, Change{Name: name, Kind: Changed, Golden: path,
				Diff: UnifiedDiff(path, path+" (expanded)", string(old), want)})
		}
	}
	if removed {
		for name := range have {
			if _, ok := got[name]; ok {
				continue
			}
			path := filepath.Join(dir, name+Ext)
			old, err := confine.New(dir).ReadFile(name+Ext, -1)
			if err != nil {
				return nil, err
			}
			out = append(out, Change{Name: name, Kind: Removed, Golden: path,
				Diff: UnifiedDiff(path, "/dev/null", string(old), "")})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Update makes dir match got: it writes the .spl file of every changed or
// missing expansion and, with removed set, deletes .spl files that have no
// entry in got. It creates dir if needed and returns what it changed.
// Files are written and removed only inside dir and never through a
// symbolic link: a golden name that is a link (or not a regular file) is
// an error, and each file is written to a temporary file renamed into
// place (internal/confine).
func Update(dir string, got map[string]string, removed bool) ([]Change, error) {
	changes, err := Compare(dir, got, removed)
	if err != nil {
		return nil, err
	}
	if len(changes) > 0 {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	d := confine.New(dir)
	for _, c := range changes {
		if c.Kind == Removed {
			err = d.Remove(c.Name + Ext)
		} else {
			err = d.WriteFile(c.Name+Ext, []byte(got[c.Name]+"\n"), 0o644)
		}
		if err != nil {
			return nil, err
		}
	}
	return changes, nil
}

// goldenNames lists the stems of the .spl files directly in dir.
func goldenNames(dir string) (map[string]bool, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, e := range ents {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), Ext) {
			out[strings.TrimSuffix(e.Name(), Ext)] = true
		}
	}
	return out, nil
}

// checkName refuses stems that would write outside the golden directory.
func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || strings.ContainsRune(name, 0) {
		return fmt.Errorf("invalid golden file name %q", name)
	}
	return nil
}
