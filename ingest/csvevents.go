package ingest

import "strings"

// parseCSVRecord reads one CSV record (sourcetype csv) against the file's
// header: one field per non-empty cell, named by its header column. _raw is
// the record's text. _time comes from a _time column, else from the
// other defaultTimeFields (UtcTime, TimeCreated, ...; formats: see
// clock.parse); host, source, sourcetype and index
// columns set the metadata (Options override them).
//
// A record over several lines (a quoted field holding newlines) that does
// not read (a bad quote, the wrong number of fields) is most likely a
// quote opened by mistake that swallowed the lines after it: its first
// line is skipped and the others are read again one by one, so that one
// damaged line costs one skipped record, not the rest of the file.
func parseCSVRecord(p *parser, rec string, line int) {
	reason := p.csvRecord(rec, line)
	if reason == "" {
		return
	}
	_, rest, multi := strings.Cut(strings.TrimRight(rec, "\r\n"), "\n")
	if !multi {
		p.skip(line, reason)
		return
	}
	p.skip(line, reason+"; quoted field over several lines: the following lines read one by one")
	for rest != "" {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		line++
		if r := p.csvRecord(l, line); r != "" {
			p.skip(line, r)
		}
	}
}

// csvRecord reads one CSV record and emits its event; it returns why it
// could not ("" when it did, or for a blank record).
func (p *parser) csvRecord(rec string, line int) string {
	rec = strings.TrimRight(rec, "\r\n")
	if strings.TrimSpace(rec) == "" {
		return ""
	}
	if cap(p.buf) < len(rec) {
		p.buf = make([]byte, 0, len(rec)+len(rec)/2)
	}
	scratch := p.buf[:0]
	cells, _, err := scanCSVRecord(view(rec), 0, &scratch, nil)
	if err != nil {
		return err.Error()
	}
	if len(cells) != len(p.header) {
		return itoa(len(cells)) + " fields, the header has " + itoa(len(p.header))
	}
	ev := p.newEvent(rec, line)
	haveTime := false
	for i, c := range cells {
		if len(c) == 0 {
			continue
		}
		v := str(c, rec)
		switch p.header[i] {
		case "_time":
			if t, ok := p.clock.parse("_time", v); ok {
				ev.Time, haveTime = t, true
			}
			continue
		case "host":
			ev.Host = v
		case "source":
			ev.Source = v
		case "sourcetype":
			ev.Sourcetype = v
		case "index":
			ev.Index = v
		}
		ev.fields = append(ev.fields, Field{p.header[i], v})
	}
	if !haveTime {
		p.eventTime(ev, p.clock, defaultTimeFields)
	}
	if ev.Sourcetype == "" {
		ev.Sourcetype = FormatCSV
	}
	p.emit(ev)
	return ""
}
