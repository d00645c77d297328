package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

var errCSVQuote = errors.New("malformed CSV: bad quote")

// scanCSVRecord parses the RFC 4180 record at b[i:] (fields separated by
// commas, optionally double-quoted with "" for a quote, quoted fields may
// hold newlines; the record ends at an unquoted newline, a trailing "\r"
// dropped). Quoted fields with "" are unescaped by appending to *scratch
// (spare capacity at least len(b)). It appends the fields to fields and
// returns them with the index after the record.
func scanCSVRecord(b []byte, i int, scratch *[]byte, fields [][]byte) ([][]byte, int, error) {
	for {
		if i < len(b) && b[i] == '"' {
			// quoted field
			j := i + 1
			start := j
			var val []byte
			escaped := false
			for {
				q := bytes.IndexByte(b[j:], '"')
				if q < 0 {
					return fields, len(b), errCSVQuote
				}
				j += q
				if j+1 < len(b) && b[j+1] == '"' {
					escaped = true
					j += 2
					continue
				}
				break
			}
			val = b[start:j]
			if escaped {
				s := len(*scratch)
				out := *scratch
				for k := 0; k < len(val); k++ {
					out = append(out, val[k])
					if val[k] == '"' {
						k++
					}
				}
				*scratch = out
				val = out[s:]
			}
			fields = append(fields, val)
			j++ // closing quote
			if j < len(b) && b[j] == '\r' {
				j++
			}
			switch {
			case j >= len(b):
				return fields, j, nil
			case b[j] == ',':
				i = j + 1
				continue
			case b[j] == '\n':
				return fields, j + 1, nil
			}
			return fields, j, errCSVQuote
		}
		j := index2(b, i, ',', '\n')
		if j < 0 {
			j = len(b)
		}
		val := b[i:j]
		if j < len(b) && b[j] == '\n' || j == len(b) {
			val = bytes.TrimSuffix(val, []byte{'\r'})
		}
		fields = append(fields, val)
		if j >= len(b) {
			return fields, j, nil
		}
		if b[j] == '\n' {
			return fields, j + 1, nil
		}
		i = j + 1
	}
}

// readCSVHeader reads the header record from br: up to the first line end
// outside quotes (see csvQuotes), at most max bytes (a longer header is an
// error, so that a stream without newlines cannot exhaust memory).
func readCSVHeader(br *bufio.Reader, max int) ([]string, error) {
	var rec []byte
	var q csvQuotes
	for {
		line, err := br.ReadSlice('\n')
		if len(rec)+len(line) > max {
			return nil, fmt.Errorf("CSV header longer than %d bytes", max)
		}
		rec = append(rec, line...)
		q.feed(line, 1)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			if len(rec) == 0 {
				return nil, io.EOF
			}
			break
		}
		if err != nil {
			return nil, err
		}
		if !q.inQuotes() {
			break
		}
	}
	rec = bytes.TrimPrefix(rec, []byte("\xef\xbb\xbf"))
	scratch := make([]byte, 0, len(rec))
	fields, _, err := scanCSVRecord(rec, 0, &scratch, nil)
	if err != nil {
		return nil, fmt.Errorf("CSV header: %w", err)
	}
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = string(f)
	}
	return out, nil
}

// parseCSVChunk parses every record of c.buf against the header's field
// ids. Empty cells are null. sel, when not nil, decides which rows are
// stored (the others are counted in c.omitted).
func parseCSVChunk(c *datasetChunk, header []int32, path string, sel *rowSel) {
	c.reset()
	var fields [][]byte
	buf := c.buf
	line := c.line
	i := 0
	for i < len(buf) {
		start := i
		if buf[i] == '\n' || (buf[i] == '\r' && i+1 < len(buf) && buf[i+1] == '\n') {
			// blank line
			i = bytes.IndexByte(buf[i:], '\n') + i + 1
			line++
			continue
		}
		c.records++
		var err error
		fields, i, err = scanCSVRecord(buf, i, &c.scratch, fields[:0])
		recLine := line
		line += bytes.Count(buf[start:i], []byte{'\n'})
		reason := ""
		switch {
		case err != nil:
			reason = err.Error()
			// resynchronise at the next newline
			if nl := bytes.IndexByte(buf[start:], '\n'); nl >= 0 && start+nl+1 > i {
				line += bytes.Count(buf[i:start+nl+1], []byte{'\n'})
				i = start + nl + 1
			}
		case len(fields) != len(header):
			reason = fmt.Sprintf("%d fields, the header has %d", len(fields), len(header))
		}
		var t float64
		omitted := false
		if reason == "" {
			rowStart := len(c.cells)
			haveTime := false
			if sel != nil {
				sel.begin()
			}
			for k, f := range fields {
				if len(f) == 0 {
					continue
				}
				if header[k] == fidTime {
					v, perr := parseFloatBytes(f)
					if perr != nil {
						reason = fmt.Sprintf("_time %q is not a number", f)
						break
					}
					t, haveTime = v, true
					continue
				}
				if sel != nil {
					sel.put(header[k], f)
					continue
				}
				c.cells = append(c.cells, dsCell{header[k], c.dicts.code(header[k], f)})
			}
			if reason == "" && haveTime && sel != nil {
				if omitted = !sel.keepRow(t); !omitted {
					for k, f := range fields {
						if len(f) > 0 && header[k] != fidTime {
							c.cells = append(c.cells, dsCell{header[k], c.dicts.code(header[k], f)})
						}
					}
				}
			}
			if reason == "" && !haveTime {
				reason = "no _time"
			}
			if reason != "" {
				c.cells = c.cells[:rowStart]
			}
		}
		if reason != "" {
			c.skips = append(c.skips, Skip{Path: path, Line: recLine, Reason: reason})
			continue
		}
		if omitted {
			c.omit(t)
			continue
		}
		c.rows = append(c.rows, dsRow{end: int32(len(c.cells)), time: t})
	}
}
