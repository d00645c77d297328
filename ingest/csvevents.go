package ingest

import "strings"

// parseCSVRecord reads one CSV record (sourcetype csv) against the file's
// header: one field per non-empty cell, named by its header column. _raw is
// the record's text. _time comes from a _time column (epoch seconds, RFC
// 3339 or "2006-01-02 15:04:05"); host, source, sourcetype and index
// columns set the metadata (Options override them).
func parseCSVRecord(p *parser, rec string, line int) {
	rec = strings.TrimRight(rec, "\r\n")
	if strings.TrimSpace(rec) == "" {
		return
	}
	if cap(p.buf) < len(rec) {
		p.buf = make([]byte, 0, len(rec)+len(rec)/2)
	}
	scratch := p.buf[:0]
	cells, _, err := scanCSVRecord(view(rec), 0, &scratch, nil)
	if err != nil {
		p.skip(line, err.Error())
		return
	}
	if len(cells) != len(p.header) {
		p.skip(line, itoa(len(cells))+" fields, the header has "+itoa(len(p.header)))
		return
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
			if t, ok := parseTimestamp(v); ok {
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
		p.noTime++
	}
	if ev.Sourcetype == "" {
		ev.Sourcetype = FormatCSV
	}
	p.emit(ev)
}
