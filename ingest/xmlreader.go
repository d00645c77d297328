package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"
)

// MaxEventBytes bounds one record's size; a longer record is skipped.
const MaxEventBytes = 16 << 20

// xmlReader reads Splunk XmlWinEventLog files line by line, gathering the
// lines of one <Event> ... </Event> (an event may span lines when a value
// holds newlines). Non-XML records between events are skipped: a classic
// WinEventLog text record (a "01/14/2021 11:41:39 PM" line and the lines
// after it) counts as one skip, as does any other run of stray lines.
type xmlReader struct {
	lr       lineReader
	acc      []byte // the event being gathered
	accLine  int
	inText   bool // inside a skipped text record
	pending  []byte
	pendLine int
	noTime   int
}

// NewXMLReader reads Splunk XmlWinEventLog events from r.
func NewXMLReader(r io.Reader) Reader {
	return &xmlReader{lr: newLineReader(r)}
}

// Warnings implements Warner.
func (x *xmlReader) Warnings() []string {
	if x.noTime == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%d events had no TimeCreated SystemTime; their _time is 0", x.noTime)}
}

func (x *xmlReader) Next() (*Event, error) {
	for {
		var line []byte
		var n int
		if x.pending != nil {
			line, n = x.pending, x.pendLine
			x.pending = nil
		} else {
			l, err := x.lr.next()
			if err == io.EOF {
				if len(x.acc) > 0 {
					x.acc = x.acc[:0]
					return nil, &SkipError{x.accLine, "unterminated <Event> at end of input"}
				}
				return nil, io.EOF
			}
			if err != nil {
				return nil, err
			}
			line, n = l, x.lr.line
		}
		if len(x.acc) > 0 {
			// inside a multi-line event
			if startsEvent(line) {
				// a new event starts: the previous one never closed
				x.pending, x.pendLine = line, n
				start := x.accLine
				x.acc = x.acc[:0]
				return nil, &SkipError{start, "unterminated <Event> (a new event starts on line " + itoa(n) + ")"}
			}
			x.acc = append(x.acc, '\n')
			x.acc = append(x.acc, line...)
			if len(x.acc) > MaxEventBytes {
				start := x.accLine
				x.acc = x.acc[:0]
				x.inText = true // swallow the rest as stray lines, without another skip
				return nil, &SkipError{start, "event longer than " + itoa(MaxEventBytes) + " bytes"}
			}
			if e := bytes.Index(line, []byte("</Event>")); e >= 0 {
				ev, err := x.finish(len(x.acc)-len(line)+e+len("</Event>"), n)
				return ev, err
			}
			continue
		}
		t := bytes.TrimLeft(line, " \t")
		switch {
		case startsEvent(t):
			x.inText = false
			x.acc = append(x.acc[:0], t...)
			x.accLine = n
			if e := bytes.Index(t, []byte("</Event>")); e >= 0 {
				return x.finish(e+len("</Event>"), n)
			}
		case len(bytes.TrimSpace(t)) == 0:
			// blank lines separate nothing
		case isDateLine(t):
			x.inText = true
			return nil, &SkipError{n, "classic WinEventLog text record (not XML)"}
		case !x.inText:
			x.inText = true
			return nil, &SkipError{n, "not an XML event: " + clip(t)}
		}
	}
}

// finish parses acc[:end] as one event; what follows on the line is
// handled as the next line.
func (x *xmlReader) finish(end, line int) (*Event, error) {
	raw := x.acc[:end]
	if rest := bytes.TrimSpace(x.acc[end:]); len(rest) > 0 {
		x.pending, x.pendLine = append([]byte(nil), rest...), line
	}
	start := x.accLine
	x.acc = x.acc[:0]
	ev := &Event{Raw: string(raw), Line: start}
	if reason := parseXMLEvent(raw, ev); reason != "" {
		return nil, &SkipError{start, reason}
	}
	fillXMLMeta(ev)
	if ev.Time == 0 {
		if _, ok := ev.Get("SystemTime"); !ok {
			x.noTime++
		}
	}
	return ev, nil
}

// fillXMLMeta sets _time, host and source from the System fields.
func fillXMLMeta(ev *Event) {
	for _, f := range ev.Fields {
		switch f.Name {
		case "SystemTime":
			if t, err := time.Parse(time.RFC3339Nano, f.Value); err == nil {
				ev.Time = epoch(t)
			}
		case "Computer":
			ev.Host = f.Value
		case "Channel":
			ev.Source = "XmlWinEventLog:" + f.Value
		}
	}
	ev.Sourcetype = FormatXML
}

func startsEvent(line []byte) bool {
	return bytes.HasPrefix(line, []byte("<Event")) && len(line) > 6 &&
		(line[6] == ' ' || line[6] == '>' || line[6] == '\t' || line[6] == '\r' || line[6] == '\n')
}

// epoch converts t to float64 epoch seconds with fraction, truncated to
// microseconds: Splunk keeps _time to the microsecond at most, and a
// float64 cannot hold today's epoch seconds to 100 ns anyway (Windows'
// 7-digit SystemTime fraction would print as 1715674502.3456788).
func epoch(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond()/1000)/1e6
}

func clip(b []byte) string {
	const max = 40
	if len(b) > max {
		return fmt.Sprintf("%q...", b[:max])
	}
	return fmt.Sprintf("%q", b)
}

func itoa(n int) string { return fmt.Sprint(n) }

// lineReader yields lines without their "\n" (and a trailing "\r"),
// whatever their length, counting them.
type lineReader struct {
	br   *bufio.Reader
	buf  []byte
	line int
}

func newLineReader(r io.Reader) lineReader {
	return lineReader{br: bufio.NewReaderSize(r, 256<<10)}
}

// next returns the next line; it is valid until the following call.
func (l *lineReader) next() ([]byte, error) {
	b, err := l.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		l.buf = append(l.buf[:0], b...)
		for errors.Is(err, bufio.ErrBufferFull) {
			b, err = l.br.ReadSlice('\n')
			l.buf = append(l.buf, b...)
			if len(l.buf) > MaxEventBytes*2 {
				// keep reading but stop growing: the record is skipped anyway
				l.buf = l.buf[:MaxEventBytes+1]
			}
		}
		b = l.buf
	}
	if err == io.EOF && len(b) > 0 {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	l.line++
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	return b, nil
}
