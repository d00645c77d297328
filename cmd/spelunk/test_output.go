package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/internal/termsafe"
	"github.com/spelunk-dev/spelunk/query"
)

// testWriter prints test results as text or JSON Lines.
type testWriter struct {
	w      io.Writer
	format string
	now    time.Time // --now; zero when each test's clock comes from its data
}

func newTestWriter(w io.Writer, format string, now time.Time) *testWriter {
	return &testWriter{w: w, format: format, now: now}
}

// header says, in text output, where the tests' clock comes from.
func (t *testWriter) header() error {
	if t.format == formatJSON {
		return nil
	}
	var err error
	if t.now.IsZero() {
		_, err = fmt.Fprintln(t.w, "clock: each test runs at the latest _time in its data + 1s (now(), earliest=-24h, relative_time); --now fixes it")
	} else {
		_, err = fmt.Fprintf(t.w, "clock: every test runs at %s (--now)\n", t.now.UTC().Format(time.RFC3339))
	}
	return err
}

// detection prints one detection's test results.
func (t *testWriter) detection(rs []detections.TestResult) error {
	for _, r := range rs {
		var err error
		if t.format == formatJSON {
			err = t.json(r)
		} else {
			err = t.text(r)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// text prints "STATUS  Detection / Test: reason (facts)", then for errors
// the snippet and macro chain, and for an explained FAIL the explanation,
// indented.
func (t *testWriter) text(r detections.TestResult) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-11s %s", r.Status, testLabel(r))
	if r.Status != detections.TestPass && r.Reason != "" {
		b.WriteString(": " + r.Reason)
	}
	if facts := testFacts(r); facts != "" {
		b.WriteString(" (" + facts + ")")
	}
	b.WriteByte('\n')
	var se *query.SearchError
	if errors.As(r.Err, &se) {
		if d := strings.TrimPrefix(se.Detail(), se.Error()); d != "" {
			b.WriteString(indent(strings.TrimPrefix(d, "\n"), "    ") + "\n")
		}
	}
	if r.Explain != nil {
		b.WriteString(indent(r.Explain.String(), "    explain: ") + "\n")
	}
	_, err := io.WriteString(t.w, termsafe.Text(b.String()))
	return err
}

// testFacts are the events read, results returned and the clock of a test
// that ran.
func testFacts(r detections.TestResult) string {
	if r.Now.IsZero() {
		return ""
	}
	s := fmt.Sprintf("%d %s, %d %s, now %s", r.Events, plural(r.Events, "event", "events"),
		r.Results, plural(r.Results, "result", "results"), r.Now.UTC().Format(time.RFC3339))
	if r.NowFromData {
		s += " from data"
	}
	return s
}

// testJSON is one line of `spelunk test --format json`.
type testJSON struct {
	Detection   string                `json:"detection"`
	DetectionID string                `json:"detection_id"`
	File        string                `json:"file"`
	Test        string                `json:"test"`
	Status      detections.TestStatus `json:"status"`
	Reason      string                `json:"reason,omitempty"`
	Data        []string              `json:"data,omitempty"`
	Events      int                   `json:"events"`
	Results     int                   `json:"results"`
	Now         string                `json:"now,omitempty"`
	Clock       string                `json:"clock,omitempty"` // "data" or "--now"
	Error       *testErrorJSON        `json:"error,omitempty"`
	Explain     *query.Explanation    `json:"explain,omitempty"`
}

// testErrorJSON locates an ERROR or UNSUPPORTED.
type testErrorJSON struct {
	Stage   string `json:"stage,omitempty"`
	Code    string `json:"code,omitempty"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Macro   string `json:"macro,omitempty"`
	Message string `json:"message"`
}

func (t *testWriter) json(r detections.TestResult) error {
	j := testJSON{
		Detection: r.Detection.Name, DetectionID: r.Detection.ID, File: r.Detection.File,
		Test: r.Test, Status: r.Status, Reason: r.Reason, Data: r.Data,
		Events: r.Events, Results: r.Results, Explain: r.Explain,
	}
	if !r.Now.IsZero() {
		j.Now = r.Now.UTC().Format(time.RFC3339Nano)
		j.Clock = "--now"
		if r.NowFromData {
			j.Clock = "data"
		}
	}
	if r.Err != nil {
		j.Error = &testErrorJSON{Message: r.Err.Error()}
		var se *query.SearchError
		if errors.As(r.Err, &se) {
			j.Error = &testErrorJSON{
				Stage: se.Stage, Code: testErrorCode(se), File: se.Loc.File, Line: se.Loc.Line, Col: se.Loc.Col,
				Macro: se.Macro, Message: se.Msg,
			}
		}
	}
	b, err := marshalJSON(j)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(t.w, string(b))
	return err
}

// summary prints the counts: a text line, or a {"summary": ...} JSON line.
func (t *testWriter) summary(s testSummary, took time.Duration) error {
	if t.format == formatJSON {
		b, err := marshalJSON(struct {
			Summary testSummary `json:"summary"`
		}{s})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(t.w, string(b))
		return err
	}
	_, err := fmt.Fprintf(t.w, "\n%d %s in %d %s: %d passed, %d failed, %d skipped, %d %s, %d unsupported\n",
		s.Tests, plural(s.Tests, "test", "tests"), s.Detections, plural(s.Detections, "detection", "detections"),
		s.Pass, s.Fail, s.Skip, s.Error, plural(s.Error, "error", "errors"), s.Unsupported)
	return err
}

// testErrorCode is the "code" of a test error in JSON: the class of a
// compile or run error ("unsupported", "refused", "invalid", ...), empty
// for expansion and parse errors, as it has always been.
func testErrorCode(se *query.SearchError) string {
	if se.Stage == "compile" || se.Stage == "run" {
		return string(se.Class())
	}
	return ""
}
