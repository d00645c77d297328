package main

import (
	"fmt"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/internal/termsafe"
	"github.com/spelunk-dev/spelunk/query"
)

// writeExplain prints a detection's explanation (detect --explain): in
// text, "explain:" lines after its results; in JSON, one more line
// {"detection_id", "detection", "explain": {...}} after its rows; with CSV,
// which has no room for it, the text lines go to stderr.
func (c *detectCmd) writeExplain(e *env, d *detections.Detection, ex *query.Explanation) error {
	switch c.Format {
	case formatJSON:
		b, err := marshalJSON(struct {
			ID      string             `json:"detection_id"`
			Name    string             `json:"detection"`
			Explain *query.Explanation `json:"explain"`
		}{d.ID, d.Name, ex})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(e.stdout, string(b))
		return err
	case formatCSV:
		_, err := fmt.Fprintf(e.stderr, "%s:\n%s\n", termsafe.Line(d.Name), termsafe.Text(indent(ex.String(), "  explain: ")))
		return err
	}
	_, err := fmt.Fprintf(e.stdout, "%s\n\n", termsafe.Text(indent(ex.String(), "explain: ")))
	return err
}
