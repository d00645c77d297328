package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
)

// dataFlags are the flags that say which logs to read and how.
type dataFlags struct {
	Data              []string `help:"Log file or directory to read (repeatable). Formats are detected from content; .gz and .tar.gz are read in place." required:"" placeholder:"PATH"`
	Sourcetype        string   `help:"Read every file as this sourcetype instead of detecting it." placeholder:"ST"`
	Dataset           string   `help:"The files' records already are rows of this data-model dataset (JSONL or CSV), e.g. Endpoint.Processes." placeholder:"DM.DS"`
	Source            string   `help:"Override the source of every event." placeholder:"S"`
	Host              string   `help:"Override the host of every event." placeholder:"H"`
	Index             string   `help:"Override the index of every event (default main)." placeholder:"I"`
	DecodeXMLEntities bool     `help:"Decode entity references (&amp; &gt; ...) in XmlWinEventLog field values. Splunk's add-ons keep them, and security_content searches match them (process=\"*2&gt;&amp;1*\"), so the default keeps them." name:"decode-xml-entities"`
	Mappings          string   `help:"YAML file of field extractions, eventtypes and data-model mappings that extends or overrides the built-in ones (see ingest/mappings/README.yaml)." placeholder:"FILE"`
}

// load reads the logs, reporting skipped records on stderr (never
// silently). When one of the searches cs reads raw events, it also keeps
// the raw events (read on demand, detections.Events): only those the searches' leading commands
// may keep (detections.EventFilter), unless all is set (--explain counts
// what each term of the filter keeps, so it needs every event).
func (f *dataFlags) load(ctx context.Context, e *env, cs []*detections.Compiled, all bool) (cim.Tables, *detections.Events, time.Duration, error) {
	start := time.Now()
	opts := ingest.Options{
		Sourcetype: f.Sourcetype, Dataset: f.Dataset,
		Source: f.Source, Host: f.Host, Index: f.Index,
		Progress: terminal(e.stderr), DecodeXMLEntities: f.DecodeXMLEntities,
	}
	maps, err := readMappings(f.Mappings)
	if err != nil {
		return nil, nil, 0, err
	}
	opts.Mappings = maps
	events := false
	for _, c := range cs {
		events = events || c.ReadsEvents()
	}
	var (
		tables cim.Tables
		rep    *ingest.Report
		recs   *detections.Events
	)
	if events {
		if !all {
			opts.Keep = detections.EventFilter(cs...)
		}
		var evs []*ingest.Event
		evs, tables, rep, err = ingest.LoadEvents(ctx, f.Data, opts)
		recs = detections.NewEvents(evs)
	} else {
		tables, rep, err = ingest.Load(ctx, f.Data, opts)
	}
	took := time.Since(start)
	if err != nil {
		return nil, nil, took, usageErr("%v", err)
	}
	// Always say what was read: events, events per data model, what was
	// skipped and why (stderr, so stdout stays the results).
	fmt.Fprintln(e.stderr, rep.Summary())
	return tables, recs, took, nil
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
	Format  string `help:"Output format: table, json (JSON Lines) or csv." enum:"table,json,csv" default:"table"`
	Now     string `help:"The search's clock for now() and relative times: RFC 3339 time or epoch seconds (default: the wall clock)." placeholder:"TIME"`
	Tz      string `help:"Time zone for formatted times (default UTC), e.g. America/New_York." placeholder:"ZONE"`
	Profile bool   `help:"Print each phase and command with rows in/out and time on stderr."`
}

// options turns the flags into evaluation options.
func (f *evalFlags) options() (eval.Options, error) {
	var o eval.Options
	if f.Now != "" {
		t, err := parseTime(f.Now)
		if err != nil {
			return o, usageErr("--now: %v", err)
		}
		o.Now = t
	}
	if f.Tz != "" {
		loc, err := time.LoadLocation(f.Tz)
		if err != nil {
			return o, usageErr("--tz: %v", err)
		}
		o.Location = loc
	}
	return o, nil
}

// parseTime accepts RFC 3339 (with or without zone, then UTC) or epoch
// seconds.
func parseTime(s string) (time.Time, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		sec := int64(f)
		return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time (want RFC 3339 such as 2024-05-01T12:00:00Z, or epoch seconds)", s)
}
