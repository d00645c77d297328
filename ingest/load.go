package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spelunk-dev/spelunk/cim"
)

// Options control how files are read.
type Options struct {
	// Sourcetype forces the format of every file instead of detecting it
	// from content: "XmlWinEventLog" (also "xmlwineventlog" and
	// "XmlWinEventLog:<channel>"), "nxlog_json" (also "nxlog"), or "json".
	// With Dataset: "jsonl" or "csv". "" = detect.
	Sourcetype string
	// Dataset ("Endpoint.Processes") says the files' records already are
	// rows of that dataset: JSON lines or CSV with a header, field names
	// with or without the "Processes." prefix, _time a number or numeric
	// string (fraction allowed).
	Dataset string
	// Source, Host, Index override every event's metadata ("" = defaults:
	// XmlWinEventLog:<Channel>, the event's computer, main; for dataset
	// files the row's own source/host/index fields, else the file path,
	// none, main).
	Source, Host, Index string
	// MaxSkipsReported is how many skips per file are kept with detail
	// (default 20); all are counted.
	MaxSkipsReported int
	// Mappings turn events into data-model rows (nil = DefaultMappings).
	Mappings *Mappings
}

// Load reads every path (files; a directory means every regular file under
// it, not following symlinks out of it) and returns the data-model tables
// built from them with a report of what was read and skipped. It fails only
// when a path cannot be opened/read at all.
func Load(ctx context.Context, paths []string, opts Options) (cim.Tables, *Report, error) {
	if opts.MaxSkipsReported == 0 {
		opts.MaxSkipsReported = 20
	}
	forced, err := normFormat(opts.Sourcetype, opts.Dataset != "")
	if err != nil {
		return nil, nil, err
	}
	l := &loader{ctx: ctx, opts: opts, forced: forced, builders: map[string]*cim.Builder{}, rep: &Report{}}
	if opts.Dataset != "" {
		ds, ok := cim.LookupDataset(opts.Dataset)
		if !ok {
			return nil, nil, fmt.Errorf("unknown dataset %q", opts.Dataset)
		}
		l.dataset = ds
	} else {
		l.maps = opts.Mappings
		if l.maps == nil {
			l.maps = DefaultMappings()
		}
	}
	if err := walkPaths(ctx, paths, l.stream); err != nil {
		return nil, l.rep, err
	}
	tables := cim.Tables{}
	for name, b := range l.builders {
		tables[name] = b.Table()
	}
	return tables, l.rep, nil
}

// normFormat checks Options.Sourcetype.
func normFormat(st string, dataset bool) (string, error) {
	if st == "" {
		return "", nil
	}
	low := strings.ToLower(st)
	if dataset {
		switch low {
		case "jsonl", "json", "_json":
			return FormatJSONL, nil
		case "csv":
			return FormatCSV, nil
		}
		return "", fmt.Errorf("sourcetype %q: with a dataset, use jsonl or csv", st)
	}
	switch {
	case low == "xmlwineventlog" || strings.HasPrefix(low, "xmlwineventlog:"):
		return FormatXML, nil
	case low == "nxlog_json" || low == "nxlog":
		return FormatNXLog, nil
	case low == "json" || low == "_json":
		return FormatJSON, nil
	}
	return "", fmt.Errorf("unknown sourcetype %q (want XmlWinEventLog, nxlog_json or json)", st)
}

type loader struct {
	ctx      context.Context
	opts     Options
	forced   string
	dataset  *cim.Dataset
	maps     *Mappings
	builders map[string]*cim.Builder
	rep      *Report
}

func (l *loader) builder(name string) *cim.Builder {
	b := l.builders[name]
	if b == nil {
		if d, ok := cim.LookupDataset(name); ok {
			b = d.NewBuilder()
		} else {
			b = cim.NewBuilder(name)
		}
		l.builders[name] = b
	}
	return b
}

func (l *loader) stream(name string, br *bufio.Reader) error {
	fr := FileReport{Path: name, Rows: map[string]int{}}
	defer func() { l.rep.Files = append(l.rep.Files, fr) }()
	format := l.forced
	if format == "" {
		prefix, _ := br.Peek(64 << 10)
		format = Detect(prefix)
		if l.dataset != nil {
			if format == FormatJSON || format == FormatNXLog {
				format = FormatJSONL
			} else {
				format = FormatCSV
			}
		}
	}
	fr.Format = format
	if l.dataset != nil {
		err := l.loadDataset(name, br, format, &fr)
		return l.readErr(err, &fr)
	}
	var r Reader
	switch format {
	case FormatXML:
		r = NewXMLReader(br)
	case FormatNXLog:
		r = NewNXLogReader(br)
	case FormatJSON:
		r = NewJSONReader(br)
	default:
		fr.Warnings = append(fr.Warnings, "format not recognised (not XmlWinEventLog or JSON lines); file not read")
		return nil
	}
	err := l.readEvents(name, r, &fr)
	if w, ok := r.(Warner); ok {
		fr.Warnings = append(fr.Warnings, w.Warnings()...)
	}
	return l.readErr(err, &fr)
}

// readErr turns a read error in the middle of a stream into a warning;
// only cancellation stops Load.
func (l *loader) readErr(err error, fr *FileReport) error {
	if err == nil {
		return nil
	}
	if ctxErr := l.ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	fr.Warnings = append(fr.Warnings, fmt.Sprintf("read error after %d records: %v", fr.Records, err))
	return nil
}

func (l *loader) skip(fr *FileReport, line int, reason string) {
	fr.Skipped++
	fr.Records++
	if len(fr.Skips) < l.opts.MaxSkipsReported {
		fr.Skips = append(fr.Skips, Skip{Path: fr.Path, Line: line, Reason: reason})
	}
}

func (l *loader) readEvents(name string, r Reader, fr *FileReport) error {
	for n := 0; ; n++ {
		if n&1023 == 0 {
			if err := l.ctx.Err(); err != nil {
				return err
			}
		}
		ev, err := r.Next()
		if err == io.EOF {
			return nil
		}
		var skip *SkipError
		if errors.As(err, &skip) {
			l.skip(fr, skip.Line, skip.Reason)
			continue
		}
		if err != nil {
			return err
		}
		fr.Records++
		fr.Events++
		l.meta(ev)
		if ev.Source == "" {
			ev.Source = name
		}
		for _, m := range l.maps.List {
			if !m.Matches(ev) {
				continue
			}
			b := l.builder(m.Dataset)
			m.Apply(ev, b.Set)
			setMeta(b, ev)
			b.EndRow(ev.Time)
			fr.Rows[m.Dataset]++
		}
	}
}

// meta applies Options' overrides and the defaults.
func (l *loader) meta(ev *Event) {
	if l.opts.Host != "" {
		ev.Host = l.opts.Host
	}
	if l.opts.Source != "" {
		ev.Source = l.opts.Source
	}
	if l.opts.Index != "" {
		ev.Index = l.opts.Index
	}
	if ev.Index == "" {
		ev.Index = "main"
	}
	if ev.Sourcetype == "" {
		ev.Sourcetype = "_json"
	}
}

func setMeta(b *cim.Builder, ev *Event) {
	if ev.Host != "" {
		b.Set("host", ev.Host)
	}
	if ev.Source != "" {
		b.Set("source", ev.Source)
	}
	b.Set("sourcetype", ev.Sourcetype)
	b.Set("index", ev.Index)
}
