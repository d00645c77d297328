package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/internal/termsafe"
)

// detectWriter prints detections' results in one format, then the
// summary: text, JSON Lines (one object per row, a final {"summary": ...}
// line) or CSV (rows; the summary goes to stderr as text).
type detectWriter struct {
	e      *env
	format string
	csv    *csv.Writer
}

func newDetectWriter(e *env, format string) (*detectWriter, error) {
	w := &detectWriter{e: e, format: format}
	if format == formatCSV {
		w.csv = csv.NewWriter(e.stdout)
		if err := writeCSVHeader(w.csv); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// write prints one detection's results.
func (w *detectWriter) write(d *detections.Detection, res *eval.Result) error {
	messages := make([]string, len(res.Rows))
	for i, row := range res.Rows {
		messages[i] = detections.RenderMessage(d.Message, lookupField(res.Fields, row))
	}
	switch w.format {
	case formatJSON:
		for i, row := range res.Rows {
			obj, err := rowJSON(res.Fields, row)
			if err != nil {
				return err
			}
			line, err := marshalJSON(struct {
				ID        string          `json:"detection_id"`
				Name      string          `json:"detection"`
				RiskScore int             `json:"risk_score"`
				Message   string          `json:"risk_message"`
				Result    json.RawMessage `json:"result"`
			}{d.ID, d.Name, d.RiskScore, messages[i], obj})
			if err != nil {
				return err
			}
			if _, err := fmt.Fprintln(w.e.stdout, string(line)); err != nil {
				return err
			}
		}
		return nil
	case formatCSV:
		for i, row := range res.Rows {
			obj, err := rowJSON(res.Fields, row)
			if err != nil {
				return err
			}
			if err := w.csv.Write([]string{d.ID, d.Name, fmt.Sprint(d.RiskScore), messages[i], string(obj)}); err != nil {
				return err
			}
		}
		return nil
	default:
		fmt.Fprintf(w.e.stdout, "== %s (%s): %d %s\n", termsafe.Line(d.Name), termsafe.Line(d.ID), len(res.Rows), plural(len(res.Rows), "result", "results"))
		withMsg := &eval.Result{Fields: append(append([]string(nil), res.Fields...), "risk_message")}
		for i, row := range res.Rows {
			withMsg.Rows = append(withMsg.Rows, append(append(eval.Row(nil), row...), eval.Str(messages[i])))
		}
		if err := writeTable(w.e.stdout, withMsg); err != nil {
			return err
		}
		_, err := fmt.Fprintln(w.e.stdout)
		return err
	}
}

// flush ends the rows.
func (w *detectWriter) flush() error {
	if w.csv == nil {
		return nil
	}
	w.csv.Flush()
	return w.csv.Error()
}

// summary prints the run's summary.
func (w *detectWriter) summary(s *detectSummary) error {
	switch w.format {
	case formatJSON:
		b, err := marshalJSON(struct {
			Summary *detectSummary `json:"summary"`
		}{s})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(w.e.stdout, string(b))
		return err
	case formatCSV:
		_, err := fmt.Fprint(w.e.stderr, termsafe.Text(s.text()))
		return err
	}
	_, err := fmt.Fprint(w.e.stdout, termsafe.Text(s.text()))
	return err
}

// lookupField gives RenderMessage access to a row's values; multivalue
// fields render comma-separated.
func lookupField(fields []string, row eval.Row) func(string) (string, bool) {
	return func(name string) (string, bool) {
		for i, f := range fields {
			if f == name && !row[i].IsNull() {
				return strings.Join(row[i].Strings(), ","), true
			}
		}
		return "", false
	}
}
