package detections

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/internal/confine"
)

// attackDataPrefixes are the URL prefixes of splunk/attack_data files that
// tests name; each maps to the root of a local mirror.
var attackDataPrefixes = []string{
	"https://media.githubusercontent.com/media/splunk/attack_data/master/",
	"https://raw.githubusercontent.com/splunk/attack_data/master/",
	"https://github.com/splunk/attack_data/raw/master/",
	"https://github.com/splunk/attack_data/blob/master/",
}

// ErrPathEscape is wrapped by ResolveAttackData's error for a data path that
// would leave the mirror directory.
var ErrPathEscape = errors.New("attack data path leaves the attack-data directory")

// ResolveAttackData maps the data URL of a test's attack_data entry to a
// file under the local mirror dir:
// https://media.githubusercontent.com/media/splunk/attack_data/master/X and
// https://raw.githubusercontent.com/splunk/attack_data/master/X are both
// dir/X. A relative path (no scheme) is taken as X too. The result always
// lies inside dir: a path with ".." elements, an absolute path, or another
// URL is rejected (wrapping ErrPathEscape), so a detection file cannot make
// spelunk read files elsewhere. Symbolic links are followed only while
// they stay inside dir: the path is checked through an os.Root
// (internal/confine), and one that a link leads outside of dir is
// rejected too. A path that does not exist is returned (the test is then
// skipped for missing data).
func ResolveAttackData(dir, data string) (string, error) {
	a, err := resolveAttackFile(dir, data)
	if err != nil {
		return "", err
	}
	return a.path(), nil
}

// attackFile is the file of one attack_data entry: rel, a clean
// slash-separated path, inside the mirror dir. It is opened through an
// os.Root of dir (open), never by its joined path.
type attackFile struct{ dir, rel, data string }

// path is the file's path, for messages and TestResult.Data.
func (a attackFile) path() string { return filepath.Join(a.dir, filepath.FromSlash(a.rel)) }

// open opens the file through an os.Root of the mirror and checks the
// opened file: a link that leads outside the mirror is an error wrapping
// ErrPathEscape; a missing file, or one that is not a regular file, is
// errDataNotFound. Checking the open file leaves no window in which a
// component could be swapped for a link between the check and the read.
func (a attackFile) open() (*os.File, error) {
	f, err := confine.New(a.dir).Open(a.rel)
	if errors.Is(err, confine.ErrEscape) {
		return nil, a.escape()
	}
	if err != nil {
		return nil, &errDataNotFound{path: a.path()}
	}
	return f, nil
}

// escape is the error of a data path that a symbolic link leads outside
// the mirror.
func (a attackFile) escape() error {
	return fmt.Errorf("%w: %q: a symbolic link leads outside %s (copy the data into it instead of linking)", ErrPathEscape, a.data, a.dir)
}

// resolveAttackFile is ResolveAttackData's mapping, keeping the mirror
// and the relative path apart.
func resolveAttackFile(dir, data string) (attackFile, error) {
	rel := strings.TrimSpace(data)
	matched := false
	for _, p := range attackDataPrefixes {
		if strings.HasPrefix(rel, p) {
			rel, matched = rel[len(p):], true
			break
		}
	}
	if !matched && strings.Contains(rel, "://") {
		return attackFile{}, fmt.Errorf("%w: %q is not a splunk/attack_data URL (want %sPATH)", ErrPathEscape, data, attackDataPrefixes[0])
	}
	if i := strings.IndexAny(rel, "?#"); i >= 0 {
		rel = rel[:i]
	}
	if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, `\`) || filepath.IsAbs(rel) {
		return attackFile{}, fmt.Errorf("%w: %q", ErrPathEscape, data)
	}
	for _, elem := range strings.Split(rel, "/") {
		if elem == ".." {
			return attackFile{}, fmt.Errorf("%w: %q", ErrPathEscape, data)
		}
	}
	a := attackFile{dir: dir, rel: path.Clean(rel), data: data}
	if _, err := confine.New(dir).Stat(a.rel); errors.Is(err, confine.ErrEscape) {
		return attackFile{}, a.escape()
	}
	return a, nil
}

// testData is a test's attack data, loaded.
type testData struct {
	events []*ingest.Event // those the filter kept (all without one)
	read   int             // events read
	// latest is the greatest _time of all events read; hasTime says
	// there was one.
	latest  float64
	hasTime bool
	tables  cim.Tables
	paths   []string
}

// errDataNotFound is a missing attack-data file: the test is skipped.
type errDataNotFound struct{ path string }

func (e *errDataNotFound) Error() string { return "data not found at " + e.path }

// resolveTest maps every attack_data entry of t to its local file.
func resolveTest(dir string, t Test) ([]attackFile, error) {
	files := make([]attackFile, len(t.AttackData))
	for i, a := range t.AttackData {
		f, err := resolveAttackFile(dir, a.Data)
		if err != nil {
			return nil, err
		}
		files[i] = f
	}
	return files, nil
}

// paths are the files' paths.
func paths(files []attackFile) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.path()
	}
	return out
}

// loadTestData reads each attack_data entry of t from its file (as
// resolveTest gives them), with the entry's source and sourcetype, and
// merges the events and data-model tables. keep, when not nil, is the
// events to keep (ingest.Options.Keep); the tables and the time range
// count every event. Every file is opened through the mirror's os.Root
// before any is read (attackFile.open): a missing one skips the test.
//
// The entry's sourcetype is the events' sourcetype
// (ingest.Options.SourcetypeName), as contentctl replays the data with
// it, so that data-source macros (sourcetype=aws:cloudtrail) and tstats
// see it; it also picks the reader (ingest.FormatForSourcetype, else the
// content decides). Windows event-log sourcetypes (xmlwineventlog,
// XmlWinEventLog:<channel>) keep ingest's canonical XmlWinEventLog, as the
// Windows add-on files them; sourcetype= in a search ignores case.
func loadTestData(ctx context.Context, t Test, files []attackFile, base ingest.Options, keep func(*ingest.Event) bool) (*testData, error) {
	opened := make([]*os.File, len(files))
	defer func() {
		for _, f := range opened {
			if f != nil {
				f.Close()
			}
		}
	}()
	for i, a := range files {
		f, err := a.open()
		if err != nil {
			return nil, err
		}
		opened[i] = f
	}
	paths := paths(files)
	td := &testData{paths: paths}
	var all []cim.Tables
	for i, a := range t.AttackData {
		opts := base
		opts.Keep = keep
		if a.Sourcetype != "" {
			opts.Sourcetype, opts.SourcetypeName = "", a.Sourcetype
		}
		if a.Source != "" {
			opts.Source = a.Source
		}
		opts.Open = func(string) (*os.File, error) {
			f := opened[i]
			opened[i] = nil // ingest closes it
			if f == nil {
				return nil, fmt.Errorf("%s: read twice", paths[i])
			}
			return f, nil
		}
		evs, tables, rep, err := ingest.LoadEvents(ctx, []string{paths[i]}, opts)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", paths[i], err)
		}
		for _, fr := range rep.Files {
			if fr.Events == 0 {
				continue
			}
			td.read += fr.Events
			if !td.hasTime || fr.Latest > td.latest {
				td.latest, td.hasTime = fr.Latest, true
			}
		}
		td.events = append(td.events, evs...)
		all = append(all, tables)
	}
	td.tables = mergeTables(all)
	return td, nil
}

// latestTime returns the greatest _time of the events read and the
// tables, and whether there was any.
func (td *testData) latestTime() (float64, bool) {
	latest, found := td.latest, td.hasTime
	for _, t := range td.tables {
		for _, x := range t.Times() {
			if !found || x > latest {
				latest, found = x, true
			}
		}
	}
	return latest, found
}

// mergeTables joins the tables of several loads dataset by dataset; rows
// keep their order (first load first). One load is returned as is.
func mergeTables(all []cim.Tables) cim.Tables {
	if len(all) == 1 {
		return all[0]
	}
	out := cim.Tables{}
	var names []string
	byName := map[string][]*cim.Table{}
	for _, ts := range all {
		for name, t := range ts {
			if _, seen := byName[name]; !seen {
				names = append(names, name)
			}
			byName[name] = append(byName[name], t)
		}
	}
	for _, name := range names {
		parts := byName[name]
		if len(parts) == 1 {
			out[name] = parts[0]
			continue
		}
		b := cim.NewBuilder(name) // rows are already finished: no calculations again
		for _, t := range parts {
			fields := t.Fields()
			cols := make([]*cim.Column, len(fields))
			handles := make([]int, len(fields))
			for i, f := range fields {
				cols[i], handles[i] = t.Column(f), b.Col(f)
			}
			times := t.Times()
			for r := range t.Len() {
				for i, c := range cols {
					if v, ok := c.Value(r); ok {
						b.SetCol(handles[i], v)
					}
				}
				b.EndRow(times[r])
			}
		}
		out[name] = b.Table()
	}
	return out
}
