package ingest

import "bytes"

// xmlTracker follows, fragment by fragment, whether an XML <Event> element
// is open: its start tag read and its end tag not yet. A tag cut between
// two fragments of a long line is found through the tail of the earlier
// fragment.
type xmlTracker struct {
	open  bool
	tail  [8]byte
	tailN int
}

const (
	xmlStartTag = "<Event"
	xmlEndTag   = "</Event>"
)

// feed reads the next fragment of the stream.
func (x *xmlTracker) feed(frag []byte) {
	if x.tailN > 0 && len(frag) > 0 {
		var j [16]byte
		n := copy(j[:], x.tail[:x.tailN])
		m := copy(j[n:], frag[:min(len(frag), 8)])
		x.scan(j[:n+m], n)
	}
	x.scan(frag, 0)
	x.tailN = 0
	if len(frag) > 0 && frag[len(frag)-1] != '\n' {
		x.tailN = copy(x.tail[:7], frag[max(0, len(frag)-7):])
	}
}

// scan updates open with the tags of b that end at or after index from
// (b[:from] was seen already).
func (x *xmlTracker) scan(b []byte, from int) {
	i := 0
	for {
		k := bytes.Index(b[i:], []byte("Event"))
		if k < 0 {
			return
		}
		p := i + k
		i = p + 5
		switch {
		case p >= 2 && b[p-1] == '/' && b[p-2] == '<' && p+5 < len(b) && b[p+5] == '>':
			if p+6 > from {
				x.open = false
			}
		case p >= 1 && b[p-1] == '<' && p+5 < len(b):
			switch b[p+5] {
			case ' ', '>', '\t', '\r', '\n':
				if p+6 > from {
					x.open = true
				}
			}
		}
	}
}

// csvQuotes follows the quoting of a CSV stream, byte by byte, as RFC 4180
// reads it: a double quote opens a quoted field only at a field's start;
// inside one, "" is a quote and a lone " closes it. A quote anywhere else
// (an unquoted field holding 5" disk, or text after a closing quote) is
// stray: it is counted and changes nothing, so that the next line starts a
// record and one damaged field never glues the rest of the file together.
type csvQuotes struct {
	state     byte // csvFieldStart, csvUnquoted, csvQuoted, csvClosed
	stray     int  // stray quotes seen
	strayLine int  // line of the first one
}

const (
	csvFieldStart = iota
	csvUnquoted
	csvQuoted
	csvClosed // a quote read inside a quoted field: closing, or the first of ""
)

// inQuotes reports whether the stream is inside a quoted field.
func (q *csvQuotes) inQuotes() bool { return q.state == csvQuoted }

// feed reads the next fragment of the stream, on line (for the report).
func (q *csvQuotes) feed(frag []byte, line int) {
	for i := 0; i < len(frag); i++ {
		c := frag[i]
		switch q.state {
		case csvQuoted:
			j := bytes.IndexByte(frag[i:], '"')
			if j < 0 {
				return
			}
			i += j
			q.state = csvClosed
			continue
		case csvClosed:
			switch c {
			case '"':
				q.state = csvQuoted
				continue
			case ',', '\n':
				q.state = csvFieldStart
				continue
			case '\r':
				continue
			}
			q.state = csvUnquoted
			q.strayAt(line)
			continue
		}
		switch c {
		case ',', '\n':
			q.state = csvFieldStart
		case '"':
			if q.state == csvFieldStart {
				q.state = csvQuoted
			} else {
				q.strayAt(line)
			}
		default:
			q.state = csvUnquoted
		}
	}
}

func (q *csvQuotes) strayAt(line int) {
	if q.stray == 0 {
		q.strayLine = line
	}
	q.stray++
}

// strayQuotesWarning reports the stray quotes of a CSV stream.
func strayQuotesWarning(q csvQuotes) string {
	return itoa(q.stray) + " stray double quotes outside quoted CSV fields (first on line " + itoa(q.strayLine) +
		"); kept as text, records split at line ends"
}
