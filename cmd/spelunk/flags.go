package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/internal/termsafe"
	"github.com/spelunk-dev/spelunk/query"
)

// dataFlags are the flags that say which logs to read and how.
type dataFlags struct {
	Data              []string `help:"Log file or directory to read (repeatable). Formats are detected from content; .gz and .tar.gz are read in place. A search that makes its own rows (makeresults, inputlookup) needs none." placeholder:"PATH"`
	Sourcetype        string   `help:"Read every file as this sourcetype instead of detecting it." placeholder:"ST"`
	Dataset           string   `help:"The files' records already are rows of this data-model dataset (JSONL or CSV), e.g. Endpoint.Processes." placeholder:"DM.DS"`
	Source            string   `help:"Override the source of every event." placeholder:"S"`
	Host              string   `help:"Override the host of every event." placeholder:"H"`
	Index             string   `help:"Override the index of every event (default main)." placeholder:"I"`
	DecodeXMLEntities bool     `help:"Decode entity references (&amp; &gt; ...) in XmlWinEventLog field values. Splunk's add-ons keep them, and security_content searches match them (process=\"*2&gt;&amp;1*\"), so the default keeps them." name:"decode-xml-entities"`
	Mappings          string   `help:"YAML file of field extractions, eventtypes and data-model mappings that extends or overrides the built-in ones (see ingest/mappings/README.yaml)." placeholder:"FILE"`
	TimeField         string   `help:"Read each event's _time from this field (default: the format's own time field, then TimeCreated, @timestamp, UtcTime, ...)." name:"time-field" placeholder:"FIELD"`
	TimeFormat        string   `help:"Format of --time-field's values: strptime-style when it contains %% (%Y-%m-%d %H:%M:%S), else a Go layout (default: recognised by shape)." name:"time-format" placeholder:"FORMAT"`
	InputTZ           string   `help:"Zone of event times written without one, or labelled Z by an export that wrote local time (IANA name, e.g. Europe/Berlin; default UTC)." name:"input-tz" placeholder:"ZONE"`
}

// ingestOptions are the options the logs are read with.
func (f *dataFlags) ingestOptions(e *env) (ingest.Options, error) {
	opts := ingest.Options{
		Sourcetype: f.Sourcetype, Dataset: f.Dataset,
		Source: f.Source, Host: f.Host, Index: f.Index,
		Progress: terminal(e.stderr), DecodeXMLEntities: f.DecodeXMLEntities,
		TimeField: f.TimeField, TimeFormat: f.TimeFormat, InputTZ: f.InputTZ,
	}
	if f.InputTZ != "" {
		if _, err := time.LoadLocation(f.InputTZ); err != nil {
			return opts, usageErr("--input-tz: %v", err)
		}
	}
	maps, err := readMappings(f.Mappings)
	if err != nil {
		return opts, err
	}
	opts.Mappings = maps
	return opts, nil
}

// load reads the logs for the searches ss (query.Env.Load: raw events
// only when a search reads them, only those some search may keep; every
// event when all is set: --explain counts what each term of a filter
// keeps), reporting what was read and skipped on stderr (never silently).
func (f *dataFlags) load(ctx context.Context, e *env, qe *query.Env, ss []*query.Search, all bool) (*query.Data, time.Duration, error) {
	start := time.Now()
	if all {
		ss = nil
	}
	data, err := qe.Load(ctx, f.Data, ss...)
	took := time.Since(start)
	if err != nil {
		return nil, took, usageErr("%s", safeErr(err))
	}
	// Always say what was read: events, events per data model, what was
	// skipped and why (stderr, so stdout stays the results).
	fmt.Fprintln(e.stderr, termsafe.Text(data.Report.Summary()))
	return data, took, nil
}

// unreadable is the exit status of a run some of whose inputs could not
// be read (a damaged archive, a truncated file): 1, after all results,
// with the count; nil when every input was read.
func unreadable(rep *ingest.Report) error {
	if rep == nil || len(rep.Unreadable) == 0 {
		return nil
	}
	n := len(rep.Unreadable)
	return &exitError{code: 1, msg: fmt.Sprintf("%d %s could not be read (listed above); the results are those of the rest", n, plural(n, "input", "inputs"))}
}

// terminal returns w when it is a terminal (for progress bars), else nil:
// pipes and CI stay quiet.
func terminal(w io.Writer) io.Writer {
	if isTerminal(w) {
		return w
	}
	return nil
}

// evalFlags are the flags that shape evaluation and output.
type evalFlags struct {
	Format  string        `help:"Output format: table, json (JSON Lines) or csv." enum:"table,json,csv" default:"table"`
	Now     string        `help:"The search's clock for now() and relative times: RFC 3339 time or epoch seconds (default: the wall clock)." placeholder:"TIME"`
	Tz      string        `help:"Time zone for formatted times (default UTC), e.g. America/New_York." placeholder:"ZONE"`
	Profile bool          `help:"Print each phase and command with rows in/out and time on stderr."`
	Timeout time.Duration `help:"Stop a search that runs longer than this (each detection's, for detect); 0: no limit." default:"10m"`
	memoryFlag
}

// apply sets the clock and the time zone of the flags on cfg.
func (f *evalFlags) apply(cfg *query.Config) error {
	if f.Now != "" {
		t, err := parseTime(f.Now)
		if err != nil {
			return usageErr("--now: %v", err)
		}
		cfg.Now = t
	}
	if f.Tz != "" {
		loc, err := time.LoadLocation(f.Tz)
		if err != nil {
			return usageErr("--tz: %v", err)
		}
		cfg.Location = loc
	}
	cfg.Limits.Timeout = f.Timeout
	return f.memoryFlag.apply(cfg)
}

// parseTime accepts RFC 3339 (with or without zone, then UTC) or epoch
// seconds.
func parseTime(s string) (time.Time, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return query.EpochTime(f) // NaN, Inf and out-of-range epochs are errors
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time (want RFC 3339 such as 2024-05-01T12:00:00Z, or epoch seconds)", s)
}
