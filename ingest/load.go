package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/spelunk-dev/spelunk/cim"
)

// Options control how files are read.
type Options struct {
	// Sourcetype forces the format of every file instead of detecting it
	// from content: "XmlWinEventLog" (also "xmlwineventlog",
	// "XmlWinEventLog:<channel>", "WinEventLog"), "nxlog_json" (also
	// "nxlog"), "winlogbeat", "sysmon:linux", "_json" (also "json") or
	// "csv". With Dataset: "jsonl" or "csv". "" = detect.
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
	// Mappings is the search-time knowledge and the data-model mappings
	// (nil = DefaultMappings; to add a user file, use
	// DefaultMappings().Extend(ParseMappings(file))).
	Mappings *Mappings
	// DecodeXMLEntities decodes entity references (&amp; &lt; &gt; ...)
	// in XmlWinEventLog field values. Off by default: Splunk's Windows and
	// Sysmon add-ons extract fields with regular expressions over _raw and
	// keep the references, and security_content's searches rely on it
	// (process="*2&gt;&amp;1*"); see parseXMLEvent.
	DecodeXMLEntities bool
	// MaxRecordBytes bounds one record (default MaxEventBytes, 16 MiB); a
	// longer record is skipped and counted.
	MaxRecordBytes int
	// MaxArchiveDepth bounds how deep compression and archive layers
	// nest (a .gz file is 1 layer, a .tar.gz 2, a .gz member of a .tar.gz
	// 3); default DefaultMaxArchiveDepth (8). A stream nested deeper is not
	// read and is reported in Report.Unreadable.
	MaxArchiveDepth int
	// MaxDecompressedBytes bounds the bytes decompressed from one file on
	// disk, all its layers and members together; default
	// DefaultMaxDecompressedBytes (64 GiB). MaxCompressionRatio bounds them
	// to that many times the file's size on disk plus 64 MiB; default
	// DefaultMaxCompressionRatio (500; real logs compress 10 to 50 times,
	// decompression bombs a thousand times and more). When either is hit,
	// what was read is kept, the rest of the file is not read, and the
	// file is reported in Report.Unreadable. Plain files are not bounded.
	MaxDecompressedBytes int64
	MaxCompressionRatio  int
	// TimeField names the field every event's _time is read from
	// (Splunk's TIME_PREFIX in small), instead of each reader's own:
	// XML SystemTime, the text header, the first of UtcTime, @timestamp,
	// _time, timestamp, time, TimeCreated in JSON and CSV. An event
	// without it, or whose value does not read, keeps the reader's time
	// and is counted in a warning.
	TimeField string
	// TimeFormat is how time values are written (Splunk's TIME_FORMAT):
	// strptime-style when it holds a % ("%m/%d/%Y %I:%M:%S %p",
	// "%Y-%m-%d %H:%M:%S.%3N %z", "%s"; see timeLayout for the
	// directives), else a Go layout ("01/02/2006 3:04:05 PM"). It is tried
	// first on TimeField (or the readers' time fields), then the default
	// formats: RFC 3339, epoch seconds, "/Date(ms)/",
	// "2006-01-02 15:04:05[.fff]", "1/2/2006 3:04:05 PM".
	TimeFormat string
	// InputTZ is the IANA zone ("America/New_York") of times written
	// without one: TimeFormat without %z, the zone-less default formats,
	// classic WinEventLog headers, NXLog EventTime. Default UTC. Sysmon's
	// UtcTime is always UTC.
	InputTZ string
	// SourcetypeName is the sourcetype the events get, as Splunk's
	// sourcetype= at input time ("aws:cloudtrail",
	// "o365:management:activity"): it is set on every event before the
	// search-time knowledge, the data-model mappings and the tables see
	// it. When Sourcetype is "", it also picks the reader
	// (FormatForSourcetype; content detection when it names none).
	// Windows event-log names (xmlwineventlog, XmlWinEventLog,
	// XmlWinEventLog:<channel>, WinEventLog, WinEventLog:<channel>) keep
	// the reader's canonical XmlWinEventLog/WinEventLog: see
	// windowsSourcetype.
	SourcetypeName string
	// Keep, when not nil, decides which events are kept: Walk's fn and
	// LoadEvents see only events it accepts. It is called concurrently
	// from the parsing goroutines, with each event finished (metadata,
	// search-time fields, eventtype, tag), and must not modify it. The
	// tables and the Report still count every event read. A kept event's
	// text is copied out of the read buffer, so that what is dropped is
	// freed.
	Keep func(*Event) bool
	// Rows, when not nil in dataset mode (Dataset), selects the rows to
	// store: a row it rejects is read and counted (the Report counts it
	// as before; cim.Table.Omitted) but left out of the table. Other
	// modes ignore it.
	Rows *RowFilter
	// Progress, when not nil, receives a progress line (bytes read,
	// MB/s, events/s), redrawn in place with "\r" a few times a second,
	// for inputs over ProgressMinBytes. The caller decides when to turn it
	// on (a terminal, not a pipe or CI).
	Progress io.Writer
	// Open, when not nil, opens every path given instead of os.Open, and
	// each path is read as one file, never walked as a directory; its
	// error is the walk's. Callers that confine the files they read (an
	// os.Root) open them through it, so that the file read is the one
	// they checked.
	Open func(path string) (*os.File, error)
	// Flush, when not nil, takes the data-model rows as they are built,
	// so that a dataset is never held whole (see flush.go): each time a
	// dataset's table reaches FlushRows rows (default 65,536) it is handed
	// to Flush and the dataset continues in a new table, and once the
	// walk is done the rest of every dataset (datasets in name order).
	// The tables a dataset is handed in, in order, hold the rows, values
	// and order one table would (the dataset's calculations applied); a
	// table's Omitted counts the rows left out while it was built, so the
	// sums over the tables are the whole's. Flush is called from the
	// calling goroutine; an error from it stops the walk and is returned.
	// Walk then returns no tables, and after an error the rows not yet
	// handed on are dropped.
	Flush func(*cim.Table) error
	// FlushRows is the rows of a table handed to Flush (0: 65,536).
	FlushRows int
}

// Load reads every path (files; a directory means every regular file under
// it, not following symlinks out of it) and returns the data-model tables
// built from them with a report of what was read and skipped. It fails
// for bad Options, a path that does not exist, and on cancellation: a file
// or archive member that cannot be read, or not in full, is recorded in
// Report.Unreadable with the reason, and the other inputs are read.
func Load(ctx context.Context, paths []string, opts Options) (cim.Tables, *Report, error) {
	return Walk(ctx, paths, opts, nil)
}

// LoadEvents is Load that also returns every event (every one
// Options.Keep keeps), in file order (files in the order Load reads them),
// with its search-time fields, eventtype and tag. Event fields share
// memory with the event's Raw text, so keeping the events costs about the
// input's size plus 4 bytes per field (see Event).
func LoadEvents(ctx context.Context, paths []string, opts Options) ([]*Event, cim.Tables, *Report, error) {
	var events []*Event
	tabs, rep, err := Walk(ctx, paths, opts, func(ev *Event) error {
		events = append(events, ev)
		return nil
	})
	return events, tabs, rep, err
}

// Walk is Load that streams events: fn (if not nil) is called with every
// event (that Options.Keep keeps), in file order, from the calling goroutine, and may keep it. An
// error from fn stops the walk and is returned. Dataset files
// (Options.Dataset) give rows, not events: fn is not called for them.
// With Options.Flush the tables stream too: their rows go to Flush as
// they are built, and Walk returns no tables.
func Walk(ctx context.Context, paths []string, opts Options, fn func(*Event) error) (cim.Tables, *Report, error) {
	if opts.MaxSkipsReported == 0 {
		opts.MaxSkipsReported = 20
	}
	forced, err := normFormat(opts.Sourcetype, opts.Dataset != "")
	if err != nil {
		return nil, nil, err
	}
	if forced == "" && opts.Dataset == "" {
		forced, _ = FormatForSourcetype(opts.SourcetypeName)
	}
	clk, err := newClock(opts.TimeField, opts.TimeFormat, opts.InputTZ)
	if err != nil {
		return nil, nil, err
	}
	l := &loader{ctx: ctx, opts: opts, forced: forced, builders: map[string]*cim.Builder{}, rep: &Report{}, fn: fn, clock: clk}
	if opts.Dataset != "" {
		ds, ok := cim.LookupDataset(opts.Dataset)
		if !ok || !strings.Contains(opts.Dataset, ".") {
			return nil, nil, fmt.Errorf("unknown dataset %q (want Model.Dataset, e.g. Endpoint.Processes)", opts.Dataset)
		}
		l.dataset = ds
	} else {
		maps := opts.Mappings
		if maps == nil {
			maps = DefaultMappings()
		}
		l.know = &knowledge{maps: maps}
		for _, m := range maps.List {
			ds, ok := cim.LookupDataset(m.Dataset)
			if !ok {
				return nil, nil, fmt.Errorf("mapping %s: unknown dataset %q", m.Name, m.Dataset)
			}
			l.know.mappers = append(l.know.mappers, newRowMapper(m, ds))
		}
	}
	if opts.Progress != nil {
		l.prog = newProgress(opts.Progress, totalSize(paths))
		defer l.prog.finish()
	}
	err = walkPaths(ctx, paths, &l.opts, l.rep, l.counted, l.stream)
	if opts.Flush != nil {
		if err == nil {
			err = l.flushAll()
		}
		return cim.Tables{}, l.rep, err
	}
	tables := cim.Tables{}
	for name, b := range l.builders {
		tables[name] = b.Table()
	}
	if err != nil {
		return tables, l.rep, err
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
	case low == "wineventlog" || strings.HasPrefix(low, "wineventlog:"):
		return FormatWinEventLog, nil
	case low == "nxlog_json" || low == "nxlog":
		return FormatNXLog, nil
	case low == "winlogbeat":
		return FormatWinlogbeat, nil
	case low == "sysmon:linux" || low == "sysmon_linux":
		return FormatSysmonLinux, nil
	case low == "json" || low == "_json":
		return FormatJSON, nil
	case low == "csv":
		return FormatCSV, nil
	}
	return "", fmt.Errorf("unknown sourcetype %q (want XmlWinEventLog, WinEventLog, nxlog_json, winlogbeat, sysmon:linux, _json or csv)", st)
}

type loader struct {
	ctx      context.Context
	opts     Options
	forced   string
	dataset  *cim.Dataset
	know     *knowledge
	builders map[string]*cim.Builder
	rep      *Report
	fn       func(*Event) error
	prog     *progress
	clock    *clock
}

// counted is called by the file walker with the bytes read from disk.
func (l *loader) counted(n int) {
	if l.prog != nil {
		l.prog.addBytes(n)
	}
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

// errStop wraps an error returned by the caller's fn.
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }

func (l *loader) stream(name string, br *bufio.Reader, member bool) error {
	fr := FileReport{Path: name, Rows: map[string]int{}}
	if l.dataset == nil && isEVTX(br) {
		defer func() { l.rep.Files = append(l.rep.Files, fr) }()
		return l.streamEVTX(name, br, &fr)
	}
	br = fromUTF16(br)
	skipBOM(br)
	format := l.forced
	if format == "" {
		prefix, _ := br.Peek(64 << 10)
		format = Detect(prefix)
		if format == "" && member && l.dataset == nil {
			// a member in no log format (a binary, a document): counted,
			// not a warning each
			l.rep.ignore(ignoredFormat)
			return nil
		}
		if l.dataset != nil {
			if format == FormatCSV {
				format = FormatCSV
			} else {
				format = FormatJSONL
			}
		}
	}
	defer func() { l.rep.Files = append(l.rep.Files, fr) }()
	fr.Format = format
	if l.dataset != nil {
		err := l.loadDataset(name, br, format, &fr)
		var stop errStop
		if errors.As(err, &stop) {
			return stop.err
		}
		return l.readErr(err, &fr)
	}
	f, ok := eventFormatFor(format)
	if !ok {
		fr.Warnings = append(fr.Warnings, "format not recognised (not Windows XML/text events, NXLog, Winlogbeat, Sysmon for Linux, JSON lines or CSV); file not read; use --sourcetype to force one")
		return nil
	}
	err := l.readEvents(name, br, f, &fr)
	var stop errStop
	if errors.As(err, &stop) {
		return stop.err
	}
	return l.readErr(err, &fr)
}

// readErr records a read error in the middle of a stream in
// Report.Unreadable (the records before it are kept); only cancellation
// stops Load.
func (l *loader) readErr(err error, fr *FileReport) error {
	if err == nil {
		return nil
	}
	if ctxErr := l.ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	markReported(err)
	why := err.Error()
	if errors.Is(err, io.ErrUnexpectedEOF) {
		why = "truncated (unexpected end of data)"
	}
	l.rep.Unreadable = append(l.rep.Unreadable, FileError{Path: fr.Path, Reason: fmt.Sprintf("read error after %d records: %s", fr.Records, why)})
	return nil
}

func (l *loader) skip(fr *FileReport, s Skip) {
	fr.Skipped++
	fr.Records++
	if len(fr.Skips) < l.opts.MaxSkipsReported {
		fr.Skips = append(fr.Skips, s)
	}
}

// eventJob is one chunk on its way through the pipeline.
type eventJob struct {
	sc   *splitChunk
	out  chunkOut
	done chan struct{}
}

// readEvents runs the event pipeline over one stream: one goroutine splits
// it into chunks of whole records, GOMAXPROCS workers parse and enrich
// chunks in parallel, and the calling goroutine takes the chunks in file
// order to build the tables, count, and call fn.
func (l *loader) readEvents(name string, br *bufio.Reader, f *eventFormat, fr *FileReport) error {
	sp, header, err := newFormatSplitter(br, f, l.opts.MaxRecordBytes)
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return err
	}
	workers := runtime.GOMAXPROCS(0)
	inflight := 2*workers + 2
	slots := make(chan struct{}, inflight)
	work := make(chan *eventJob, inflight)
	order := make(chan *eventJob, inflight)
	quit := make(chan struct{})
	var readErr error
	go func() {
		defer close(work)
		defer close(order)
		for {
			select {
			case <-quit:
				return
			default:
			}
			select {
			case slots <- struct{}{}:
			case <-quit:
				return
			}
			sc, err := sp.next()
			if err != nil {
				if err != io.EOF {
					readErr = err
				}
				return
			}
			j := &eventJob{sc: sc, done: make(chan struct{})}
			work <- j
			order <- j
		}
	}()
	parsers := make([]*parser, workers)
	var wg sync.WaitGroup
	for w := range workers {
		p := &parser{path: name, parse: f.parse, opts: &l.opts, know: l.know, header: header, stamp: stampName(l.opts.SourcetypeName), clock: l.clock}
		parsers[w] = p
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				p.reset()
				for _, r := range j.sc.recs {
					p.record(j.sc.data[r.start:r.end], r.line)
				}
				j.out = p.out
				p.out = j.out.sized()
				close(j.done)
			}
		}()
	}
	var stopErr error
	for j := range order {
		<-j.done
		<-slots
		if stopErr == nil {
			if err := l.ctx.Err(); err != nil {
				stopErr = err
				close(quit)
			}
		}
		if stopErr != nil {
			continue
		}
		if err := l.consume(name, j, fr); err != nil {
			stopErr = errStop{err}
			close(quit)
		}
	}
	wg.Wait()
	var noTime, fallback, badUTF8, truncated, truncLine, noField int
	for _, p := range parsers {
		noTime += p.noTime
		fallback += p.timeFallback
		badUTF8 += p.badUTF8
		if p.jsonTruncated > 0 && (truncated == 0 || p.jsonTruncatedLine < truncLine) {
			truncLine = p.jsonTruncatedLine
		}
		truncated += p.jsonTruncated
		noField += p.noTimeField
	}
	if noField > 0 {
		if l.opts.TimeField != "" {
			fr.Warnings = append(fr.Warnings, fmt.Sprintf("%d events had no %s field that reads as a time; their _time is the reader's", noField, l.opts.TimeField))
		} else {
			fr.Warnings = append(fr.Warnings, fmt.Sprintf("%d events selected by a mappings time rule had no field of it that reads as a time; their _time is the reader's", noField))
		}
	}
	if fallback > 0 {
		zone := "UTC"
		if l.opts.InputTZ != "" {
			zone = "in " + l.opts.InputTZ
		}
		fr.Warnings = append(fr.Warnings, fmt.Sprintf("%d events had no UtcTime or @timestamp; _time taken from EventTime/EventReceivedTime read as %s", fallback, zone))
	}
	if noTime > 0 {
		fr.Warnings = append(fr.Warnings, fmt.Sprintf("%d events had no time; their _time is 0", noTime))
	}
	if badUTF8 > 0 {
		fr.Warnings = append(fr.Warnings, fmt.Sprintf("%d records held invalid UTF-8; the invalid bytes were replaced by U+FFFD", badUTF8))
	}
	if truncated > 0 {
		fr.Warnings = append(fr.Warnings, jsonTruncatedWarning(truncated, truncLine))
	}
	if q := sp.quotes; q.stray > 0 {
		fr.Warnings = append(fr.Warnings, strayQuotesWarning(q))
	}
	if stopErr != nil {
		return stopErr
	}
	return readErr
}

// consume takes one parsed chunk in file order.
func (l *loader) consume(name string, j *eventJob, fr *FileReport) error {
	skips := j.out.skips
	for _, s := range j.sc.skips {
		s.Path = name
		skips = append(skips, s)
	}
	slices.SortStableFunc(skips, func(a, b Skip) int { return a.Line - b.Line })
	for _, s := range skips {
		l.skip(fr, s)
	}
	for _, r := range j.out.rows {
		ev := j.out.events[r.ev]
		rm := l.know.mappers[r.ds]
		b := l.builder(rm.dataset)
		for _, i := range j.out.idx[r.idx0:r.idx1] {
			f := ev.At(int(i))
			b.SetColBytes(b.Col(f.Name), view(f.Value))
		}
		for _, f := range j.out.extra[r.extra0:r.extra1] {
			b.SetColBytes(b.Col(f.Name), view(f.Value))
		}
		setMeta(b, ev)
		b.EndRow(ev.Time)
		fr.Rows[rm.dataset]++
		if _, err := l.flushFull(b); err != nil {
			return err
		}
	}
	for i, ev := range j.out.events {
		if fr.Sourcetypes == nil {
			fr.Sourcetypes = map[string]int{}
		}
		fr.Sourcetypes[ev.Sourcetype]++
		first := fr.Events+i == 0
		if first || ev.Time < fr.Earliest {
			fr.Earliest = ev.Time
		}
		if first || ev.Time > fr.Latest {
			fr.Latest = ev.Time
		}
	}
	fr.Records += len(j.out.events)
	fr.Events += len(j.out.events)
	if l.prog != nil {
		l.prog.addEvents(len(j.out.events))
	}
	for i, ev := range j.out.events {
		if j.out.kept != nil && !j.out.kept[i] {
			continue
		}
		fr.Kept++
		if l.fn != nil {
			if err := l.fn(ev); err != nil {
				return err
			}
		}
	}
	return nil
}

func setMeta(b *cim.Builder, ev *Event) {
	if ev.Host != "" {
		b.SetColBytes(b.Col("host"), view(ev.Host))
	}
	if ev.Source != "" {
		b.SetColBytes(b.Col("source"), view(ev.Source))
	}
	b.SetColBytes(b.Col("sourcetype"), view(ev.Sourcetype))
	b.SetColBytes(b.Col("index"), view(ev.Index))
}
