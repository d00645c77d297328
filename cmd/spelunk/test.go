package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spelunk-dev/spelunk/detections"
)

// testCmd is `spelunk test`: security_content's unit tests, locally. Each
// selected detection's tests replay their attack data from a local mirror
// of splunk/attack_data and are judged as contentctl judges them (see
// detections.Judge). Exit 1 when a test FAILs or ERRORs; SKIP (no data)
// and UNSUPPORTED (spelunk cannot run the search yet) do not fail the run.
type testCmd struct {
	Content           string   `help:"security_content directory (macros/, detections/)." required:"" placeholder:"DIR"`
	AttackData        string   `help:"Local mirror of splunk/attack_data: a test's https://media.githubusercontent.com/media/splunk/attack_data/master/X is read from DIR/X." required:"" placeholder:"DIR"`
	Macros            []string `help:"Macro file or directory overriding the content's macros (repeatable, later wins)." placeholder:"PATH"`
	Detection         []string `help:"Detection to test: name, id or YAML file (repeatable; default every production detection with automatic tests, Correlation searches excepted)." placeholder:"NAME|ID|FILE"`
	Junit             string   `help:"Also write a JUnit XML report to FILE." placeholder:"FILE"`
	Format            string   `help:"Output format: text (one line per test, then a summary) or json (JSON Lines: one object per test, then a summary)." enum:"text,json" default:"text"`
	Now               string   `help:"The clock of every test: RFC 3339 time or epoch seconds (default: the latest _time in each test's data plus one second)." placeholder:"TIME"`
	Explain           bool     `help:"On a FAIL, show how many rows each term of the first command's filter kept, then each command's rows in and out."`
	Mappings          string   `help:"YAML file of field extractions, eventtypes and data-model mappings that extends or overrides the built-in ones." placeholder:"FILE"`
	DecodeXMLEntities bool     `help:"Decode entity references in XmlWinEventLog field values (default: kept, as Splunk's add-ons do)." name:"decode-xml-entities"`
	lookupFlags
	memoryFlag
	Timeout time.Duration `help:"Stop a test's search that runs longer than this (the test is an ERROR); 0: no limit." default:"10m" placeholder:"DURATION"`
	Jobs    int           `help:"Detections tested at once (default: the number of CPUs)." short:"j" placeholder:"N"`
}

// testSummary counts tests by status.
type testSummary struct {
	Detections  int `json:"detections"`
	Tests       int `json:"tests"`
	Pass        int `json:"pass"`
	Fail        int `json:"fail"`
	Skip        int `json:"skip"`
	Error       int `json:"error"`
	Unsupported int `json:"unsupported"`
}

func (s *testSummary) add(r detections.TestResult) {
	s.Tests++
	switch r.Status {
	case detections.TestPass:
		s.Pass++
	case detections.TestFail:
		s.Fail++
	case detections.TestSkip:
		s.Skip++
	case detections.TestError:
		s.Error++
	case detections.TestUnsupported:
		s.Unsupported++
	}
}

// Run implements the subcommand.
func (c *testCmd) Run(e *env) error {
	ctx := context.Background()
	// Paths stay as the user wrote them (not made absolute), so reports
	// name files the way the user knows them.
	if st, err := os.Stat(c.AttackData); err != nil || !st.IsDir() {
		return usageErr("--attack-data %s: not a directory", c.AttackData)
	}
	opts := detections.TestOptions{AttackData: c.AttackData, Explain: c.Explain}
	cfg := contentConfig(c.Content, c.Macros)
	if c.Now != "" {
		t, err := parseTime(c.Now)
		if err != nil {
			return usageErr("--now: %v", err)
		}
		cfg.Now = t
	}
	maps, err := readMappings(c.Mappings)
	if err != nil {
		return err
	}
	cfg.Ingest.Mappings = maps
	cfg.Ingest.DecodeXMLEntities = c.DecodeXMLEntities
	if err := c.lookupFlags.apply(&cfg); err != nil {
		return err
	}
	if err := c.memoryFlag.apply(&cfg); err != nil {
		return err
	}
	cfg.Limits.Timeout = c.Timeout
	qe, err := newEnv(cfg)
	if err != nil {
		return err
	}
	content, err := detections.Open(qe)
	if err != nil {
		return usageErr("%s", safeErr(err))
	}
	ds, bad, err := c.selectDetections(e, content)
	if err != nil {
		return err
	}
	var junit *junitReport
	if c.Junit != "" {
		junit = &junitReport{}
	}
	out := newTestWriter(e.stdout, c.Format, cfg.Now)
	if err := out.header(); err != nil {
		return err
	}
	var sum testSummary
	start := time.Now()
	err = c.runAll(ctx, content, ds, opts, func(d *detections.Detection, rs []detections.TestResult) error {
		sum.Detections++
		for _, r := range rs {
			sum.add(r)
		}
		if junit != nil {
			junit.add(d, rs)
		}
		return out.detection(rs)
	})
	if err != nil {
		return err
	}
	for _, rs := range loadErrorResults(bad) {
		sum.Detections++
		sum.add(rs[0])
		if junit != nil {
			junit.add(rs[0].Detection, rs)
		}
		if err := out.detection(rs); err != nil {
			return err
		}
	}
	if err := out.summary(sum, time.Since(start)); err != nil {
		return err
	}
	if junit != nil {
		if err := junit.write(c.Junit, sum); err != nil {
			return usageErr("--junit: %v", err)
		}
	}
	if sum.Fail > 0 || sum.Error > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// selectDetections returns the detections named by --detection, or every
// testable one (detections.Detection.Testable). Files that cannot be
// loaded are counted on stderr.
func (c *testCmd) selectDetections(e *env, content *detections.Content) ([]*detections.Detection, []error, error) {
	if len(c.Detection) > 0 {
		var ds []*detections.Detection
		for _, ref := range c.Detection {
			d, err := content.Find(ref)
			if err != nil {
				return nil, nil, usageErr("%s", safeErr(err))
			}
			ds = append(ds, d)
		}
		return ds, nil, nil
	}
	all, bad, err := content.Detections()
	if err != nil {
		return nil, nil, usageErr("%s", safeErr(err))
	}
	if len(bad) > 0 {
		fmt.Fprintf(e.stderr, "spelunk: %d detection files cannot be loaded, for example:\n", len(bad))
		for _, b := range bad[:min(3, len(bad))] {
			fmt.Fprintln(e.stderr, "  "+safeErr(b))
		}
	}
	var ds []*detections.Detection
	for _, d := range all {
		if ok, _ := d.Testable(); ok {
			ds = append(ds, d)
		}
	}
	return ds, bad, nil
}

// loadErrorResults turns detection files that cannot be loaded into ERROR
// results, so they count in the summary, the reports and the exit code.
func loadErrorResults(bad []error) [][]detections.TestResult {
	var out [][]detections.TestResult
	for _, err := range bad {
		file := ""
		var le *detections.LoadError
		if errors.As(err, &le) {
			file = le.File
		}
		d := &detections.Detection{Name: filepath.Base(file), File: file}
		out = append(out, []detections.TestResult{{Detection: d, Test: "load", Status: detections.TestError, Reason: err.Error(), Err: err}})
	}
	return out
}

// runAll tests the detections on --jobs goroutines and calls emit with
// each detection's results in the order of ds, as soon as they and all
// before them are done, so output is deterministic and streams.
func (c *testCmd) runAll(ctx context.Context, content *detections.Content, ds []*detections.Detection, opts detections.TestOptions, emit func(*detections.Detection, []detections.TestResult) error) error {
	workers := c.Jobs
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(ds)))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type done struct {
		i   int
		rs  []detections.TestResult
		err error
	}
	jobs := make(chan int)
	results := make(chan done, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				rs, err := content.Test(ctx, ds[i], opts)
				results <- done{i, rs, err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range ds {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	pending := map[int]done{}
	next := 0
	var firstErr error
	for r := range results {
		if firstErr != nil {
			continue // drain
		}
		pending[r.i] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			err := p.err
			if err == nil {
				err = emit(ds[p.i], p.rs)
			}
			if err != nil {
				firstErr = err
				cancel()
				break
			}
		}
	}
	return firstErr
}

// testLabel names a test in text output: "Detection / Test".
func testLabel(r detections.TestResult) string {
	if r.Test == "" {
		return r.Detection.Name
	}
	return r.Detection.Name + " / " + r.Test
}

// indent prefixes every line of s with pre.
func indent(s, pre string) string {
	return pre + strings.ReplaceAll(s, "\n", "\n"+pre)
}
