package detections

import (
	"path/filepath"
	"strings"
)

// Detections loads every detection file under c.Dir/detections in file
// order. A file that cannot be read or parsed does not stop the load: its
// error is in bad. err is for a missing content directory only.
func (c *Content) Detections() (ds []*Detection, bad []error, err error) {
	files, err := c.DetectionFiles()
	if err != nil {
		return nil, nil, err
	}
	for _, f := range files {
		d, err := LoadFile(f)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		ds = append(ds, d)
	}
	return ds, bad, nil
}

// Deprecated reports whether the detection is deprecated: status
// deprecated, or its file is under a deprecated/ directory.
func (d *Detection) Deprecated() bool {
	if d == nil {
		return false
	}
	return strings.EqualFold(d.Status, "deprecated") ||
		strings.Contains(filepath.ToSlash(d.File), "/deprecated/")
}
