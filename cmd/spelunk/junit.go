package main

import (
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/query"
)

// junitReport collects test results as JUnit XML, the report format CI
// systems (GitHub Actions reporters, GitLab, Jenkins) show: one testsuite
// per detection, one testcase per test; FAIL is a <failure>, ERROR an
// <error>, SKIP and UNSUPPORTED a <skipped> (UNSUPPORTED does not fail the
// build: it is spelunk's gap, not the detection's bug).
type junitReport struct {
	suites []junitSuite
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	ID       string      `xml:"id,attr,omitempty"`
	File     string      `xml:"file,attr,omitempty"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
	dur      time.Duration
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// add records one detection's results as a suite.
func (j *junitReport) add(d *detections.Detection, rs []detections.TestResult) {
	s := junitSuite{Name: d.Name, ID: d.ID, File: d.File}
	for _, r := range rs {
		name := r.Test
		if name == "" {
			name = d.Name
		}
		c := junitCase{Name: name, Classname: d.Name, File: d.File, Time: seconds(r.Duration), SystemOut: testFacts(r)}
		detail := ""
		var se *query.SearchError
		if errors.As(r.Err, &se) {
			detail = se.Detail()
		}
		if r.Explain != nil {
			detail = "explain:\n" + r.Explain.String()
		}
		switch r.Status {
		case detections.TestFail:
			s.Failures++
			c.Failure = &junitProblem{Message: r.Reason, Type: string(r.Status), Text: detail}
		case detections.TestError:
			s.Errors++
			c.Error = &junitProblem{Message: r.Reason, Type: string(r.Status), Text: detail}
		case detections.TestSkip, detections.TestUnsupported:
			s.Skipped++
			msg := r.Reason
			if r.Status == detections.TestUnsupported {
				msg = "UNSUPPORTED: " + msg
			}
			c.Skipped = &junitProblem{Message: msg, Text: detail}
		}
		s.Tests++
		s.dur += r.Duration
		s.Cases = append(s.Cases, c)
	}
	s.Time = seconds(s.dur)
	j.suites = append(j.suites, s)
}

// write writes the report to path.
func (j *junitReport) write(path string, sum testSummary) error {
	var total time.Duration
	for _, s := range j.suites {
		total += s.dur
	}
	doc := junitSuites{
		Name: "spelunk test", Tests: sum.Tests, Failures: sum.Fail, Errors: sum.Error,
		Skipped: sum.Skip + sum.Unsupported, Time: seconds(total), Suites: j.suites,
	}
	if doc.Suites == nil {
		doc.Suites = []junitSuite{}
	}
	b, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	var out strings.Builder
	out.WriteString(xml.Header)
	out.Write(b)
	out.WriteByte('\n')
	return os.WriteFile(path, []byte(out.String()), 0o644)
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
