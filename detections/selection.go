package detections

import (
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Selection chooses detections by their metadata. Each non-empty list
// must match (AND across lists, OR within one); comparisons ignore case.
// The zero Selection is DefaultSelection's rules without their defaults:
// it selects every detection.
type Selection struct {
	Types       []string // type: TTP, Anomaly, Hunting, Correlation, ...
	Statuses    []string // status: production, experimental, deprecated
	MITRE       []string // technique ids; T1003 selects T1003 and its sub-techniques (T1003.003)
	Stories     []string // analytic stories, whole names
	DataSources []string // data_source entries, whole names (Sysmon EventID 1) or globs (Sysmon*)
	// Names are globs (path.Match syntax, case-insensitive) over the
	// detection's name, id and file (base name or path relative to the
	// content's detections/ directory).
	Names []string
	// Exclude are references — name, id, or globs as in Names — of
	// detections never to select.
	Exclude []string
}

// DefaultSelection is what `spelunk detect` runs when nothing is chosen:
// production detections of type TTP, Anomaly or Hunting (Correlation
// searches read the risk index that other detections write, which a
// local run has not).
func DefaultSelection() Selection {
	return Selection{Types: []string{"TTP", "Anomaly", "Hunting"}, Statuses: []string{"production"}}
}

// Match reports whether s selects d.
func (s Selection) Match(d *Detection) bool {
	if d == nil {
		return false
	}
	if len(s.Types) > 0 && !containsFold(s.Types, d.Type) {
		return false
	}
	if len(s.Statuses) > 0 && !containsFold(s.Statuses, d.Status) {
		return false
	}
	if len(s.MITRE) > 0 && !slices.ContainsFunc(d.MITRE, func(id string) bool { return matchTechnique(s.MITRE, id) }) {
		return false
	}
	if len(s.Stories) > 0 && !slices.ContainsFunc(d.Stories, func(st string) bool { return containsFold(s.Stories, st) }) {
		return false
	}
	if len(s.DataSources) > 0 && !slices.ContainsFunc(d.DataSources, func(ds string) bool { return globAny(s.DataSources, ds) }) {
		return false
	}
	if len(s.Names) > 0 && !nameMatches(s.Names, d) {
		return false
	}
	return !nameMatches(s.Exclude, d)
}

// nameMatches reports whether one of refs names d: its name or id
// (equal ignoring case, or a glob), or its file (base name or path, as a
// glob).
func nameMatches(refs []string, d *Detection) bool {
	file := filepath.ToSlash(d.File)
	rel := file
	if i := strings.LastIndex(file, "/detections/"); i >= 0 {
		rel = file[i+len("/detections/"):]
	}
	for _, r := range refs {
		if globAny([]string{r}, d.Name) || globAny([]string{r}, d.ID) ||
			globAny([]string{r}, path.Base(file)) || globAny([]string{r}, rel) || globAny([]string{r}, file) {
			return true
		}
	}
	return false
}

// matchTechnique reports whether id is one of the techniques of want or a
// sub-technique of one (T1003 selects T1003.003).
func matchTechnique(want []string, id string) bool {
	for _, w := range want {
		if strings.EqualFold(w, id) || (len(id) > len(w) && strings.EqualFold(id[:len(w)], w) && id[len(w)] == '.') {
			return true
		}
	}
	return false
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}

// globAny reports whether s matches one of the globs, ignoring case; a
// malformed glob matches only its own text.
func globAny(globs []string, s string) bool {
	ls := strings.ToLower(s)
	for _, g := range globs {
		lg := strings.ToLower(g)
		if lg == ls {
			return true
		}
		if ok, err := path.Match(lg, ls); err == nil && ok {
			return true
		}
	}
	return false
}
