package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"time"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/internal/termsafe"
	"github.com/spelunk-dev/spelunk/query"
)

// detectCmd is `spelunk detect`: the selected detections over one read of
// the logs, then a summary.
type detectCmd struct {
	Content   string   `help:"security_content directory (macros/, detections/)." required:"" type:"existingdir" placeholder:"DIR"`
	Macros    []string `help:"Macro file or directory overriding the content's macros (repeatable, later wins)." placeholder:"PATH"`
	Detection []string `help:"Detection to run: name, id or YAML file (repeatable). Without it and without selection flags: every production TTP, Anomaly and Hunting detection that can run." placeholder:"NAME|ID|FILE"`
	selectFlags
	Explain       bool   `help:"After each detection's results, show how many rows each term of the first command's filter kept (cumulatively), then each command's rows in and out."`
	Timeline      string `help:"Also write every result row of every detection, in time order, to FILE: JSON Lines, or CSV when FILE ends in .csv (detection, time, host, user, risk score, risk message)." placeholder:"FILE"`
	FailOnResults bool   `help:"Exit 1 when any detection returned results (for CI)." name:"fail-on-results"`
	dataFlags
	evalFlags
	lookupFlags
	detectEngineFlags
}

// Run implements the subcommand.
func (c *detectCmd) Run(e *env) error {
	ctx := context.Background()
	start := time.Now()
	if len(c.Data) == 0 {
		return usageErr("detect needs the logs to run over: --data PATH")
	}
	if err := c.detectEngineFlags.check(); err != nil {
		return err
	}
	cfg := contentConfig(c.Content, c.Macros)
	if err := c.evalFlags.apply(&cfg); err != nil {
		return err
	}
	if err := c.lookupFlags.apply(&cfg); err != nil {
		return err
	}
	var err error
	if cfg.Ingest, err = c.ingestOptions(e); err != nil {
		return err
	}
	qe, err := newEnv(cfg)
	if err != nil {
		return err
	}
	content, err := detections.Open(qe)
	if err != nil {
		return usageErr("%s", safeErr(err))
	}
	sel, err := c.compileAll(e, content)
	if err != nil {
		return err
	}
	searches := make([]*query.Search, len(sel.runnable))
	for i, cd := range sel.runnable {
		searches[i] = cd.search
	}
	// Without --now the clock is the data's (latest _time + 1s), known only
	// after reading: read with the searches' filters but not their time
	// bounds, then compile again with that clock.
	fromData := cfg.Now.IsZero()
	var data *query.Data
	if c.Explain || c.Engine == "duckdb" {
		// Every event kept (not only each search's prefiltered reads):
		// explain counts what each term keeps, and DuckDB's events table
		// serves every search.
		data, _, err = c.load(ctx, e, qe, nil, true)
	} else {
		data, err = c.loadFor(ctx, e, qe, searches, fromData)
	}
	if err != nil {
		return err
	}
	clock := cfg.Now
	if fromData {
		clock = time.Now().UTC()
		if latest, ok := data.Latest(); ok {
			clock = query.ClockAfter(latest)
		}
		if err := sel.recompile(qe.WithNow(clock)); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stderr, "clock: %s (%s)\n", clock.Format(time.RFC3339Nano), clockSource(fromData))

	out, err := newDetectWriter(e, c.Format)
	if err != nil {
		return err
	}
	tl := newTimeline(cfg.Location)
	sum := newDetectSummary(sel, data.Report)
	progress := func(int, int) {}
	if isTerminal(e.stderr) {
		progress = progressBar(e.stderr, "detecting")
	}
	// A detection that fails at run time (a lookup file it needs is
	// missing, a regex times out) is reported and the others still run;
	// the exit code says some failed.
	runner := &detectRunner{flags: &c.detectEngineFlags, qe: qe, data: data}
	defer runner.close(e.stderr)
	for i, cd := range sel.runnable {
		progress(i, len(sel.runnable))
		res, err := runner.exec(ctx, cd.search)
		if err != nil {
			sum.failed(cd.detection, err)
			fmt.Fprintf(e.stderr, "spelunk: %s: %s\n", termsafe.Line(cd.detection.Name), describe(err))
			continue
		}
		sum.ran(cd.detection, res)
		if c.Timeline != "" {
			tl.add(cd.detection, res)
		}
		if c.Profile {
			fmt.Fprintf(e.stderr, "%s:\n", termsafe.Line(cd.detection.Name))
			writeProfile(e.stderr, nil, res)
		}
		if len(res.Rows) > 0 || sel.named {
			if err := out.write(cd.detection, res); err != nil {
				return err
			}
		}
		if c.Explain {
			ex, err := cd.search.Explain(ctx, data)
			if err != nil {
				return err
			}
			if err := c.writeExplain(e, cd.detection, ex); err != nil {
				return err
			}
		}
	}
	if isTerminal(e.stderr) {
		progress(len(sel.runnable), len(sel.runnable))
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if err := out.flush(); err != nil {
		return err
	}
	sum.finish(clock, fromData, time.Since(start))
	if err := out.summary(sum); err != nil {
		return err
	}
	if c.Timeline != "" {
		if err := tl.writeFile(c.Timeline); err != nil {
			return usageErr("--timeline: %v", err)
		}
	}
	switch {
	case sum.Detections.Failed > 0:
		return &exitError{code: 2, msg: fmt.Sprintf("%d of %d detections could not run (see above)", sum.Detections.Failed, len(sel.runnable))}
	case unreadable(data.Report) != nil:
		return unreadable(data.Report)
	case c.FailOnResults && sum.Detections.Fired > 0:
		return &exitError{code: 1, msg: fmt.Sprintf("%d detections returned results (--fail-on-results)", sum.Detections.Fired)}
	}
	return nil
}

// loadFor reads the logs for the searches; without their time bounds when
// the clock is to come from the data.
func (c *detectCmd) loadFor(ctx context.Context, e *env, qe *query.Env, ss []*query.Search, untimed bool) (*query.Data, error) {
	data, err := qe.LoadWith(ctx, c.Data, query.LoadOptions{IgnoreTimeBounds: untimed}, ss...)
	if err != nil {
		return nil, usageErr("%s", safeErr(err))
	}
	fmt.Fprintln(e.stderr, termsafe.Text(data.Report.Summary()))
	return data, nil
}

// clockSource says where the clock came from.
func clockSource(fromData bool) string {
	if fromData {
		return "latest event + 1s; set it with --now"
	}
	return "--now"
}

// compiledDetection is a detection and its compiled search.
type compiledDetection struct {
	detection *detections.Detection
	search    *query.Search
}

// writeCSVHeader starts detect's CSV output.
func writeCSVHeader(w *csv.Writer) error {
	return w.Write([]string{"detection_id", "detection", "risk_score", "risk_message", "result"})
}
