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
// spelunk read files elsewhere. Symbolic links inside dir are followed.
func ResolveAttackData(dir, data string) (string, error) {
	rel := strings.TrimSpace(data)
	matched := false
	for _, p := range attackDataPrefixes {
		if strings.HasPrefix(rel, p) {
			rel, matched = rel[len(p):], true
			break
		}
	}
	if !matched && strings.Contains(rel, "://") {
		return "", fmt.Errorf("%w: %q is not a splunk/attack_data URL (want %sPATH)", ErrPathEscape, data, attackDataPrefixes[0])
	}
	if i := strings.IndexAny(rel, "?#"); i >= 0 {
		rel = rel[:i]
	}
	if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, `\`) || filepath.IsAbs(rel) {
		return "", fmt.Errorf("%w: %q", ErrPathEscape, data)
	}
	for _, elem := range strings.Split(rel, "/") {
		if elem == ".." {
			return "", fmt.Errorf("%w: %q", ErrPathEscape, data)
		}
	}
	return filepath.Join(dir, filepath.FromSlash(path.Clean(rel))), nil
}

// readerSourcetype maps an attack_data sourcetype to the reader format
// ingest forces for it: Windows XML events are written xmlwineventlog,
// XmlWinEventLog or XmlWinEventLog:<channel> (the pre-6.0 add-on naming);
// ingest gives such events the sourcetype XmlWinEventLog, as the Windows
// add-on renames them at search time, and matching a sourcetype in a
// search ignores case. A sourcetype ingest has no reader for (aws:cloudtrail,
// o365:management:activity, ...) returns "": the format is detected from
// the file's content, and keep reports that the test's sourcetype string
// must be stamped on the events (see loadTestData).
func readerSourcetype(st string) (format string, keep bool) {
	low := strings.ToLower(st)
	switch {
	case low == "":
		return "", false
	case low == "xmlwineventlog" || strings.HasPrefix(low, "xmlwineventlog:"):
		return ingest.FormatXML, false
	case low == "wineventlog" || strings.HasPrefix(low, "wineventlog:"):
		return ingest.FormatWinEventLog, false
	case low == "nxlog_json" || low == "nxlog":
		return ingest.FormatNXLog, false
	case low == "winlogbeat":
		return ingest.FormatWinlogbeat, false
	case low == "sysmon:linux" || low == "sysmon_linux":
		return ingest.FormatSysmonLinux, false
	case low == "_json" || low == "json":
		return ingest.FormatJSON, false
	case low == "csv":
		return ingest.FormatCSV, false
	}
	return "", true
}

// testData is a test's attack data, loaded.
type testData struct {
	events []*ingest.Event
	tables cim.Tables
	paths  []string
}

// errDataNotFound is a missing attack-data file: the test is skipped.
type errDataNotFound struct{ path string }

func (e *errDataNotFound) Error() string { return "data not found at " + e.path }

// resolveTest maps every attack_data entry of t to its local file.
func resolveTest(dir string, t Test) ([]string, error) {
	paths := make([]string, len(t.AttackData))
	for i, a := range t.AttackData {
		p, err := ResolveAttackData(dir, a.Data)
		if err != nil {
			return nil, err
		}
		paths[i] = p
	}
	return paths, nil
}

// loadTestData reads each attack_data entry of t from paths (as
// resolveTest gives them), with the entry's source and sourcetype, and
// merges the events and data-model tables.
func loadTestData(ctx context.Context, t Test, paths []string, base ingest.Options) (*testData, error) {
	for _, p := range paths {
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			return nil, &errDataNotFound{path: p}
		}
	}
	td := &testData{paths: paths}
	var all []cim.Tables
	for i, a := range t.AttackData {
		opts := base
		format, keep := readerSourcetype(a.Sourcetype)
		opts.Sourcetype = format
		if a.Source != "" {
			opts.Source = a.Source
		}
		evs, tables, _, err := ingest.LoadEvents(ctx, []string{paths[i]}, opts)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", paths[i], err)
		}
		if keep {
			for _, ev := range evs {
				ev.Sourcetype = a.Sourcetype
			}
		}
		td.events = append(td.events, evs...)
		all = append(all, tables)
	}
	td.tables = mergeTables(all)
	return td, nil
}

// latestTime returns the greatest _time of the events and tables, and
// whether there was any.
func (td *testData) latestTime() (float64, bool) {
	var latest float64
	found := false
	for _, ev := range td.events {
		if !found || ev.Time > latest {
			latest, found = ev.Time, true
		}
	}
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
