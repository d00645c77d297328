package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unsafe"
)

// MaxEventBytes is the default bound on one record's size
// (Options.MaxRecordBytes): a longer record is skipped, counted and
// reported, and memory stays bounded whatever the input (a 100 MB line
// costs at most this much).
const MaxEventBytes = 16 << 20

// eventChunkSize is about how many bytes of whole records one chunk holds.
const eventChunkSize = 1 << 20

// recSpan is one record of a chunk: data[start:end], starting on line.
type recSpan struct {
	start, end int
	line       int
}

// splitter cuts a stream into chunks of whole records. A record starts on
// a line that startsRecord accepts (every line for line-oriented formats)
// and runs to the next such line; the first line always starts one.
// Records longer than max are dropped with a skip.
//
// Record boundaries are decided by the structure the splitter has read,
// so that no field value can forge one: in CSV (csv), a line inside a
// quoted field starts no record (csvQuotes); in Windows exports (xml), a
// classic text header ("01/14/2021 11:41:39 PM") starts a record only
// outside an open <Event> element, which ends at its closing tag whatever
// its values hold (values may hold raw newlines, never a raw "<", which
// XML escapes, so a line starting with "<Event" always starts a record).
type splitter struct {
	br           *bufio.Reader
	startsRecord func(line []byte) bool // nil: every line
	csv          bool                   // records may hold quoted newlines
	xml          bool                   // records may be <Event> elements over several lines
	max          int
	line         int // lines read
	pending      []byte
	pendingLine  int
	eof          bool
	quotes       csvQuotes // csv
	ev           xmlTracker
	err          error
}

func newSplitter(r io.Reader, starts func([]byte) bool, max int) *splitter {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 256<<10)
	}
	return &splitter{br: br, startsRecord: starts, max: recordLimit(max)}
}

// recordLimit is Options.MaxRecordBytes with its default.
func recordLimit(max int) int {
	if max <= 0 {
		return MaxEventBytes
	}
	return max
}

// chunkCap is the capacity a new chunk starts with: eventChunkSize, or
// for the first chunk of a stream that seems to end within the read
// buffer, about its size (the events of an archive of many small members
// pin their chunks: they must not pin 1 MiB each). A chunk grows past its
// start capacity when it must.
func (s *splitter) chunkCap() int {
	if s.line > 1 || s.pending != nil {
		return eventChunkSize
	}
	s.br.Peek(1)
	if n := s.br.Buffered(); n < s.br.Size() {
		return min(eventChunkSize, n+1)
	}
	return eventChunkSize
}

// startsHere reports whether line, read at a line start while a record is
// open, starts a new record.
func (s *splitter) startsHere(line []byte) bool {
	switch {
	case s.csv && s.quotes.inQuotes():
		return false
	case s.xml:
		t := bytes.TrimLeft(line, " \t\r\xef\xbb\xbf")
		if startsEvent(t) {
			return true
		}
		if s.ev.open {
			return false
		}
	}
	return s.startsRecord == nil || s.startsRecord(line)
}

// newFormatSplitter is the splitter for format f over br, bounded by max
// bytes a record; for CSV it first reads the header (the same bound
// applies; io.EOF: an empty stream).
func newFormatSplitter(br *bufio.Reader, f *eventFormat, max int) (*splitter, []string, error) {
	sp := newSplitter(br, f.starts, max)
	sp.csv, sp.xml = f.csv, f.xml
	if !f.csv {
		return sp, nil, nil
	}
	h, err := readCSVHeader(sp.br, sp.max)
	if err != nil {
		return nil, nil, err
	}
	sp.line = 1
	return sp, h, nil
}

// splitChunk is what next returns: the chunk's text, its records and the
// records dropped for size.
type splitChunk struct {
	data  string
	recs  []recSpan
	skips []Skip // Path filled by the caller
	bytes int    // input bytes consumed (for progress)
}

// next returns the next chunk, or io.EOF.
func (s *splitter) next() (*splitChunk, error) {
	if s.err != nil {
		return nil, s.err
	}
	if s.eof && s.pending == nil {
		return nil, io.EOF
	}
	c := &splitChunk{}
	buf := make([]byte, 0, s.chunkCap())
	recStart, recLine := -1, 0
	discard := false
	atLineStart := true
	closeRec := func() {
		if recStart >= 0 && !discard {
			c.recs = append(c.recs, recSpan{recStart, len(buf), recLine})
		}
		recStart = -1
		discard = false
	}
	for {
		var frag []byte
		var err error
		if s.pending != nil {
			frag, s.pending = s.pending, nil
		} else if s.eof {
			break
		} else {
			frag, err = s.br.ReadSlice('\n')
			c.bytes += len(frag)
		}
		if len(frag) > 0 {
			if atLineStart {
				s.line++
				start := recStart < 0 || s.startsHere(frag)
				if start {
					s.ev.open = false
				}
				if start {
					if recStart >= 0 || discard {
						closeRec()
						if len(buf)+len(frag) > eventChunkSize || len(buf) >= eventChunkSize {
							// keep this line for the next chunk
							s.pending = append([]byte(nil), frag...)
							s.line--
							c.data = unsafe.String(unsafe.SliceData(buf), len(buf))
							return c, nil
						}
					}
					recStart, recLine = len(buf), s.line
				}
			}
			if s.csv {
				s.quotes.feed(frag, s.line)
			}
			if s.xml {
				s.ev.feed(frag)
			}
			if !discard {
				if len(buf)-recStart+len(frag) > s.max {
					buf = buf[:recStart]
					discard = true
					// an <Event> open this long is damaged (Windows
					// events are far shorter): let headers start records
					// again, so that the rest of the file is read
					s.ev.open = false
					c.skips = append(c.skips, Skip{Line: recLine, Reason: "record longer than " + itoa(s.max) + " bytes"})
				} else {
					buf = append(buf, frag...)
				}
			}
			atLineStart = frag[len(frag)-1] == '\n'
		}
		if err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if err != io.EOF {
				s.err = err
			}
			s.eof = true
		}
	}
	closeRec()
	if len(buf) == 0 && len(c.skips) == 0 {
		if s.err != nil {
			return nil, s.err
		}
		return nil, io.EOF
	}
	c.data = unsafe.String(unsafe.SliceData(buf), len(buf))
	return c, nil
}

// skipBOM drops a UTF-8 byte-order mark at the start of br, so that the
// first record of every format (JSON lines, CSV, XML, text) reads like the
// others. (A UTF-16 one is dropped while the text is transcoded: see
// fromUTF16.)
func skipBOM(br *bufio.Reader) {
	if b, _ := br.Peek(3); string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
}
