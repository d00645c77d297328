package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
)

// NewReader reads events of the named format (a Format* name) from r, one
// at a time, without search-time knowledge (no aliases, eventtype or tag)
// and without metadata defaults for host/index. For whole files, prefer
// Load, LoadEvents or Walk, which parse in parallel and add the knowledge.
//
// A nil r is an error; the Reader returned with it fails every Next with
// the same error, so that NewXMLReader and the other constructors without
// an error result fail cleanly too.
func NewReader(r io.Reader, format string) (Reader, error) {
	if r == nil {
		err := errors.New("ingest: nil io.Reader")
		return failedReader{err}, err
	}
	if format == FormatEVTX {
		return newEVTXReader(r), nil
	}
	f, ok := eventFormatFor(format)
	if !ok {
		return nil, fmt.Errorf("ingest: no event reader for format %q", format)
	}
	br := fromUTF16(bufio.NewReaderSize(r, 256<<10))
	skipBOM(br)
	sp, h, err := newFormatSplitter(br, f, 0)
	if err == io.EOF {
		return &recordReader{p: &parser{parse: f.parse}, done: true}, nil
	}
	if err != nil {
		return nil, err
	}
	return &recordReader{sp: sp, p: &parser{parse: f.parse, header: h}}, nil
}

// NewXMLReader reads Splunk XmlWinEventLog events from r: XML <Event>
// elements (one or several lines each) and classic WinEventLog text records
// (sourcetype WinEventLog) between them.
func NewXMLReader(r io.Reader) Reader {
	rr, _ := NewReader(r, FormatXML)
	return rr
}

// NewNXLogReader reads NXLog im_msvistalog JSON lines from r.
func NewNXLogReader(r io.Reader) Reader {
	rr, _ := NewReader(r, FormatNXLog)
	return rr
}

// NewJSONReader reads generic JSON lines events from r, flattened.
func NewJSONReader(r io.Reader) Reader {
	rr, _ := NewReader(r, FormatJSON)
	return rr
}

// failedReader is a Reader whose Next always fails with err.
type failedReader struct{ err error }

// Next returns the reader's error.
func (f failedReader) Next() (*Event, error) { return nil, f.err }

// recordReader is the sequential Reader over a splitter and a parser.
type recordReader struct {
	sp    *splitter
	p     *parser
	queue []item
	done  bool
}

type item struct {
	ev   *Event
	skip *Skip
	line int
}

// Warnings implements Warner.
func (r *recordReader) Warnings() []string {
	var w []string
	if r.p.noTime > 0 {
		w = append(w, fmt.Sprintf("%d events had no time; their _time is 0", r.p.noTime))
	}
	if r.p.badUTF8 > 0 {
		w = append(w, fmt.Sprintf("%d records held invalid UTF-8; the invalid bytes were replaced by U+FFFD", r.p.badUTF8))
	}
	if r.p.jsonTruncated > 0 {
		w = append(w, jsonTruncatedWarning(r.p.jsonTruncated, r.p.jsonTruncatedLine))
	}
	if r.sp != nil && r.sp.quotes.stray > 0 {
		w = append(w, strayQuotesWarning(r.sp.quotes))
	}
	return w
}

func (r *recordReader) Next() (*Event, error) {
	for len(r.queue) == 0 {
		if r.done {
			return nil, io.EOF
		}
		sc, err := r.sp.next()
		if err == io.EOF {
			r.done = true
			continue
		}
		if err != nil {
			return nil, err
		}
		r.p.reset()
		for _, rec := range sc.recs {
			r.p.record(sc.data[rec.start:rec.end], rec.line)
		}
		for _, ev := range r.p.out.events {
			r.queue = append(r.queue, item{ev: ev, line: ev.Line})
		}
		for _, s := range append(sc.skips, r.p.out.skips...) {
			r.queue = append(r.queue, item{skip: &s, line: s.Line})
		}
		slices.SortStableFunc(r.queue, func(a, b item) int { return a.line - b.line })
	}
	it := r.queue[0]
	r.queue = r.queue[1:]
	if it.skip != nil {
		return nil, &SkipError{Line: it.skip.Line, Reason: it.skip.Reason}
	}
	return it.ev, nil
}
