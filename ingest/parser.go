package ingest

import (
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// recordParser reads one record (its text and first line) and reports
// events and skips to p.
type recordParser func(p *parser, rec string, line int)

// parser is the per-worker state that turns records into finished events:
// it parses them (parse), applies metadata defaults and overrides, the
// search-time knowledge and the data-model mappings, and collects the
// results of one chunk in out.
type parser struct {
	path     string
	parse    recordParser
	opts     *Options
	know     *knowledge // nil: raw events only (Reader)
	header   []string   // CSV
	out      chunkOut
	scratch  []Field
	names    map[string]string   // interned field names (JSON)
	buf      []byte              // JSON/CSV unescaping
	ix       *fieldIndex         // reused per event
	shapes   map[string][]string // shared field-name lists (pack)
	shapeKey []byte              // reused by shape
	arena    []byte              // reused by pack
	arenas   map[string]string   // shared value arenas (pack)
	wide     []uint32            // reused by pack
	seen     []string            // reused by rowIndex
	stamp    string              // the sourcetype every event gets ("": the reader's)

	clock *clock // Options.TimeField/TimeFormat/InputTZ (nil: defaults)

	noTime, timeFallback, badUTF8 int
	noTimeField                   int  // events without a readable Options.TimeField
	jsonTruncated                 int  // events with more JSON fields than flattenJSON extracts
	jsonTruncatedLine             int  // the first one's line
	dropped                       bool // the record being read had fields over the bound
}

// chunkOut is what a parser made of one chunk.
type chunkOut struct {
	events []*Event
	kept   []bool // per event, Options.Keep's answer; nil without Keep
	skips  []Skip
	rows   []outRow
	idx    []uint16 // the rows' field indexes, one run per row
	extra  []Field  // the rows' explicit fields, one run per row
}

// sized returns an empty chunkOut with room for as much as o holds, so
// that the next chunk's slices do not grow step by step.
func (o *chunkOut) sized() chunkOut {
	return chunkOut{
		events: make([]*Event, 0, len(o.events)),
		rows:   make([]outRow, 0, len(o.rows)),
		idx:    make([]uint16, 0, len(o.idx)),
		extra:  make([]Field, 0, len(o.extra)),
	}
}

// outRow is one data-model row of events[ev]: the event's fields at
// indexes chunkOut.idx[idx0:idx1] (inherited by name), then
// chunkOut.extra[extra0:extra1] (explicit rules).
type outRow struct {
	ev             int
	ds             int // index into knowledge.mappers
	idx0, idx1     int
	extra0, extra1 int
}

// knowledge is Mappings compiled for the loader.
type knowledge struct {
	maps    *Mappings
	mappers []*rowMapper
}

func (p *parser) reset() {
	p.out.events = p.out.events[:0]
	p.out.kept = nil
	p.out.skips = p.out.skips[:0]
	p.out.rows = p.out.rows[:0]
	p.out.idx = p.out.idx[:0]
	p.out.extra = p.out.extra[:0]
}

// record parses one record, repairing invalid UTF-8 first: invalid bytes
// become U+FFFD (counted and reported as a warning), so that every string
// the evaluator sees is valid UTF-8.
func (p *parser) record(rec string, line int) {
	if !utf8.ValidString(rec) {
		rec = strings.ToValidUTF8(rec, "\uFFFD")
		p.badUTF8++
	}
	p.parse(p, rec, line)
}

// truncatedAt counts a JSON event on line whose fields were cut short.
func (p *parser) truncatedAt(line int) {
	if p.jsonTruncated == 0 || line < p.jsonTruncatedLine {
		p.jsonTruncatedLine = line
	}
	p.jsonTruncated++
}

func (p *parser) skip(line int, reason string) {
	p.out.skips = append(p.out.skips, Skip{Path: p.path, Line: line, Reason: reason})
}

func (p *parser) newEvent(raw string, line int) *Event {
	return &Event{Raw: raw, Line: line, fields: p.scratch[:0]}
}

// emit finishes ev: metadata, knowledge, rows; then its fields are packed
// (see pack) and the scratch slice they were built in is reused.
func (p *parser) emit(ev *Event) {
	defer p.finish(ev)
	if p.opts != nil {
		if p.opts.Host != "" {
			ev.Host = p.opts.Host
		}
		if p.opts.Source != "" {
			ev.Source = p.opts.Source
		}
		if p.opts.Index != "" {
			ev.Index = p.opts.Index
		}
		if ev.Index == "" {
			ev.Index = "main"
		}
		if ev.Source == "" {
			ev.Source = p.path
		}
	}
	if p.opts != nil && p.opts.DecodeXMLEntities && isXMLEvent(ev) {
		for i := range ev.fields {
			ev.fields[i].Value = decodeEntities(ev.fields[i].Value)
		}
	}
	if p.stamp != "" {
		ev.Sourcetype = p.stamp
	}
	p.timeField(ev)
	if ev.Time == 0 {
		p.noTime++
	}
	var ix *fieldIndex
	if p.know != nil {
		p.ix = p.know.maps.index(ev, p.ix)
		ix = p.ix
		p.know.maps.enrich(ev, ix)
	}
	idx := len(p.out.events)
	p.out.events = append(p.out.events, ev)
	if p.opts != nil && p.opts.Keep != nil {
		keep := p.opts.Keep(ev)
		if keep {
			detach(ev)
		}
		p.out.kept = append(p.out.kept, keep)
	}
	if p.know == nil {
		return
	}
	k := p.know.maps.compiled()
	for i, rm := range p.know.mappers {
		if !holdsAllC(rm.m.Match, k.mappings[i], ev, ix) {
			continue
		}
		r := outRow{ev: idx, ds: i, idx0: len(p.out.idx), extra0: len(p.out.extra)}
		p.out.idx, p.out.extra, p.seen = rm.rowIndex(ev, p.out.idx, p.out.extra, p.seen[:0])
		r.idx1, r.extra1 = len(p.out.idx), len(p.out.extra)
		p.out.rows = append(p.out.rows, r)
	}
}

// finish packs ev's fields, or copies them to a slice of exact size when
// they cannot be packed, so that p.scratch can be reused.
func (p *parser) finish(ev *Event) {
	fs := ev.fields
	p.pack(ev)
	if ev.fields != nil {
		ev.fields = append(make([]Field, 0, len(fs)), fs...)
	}
	p.scratch = fs[:0]
}

// str returns v as a string: a substring of base when v lies inside it
// (no copy), else a copy.
func str(v []byte, base string) string {
	if len(v) == 0 {
		return ""
	}
	b := uintptr(unsafe.Pointer(unsafe.StringData(base)))
	q := uintptr(unsafe.Pointer(&v[0]))
	if q >= b && q+uintptr(len(v)) <= b+uintptr(len(base)) {
		off := int(q - b)
		return base[off : off+len(v)]
	}
	return string(v)
}

// view is a read-only byte view of s (never written).
func view(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// Bounds of a parser's interned names: hostile input with many or long
// distinct names costs at most about maxInterned*maxInternedLen bytes.
const (
	maxInterned    = 10000
	maxInternedLen = 256
)

// intern returns a shared copy of name, so that events do not each hold
// their own copy of the same field name.
func (p *parser) intern(name string) string {
	if s, ok := p.names[name]; ok {
		return s
	}
	if p.names == nil {
		p.names = map[string]string{}
	}
	if len(p.names) < maxInterned && len(name) <= maxInternedLen {
		name = strings.Clone(name)
		p.names[name] = name
	}
	return name
}

func itoa(n int) string { return strconv.Itoa(n) }

func strconvQuote(s string) string { return strconv.Quote(s) }

// isXMLEvent reports whether ev was read from an XML <Event> element.
func isXMLEvent(ev *Event) bool {
	return strings.HasPrefix(ev.Raw, "<Event") || ev.Sourcetype == FormatSysmonLinux
}
