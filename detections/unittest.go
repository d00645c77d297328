package detections

import (
	"context"
	"errors"
	"time"

	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/query"
)

// TestStatus is the outcome of one detection test.
type TestStatus string

// The test statuses. FAIL and ERROR make `spelunk test` exit 1; SKIP and
// UNSUPPORTED do not.
const (
	TestPass TestStatus = "PASS" // the results satisfy contentctl's checks (see Judge)
	TestFail TestStatus = "FAIL" // the search ran and its results do not
	// TestSkip: the test's attack data is not in the local mirror, or the
	// test is marked manual_test.
	TestSkip TestStatus = "SKIP"
	// TestError: the detection is broken: it cannot be expanded, parsed or
	// compiled, it fails at run time with an error of its own, or its data
	// cannot be read or lies outside the mirror.
	TestError TestStatus = "ERROR"
	// TestUnsupported: the search uses a command, function or option that
	// spelunk does not run (yet, or by design: eval says unsupported or
	// refused). It is spelunk's gap, not the detection's bug.
	TestUnsupported TestStatus = "UNSUPPORTED"
)

// TestOptions configure Content.Test.
type TestOptions struct {
	// AttackData is the local mirror of splunk/attack_data: a test's
	// https://media.githubusercontent.com/media/splunk/attack_data/master/X
	// is read from AttackData/X (see ResolveAttackData).
	AttackData string
	// The Content's Env gives the rest: when its clock (Config.Now) is
	// zero, each test's clock (now(), earliest=-24h, relative_time) is
	// the latest _time in its data plus one second, so a search over
	// years-old attack data sees it as recent, as it did when the data was
	// recorded. Its Config.Ingest is the base of the options every
	// attack_data entry is read with (Mappings, MaxRecordBytes, ...); each
	// entry's source overrides Source, its sourcetype SourcetypeName (and
	// clears Sourcetype: the sourcetype picks the reader); Keep is Test's
	// own.
	// Explain attaches an Explanation to every FAIL.
	Explain bool
}

// TestResult is the outcome of one test of a detection.
type TestResult struct {
	Detection *Detection
	Test      string // the test's name
	Status    TestStatus
	// Reason says why: "no results", the field a check failed on, the
	// missing data path, the error message. For a PASS, which result
	// passed.
	Reason string
	// Err is the error behind ERROR and UNSUPPORTED: a *SearchError with
	// its position for search problems.
	Err error
	// Data are the local files of the test's attack data.
	Data []string
	// Now is the clock the search ran with; NowFromData says it was taken
	// from the data (latest _time + 1s) rather than given.
	Now         time.Time
	NowFromData bool
	Events      int                // events read from the data
	Results     int                // rows the search returned
	Duration    time.Duration      // loading, running and judging
	Explain     *query.Explanation // set for a FAIL when TestOptions.Explain
}

// Test runs every test of d as contentctl's unit tests do, without Splunk:
// each test's attack data is read from the local mirror with its source
// and sourcetype, the search runs over all of it, and Judge decides. A
// test with missing data is SKIP, a broken detection ERROR with the
// position, a search spelunk cannot run UNSUPPORTED; none of these is an
// error of Test itself, whose error result is only for a cancelled ctx.
// A detection without tests gives one SKIP result.
//
// A search that does not start with '|' is an implicit search command, as
// contentctl prepends "search " (the parser does this already).
func (c *Content) Test(ctx context.Context, d *Detection, opts TestOptions) ([]TestResult, error) {
	if c == nil || d == nil {
		return nil, errors.New("detections: Test on a nil Content or Detection")
	}
	if len(d.Tests) == 0 {
		return []TestResult{{Detection: d, Status: TestSkip, Reason: "no tests"}}, nil
	}
	// Compile once without data: problems of the search itself are
	// reported before any data is read, and for every test.
	cd, compileErr := c.Compile(d)
	// The events the search's leading command drops are dropped while
	// reading (its time bounds aside: the clock comes from the data), but
	// not for Explain, which counts what each term keeps.
	var keep func(*ingest.Event) bool
	if compileErr == nil && !opts.Explain {
		keep = cd.Keep(false)
	}
	out := make([]TestResult, 0, len(d.Tests))
	for _, t := range d.Tests {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		start := time.Now()
		r := c.runTest(ctx, d, t, opts, compileErr, keep)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r.Duration = time.Since(start)
		out = append(out, r)
	}
	return out, nil
}

func (c *Content) runTest(ctx context.Context, d *Detection, t Test, opts TestOptions, compileErr error, keep func(*ingest.Event) bool) TestResult {
	r := TestResult{Detection: d, Test: t.Name}
	if t.ManualTest != "" {
		r.Status, r.Reason = TestSkip, "manual_test: "+t.ManualTest
		return r
	}
	if len(t.AttackData) == 0 {
		r.Status, r.Reason = TestSkip, "no attack_data"
		return r
	}
	files, err := resolveTest(opts.AttackData, t)
	if err != nil {
		return failed(r, err)
	}
	r.Data = paths(files)
	if compileErr != nil {
		return failed(r, compileErr)
	}
	lctx, stop := query.WatchMemory(ctx, c.Env.Config().Limits.MaxMemory, "reading attack data", c.Env.Config().OnMemoryOverrun)
	td, err := loadTestData(lctx, t, files, c.Env.Config().Ingest, keep)
	if me := query.MemoryLimitCause(lctx); me != nil && err != nil {
		err = me
	}
	stop()
	if err != nil {
		var nf *errDataNotFound
		if errors.As(err, &nf) {
			r.Status, r.Reason = TestSkip, err.Error()
			return r
		}
		return failed(r, err)
	}
	r.Events = td.read
	now := c.Env.Config().Now
	if now.IsZero() {
		r.NowFromData = true
		if latest, ok := td.latestTime(); ok {
			now = query.ClockAfter(latest)
		} else {
			now = time.Now().UTC()
		}
	}
	r.Now = now
	cd, err := c.Env.WithNow(now).CompileSource(d.Source())
	if err != nil {
		return failed(r, err)
	}
	data := query.NewData(td.tables, td.events)
	res, err := cd.Exec(ctx, data)
	if err != nil {
		return failed(r, err)
	}
	r.Results = len(res.Rows)
	v := Judge(d, res)
	r.Reason = v.Reason
	r.Status = TestFail
	if v.Pass {
		r.Status = TestPass
	}
	if r.Status == TestFail && opts.Explain {
		r.Explain, _ = cd.Explain(ctx, data) // only a cancelled ctx fails, and it shows below
	}
	return r
}

// failed sets an ERROR or UNSUPPORTED status from err.
func failed(r TestResult, err error) TestResult {
	r.Err, r.Reason, r.Status = err, err.Error(), TestError
	var se *query.SearchError
	switch {
	case errors.As(err, &se) && (se.Class() == diag.ClassUnsupported || se.Class() == diag.ClassRefused):
		r.Status = TestUnsupported
	case errors.Is(err, eval.ErrInternal): // spelunk's bug, not the detection's (as Check counts it)
		r.Status = TestUnsupported
	}
	return r
}
