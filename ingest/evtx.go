package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/spelunk-dev/spelunk/evtx"
)

// FormatEVTX names Windows .evtx files (FileReport.Format). Their records
// become XmlWinEventLog events: each record is rendered to the XML Windows
// shows (<Event xmlns=...>...</Event>) and read like an XmlWinEventLog
// line, so its fields, _time (SystemTime), host (Computer), source
// (XmlWinEventLog:<Channel>) and sourcetype are those of the same event
// exported as text. A file is recognised by its magic ("ElfFile\x00"),
// whatever its name and whatever Options.Sourcetype says.
const FormatEVTX = "evtx"

// isEVTX reports whether a stream starts with the .evtx file magic.
func isEVTX(br *bufio.Reader) bool {
	head, _ := br.Peek(len(evtx.FileMagic))
	return bytes.Equal(head, []byte(evtx.FileMagic))
}

// streamEVTX reads one .evtx stream for loader.stream.
func (l *loader) streamEVTX(name string, br *bufio.Reader, fr *FileReport) error {
	err := l.readEVTX(name, br, fr)
	if stop, ok := err.(errStop); ok {
		return stop.err
	}
	return l.readErr(err, fr)
}

// evtxJob is one chunk on its way through the .evtx pipeline.
type evtxJob struct {
	buf  []byte
	idx  int
	ev   eventJob
	bad  bool // header or data checksum failed
	cut  bool // the chunk was cut short
	rec  int  // records recovered past the free-space offset
	done chan struct{}
}

// readEVTX reads one .evtx stream: one goroutine reads 64 KiB chunks,
// GOMAXPROCS workers decode them (chunks are independent) and parse
// their records' XML as XmlWinEventLog events, and the calling goroutine
// takes the chunks in file order. At most a few chunks per worker are in
// memory at once, whatever the file's size. Records that cannot be
// decoded, and chunks that cannot be read, are skipped and counted with
// the record identifier (as the skip's line) and the chunk's index.
func (l *loader) readEVTX(name string, br *bufio.Reader, fr *FileReport) error {
	fr.Format = FormatEVTX
	r, err := evtx.NewReader(br)
	if err != nil {
		fr.Warnings = append(fr.Warnings, err.Error()+"; file not read")
		return nil
	}
	if r.Header.Dirty() {
		fr.Warnings = append(fr.Warnings, "the file was not closed cleanly (dirty flag); every chunk was read")
	}
	workers := runtime.GOMAXPROCS(0)
	inflight := 2*workers + 2
	free := make(chan []byte, inflight)
	for range inflight {
		free <- make([]byte, evtx.ChunkSize)
	}
	work := make(chan *evtxJob, inflight)
	order := make(chan *evtxJob, inflight)
	quit := make(chan struct{})
	var readErr error
	go func() {
		defer close(work)
		defer close(order)
		for {
			var buf []byte
			select {
			case buf = <-free:
			case <-quit:
				return
			}
			b, idx, err := r.Next(buf)
			if err != nil {
				if err != io.EOF {
					readErr = err
				}
				return
			}
			j := &evtxJob{buf: b, idx: idx, cut: len(b) < evtx.ChunkSize, done: make(chan struct{})}
			work <- j
			order <- j
		}
	}()
	parsers := make([]*parser, workers)
	var wg sync.WaitGroup
	for w := range workers {
		p := &parser{path: name, parse: parseWinRecord, opts: &l.opts, know: l.know, stamp: stampName(l.opts.SourcetypeName)}
		parsers[w] = p
		wg.Add(1)
		go func() {
			defer wg.Done()
			var dec evtx.Decoder
			if l.opts.MaxRecordBytes > 0 {
				dec.MaxRecordXML = l.opts.MaxRecordBytes
			}
			for j := range work {
				p.reset()
				j.bad, j.rec = decodeEVTXChunk(p, &dec, j.buf, j.idx)
				j.ev.sc = &splitChunk{}
				j.ev.out = p.out
				p.out = j.ev.out.sized()
				close(j.done)
			}
		}()
	}
	var stopErr error
	var badChunks []int
	recovered := 0
	for j := range order {
		<-j.done
		free <- j.buf[:cap(j.buf)]
		if j.bad {
			badChunks = append(badChunks, j.idx)
		}
		recovered += j.rec
		if j.cut {
			fr.Warnings = append(fr.Warnings, fmt.Sprintf("the file ends inside chunk %d (truncated); its whole records were read", j.idx))
		}
		if stopErr == nil {
			if err := l.ctx.Err(); err != nil {
				stopErr = err
				close(quit)
			}
		}
		if stopErr != nil {
			continue
		}
		if err := l.consume(name, &j.ev, fr); err != nil {
			stopErr = errStop{err}
			close(quit)
		}
	}
	wg.Wait()
	if len(badChunks) > 0 {
		fr.Warnings = append(fr.Warnings, fmt.Sprintf("bad checksum in %d %s (%v); the records were read where possible",
			len(badChunks), plural(len(badChunks), "chunk", "chunks"), clipInts(badChunks, 10)))
	}
	if recovered > 0 {
		fr.Warnings = append(fr.Warnings, fmt.Sprintf("%d records were past their chunk header's end of records (a file not closed cleanly); read", recovered))
	}
	var noTime, badUTF8 int
	for _, p := range parsers {
		noTime += p.noTime
		badUTF8 += p.badUTF8
	}
	if noTime > 0 {
		fr.Warnings = append(fr.Warnings, fmt.Sprintf("%d events had no time; their _time is 0", noTime))
	}
	if badUTF8 > 0 {
		fr.Warnings = append(fr.Warnings, fmt.Sprintf("%d records held invalid UTF-8; the invalid bytes were replaced by U+FFFD", badUTF8))
	}
	if stopErr != nil {
		return stopErr
	}
	return readErr
}

// decodeEVTXChunk decodes chunk idx and parses its records into p.out;
// records and chunks that cannot be read become skips. It reports whether
// the chunk failed a checksum, and how many records were found past its
// header's free-space offset.
func decodeEVTXChunk(p *parser, dec *evtx.Decoder, buf []byte, idx int) (bad bool, recovered int) {
	c, err := dec.Decode(buf)
	if err == evtx.ErrUnusedChunk {
		return false, 0
	}
	if err != nil {
		p.skip(0, fmt.Sprintf("evtx chunk %d not read: %v", idx, err))
		return false, 0
	}
	for _, e := range c.Errors {
		p.skip(int(e.ID), evtxSkipReason(e, idx))
	}
	xml := string(c.XML)
	off := 0
	for _, rec := range c.Records {
		end := off + len(rec.XML)
		p.record(xml[off:end], int(rec.ID))
		off = end
	}
	// a chunk cut short has no data checksum to check: it is reported as
	// truncated instead
	return !c.Header.HeaderChecksumOK || (!c.Header.DataChecksumOK && len(buf) == evtx.ChunkSize), c.Recovered
}

// evtxSkipReason says which record of which chunk could not be decoded,
// and why; the skip's line is the record identifier (0 when the record's
// header was unreadable).
func evtxSkipReason(e evtx.RecordError, chunk int) string {
	if e.ID == 0 {
		return fmt.Sprintf("evtx chunk %d, offset %d: %s", chunk, e.Offset, e.Reason)
	}
	return fmt.Sprintf("evtx record %d (chunk %d, offset %d) not decoded: %s", e.ID, chunk, e.Offset, e.Reason)
}

// clipInts returns at most n of xs.
func clipInts(xs []int, n int) []int {
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}

// evtxReader is the sequential Reader over an .evtx stream (NewReader
// with FormatEVTX): chunk by chunk, one goroutine, no search-time
// knowledge. A record that cannot be decoded is a *SkipError whose Line is
// the record identifier.
type evtxReader struct {
	src   io.Reader
	r     *evtx.Reader
	dec   evtx.Decoder
	p     *parser
	buf   []byte
	queue []item
	done  bool
	warn  []string
}

func newEVTXReader(r io.Reader) *evtxReader {
	return &evtxReader{src: r, p: &parser{parse: parseWinRecord}}
}

// Warnings implements Warner.
func (r *evtxReader) Warnings() []string {
	w := r.warn
	if r.p.noTime > 0 {
		w = append(w, fmt.Sprintf("%d events had no time; their _time is 0", r.p.noTime))
	}
	return w
}

func (r *evtxReader) Next() (*Event, error) {
	if r.r == nil && !r.done {
		er, err := evtx.NewReader(r.src)
		if err != nil {
			r.done = true
			return nil, err
		}
		r.r = er
		if er.Header.Dirty() {
			r.warn = append(r.warn, "the file was not closed cleanly (dirty flag); every chunk was read")
		}
	}
	for len(r.queue) == 0 {
		if r.done {
			return nil, io.EOF
		}
		b, idx, err := r.r.Next(r.buf)
		if err == io.EOF {
			r.done = true
			continue
		}
		if err != nil {
			r.done = true
			return nil, err
		}
		r.buf = b[:cap(b)]
		if len(b) < evtx.ChunkSize {
			r.warn = append(r.warn, fmt.Sprintf("the file ends inside chunk %d (truncated); its whole records were read", idx))
		}
		r.p.reset()
		bad, recovered := decodeEVTXChunk(r.p, &r.dec, b, idx)
		if bad {
			r.warn = append(r.warn, fmt.Sprintf("bad checksum in chunk %d; the records were read where possible", idx))
		}
		if recovered > 0 {
			r.warn = append(r.warn, fmt.Sprintf("%d records of chunk %d were past its header's end of records (a file not closed cleanly); read", recovered, idx))
		}
		for _, ev := range r.p.out.events {
			r.queue = append(r.queue, item{ev: ev, line: ev.Line})
		}
		for _, s := range r.p.out.skips {
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
