package detections

import "github.com/spelunk-dev/spelunk/query"

// Source is d's search as query compiles it, located in d's file, so that
// errors point at the line and column of the YAML (or of the macro the
// text came from).
func (d *Detection) Source() query.Source {
	if d == nil {
		return query.Source{}
	}
	return query.Source{Text: d.Search, At: d.SearchLoc, Locate: d.Locate}
}
