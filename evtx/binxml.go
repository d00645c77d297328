package evtx

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Binary XML tokens (the low bits; 0x40 marks "more follows" or "has
// attributes").
const (
	tokEOF          = 0x00
	tokOpenStart    = 0x01
	tokCloseStart   = 0x02
	tokCloseEmpty   = 0x03
	tokEnd          = 0x04
	tokValue        = 0x05
	tokAttribute    = 0x06
	tokCDATA        = 0x07
	tokCharRef      = 0x08
	tokEntityRef    = 0x09
	tokPITarget     = 0x0a
	tokPIData       = 0x0b
	tokTemplate     = 0x0c
	tokSubst        = 0x0d
	tokOptSubst     = 0x0e
	tokFragmentHead = 0x0f
	tokMore         = 0x40
)

// Limits that keep hostile input from costing more than its size.
const (
	maxElementDepth = 256 // nested elements
	maxNesting      = 16  // templates and Binary XML values inside each other
	// maxWork bounds the nodes parsed and rendered for one chunk: a real
	// chunk needs a few tens of thousands, a hostile one (templates
	// referring to values that instantiate templates...) could need
	// billions.
	maxWork = 8 << 20
	// maxChunkXML bounds the XML rendered for one chunk (real chunks
	// render to a few hundred KiB).
	maxChunkXML = 64 << 20
)

type nodeKind uint8

const (
	kElem     nodeKind = iota
	kText              // literal text (not escaped yet)
	kSubst             // a substitution
	kCharRef           // &#N;
	kEntity            // &name;
	kCDATA             // <![CDATA[text]]>
	kPI                // <?name text?>
	kTemplate          // a template instance
)

// node is one piece of parsed Binary XML.
type node struct {
	kind  nodeKind
	empty bool   // element closed with CloseEmptyElement
	opt   bool   // optional substitution
	vtype byte   // substitution's declared value type
	sub   uint16 // substitution index
	char  uint16 // character reference
	name  string // element, entity, PI target
	text  string // text, CDATA, PI data
	attrs []attr
	kids  []node
	inst  *instance
}

type attr struct {
	name  string
	parts []node
}

// instance is a template instance: its template and its values.
type instance struct {
	t    *template
	vals []value
}

// template is a parsed template definition.
type template struct {
	nodes []node
	err   error
}

// value is one substitution value: its type and its bytes at chunk
// offset off.
type value struct {
	typ    byte
	off, n int
}

// parser parses the Binary XML of one chunk; names and templates are
// cached by their chunk offset.
type parser struct {
	b     []byte
	names map[uint32]string
	tmpls map[uint32]*template
	nest  int
	depth int
	max   int // output bound (absolute length of the output buffer)
	work  int // nodes parsed and rendered in this chunk
	buf   []byte
}

var errTooComplex = errors.New("Binary XML too complex (work bound of the chunk reached)")

func (p *parser) reset(b []byte) {
	p.b = b
	clear(p.names)
	clear(p.tmpls)
	if p.names == nil {
		p.names = map[uint32]string{}
		p.tmpls = map[uint32]*template{}
	}
	p.nest, p.depth, p.work = 0, 0, 0
}

func errAt(off int, format string, args ...any) error {
	return fmt.Errorf("offset %d: "+format, append([]any{off}, args...)...)
}

// cursor reads tokens from p.b[pos:end].
type cursor struct {
	p        *parser
	pos, end int
}

func (c *cursor) need(n int) error {
	if n < 0 || c.pos+n > c.end {
		return errAt(c.pos, "Binary XML cut short")
	}
	return nil
}

func (c *cursor) u16(at int) uint16 { return binary.LittleEndian.Uint16(c.p.b[at:]) }
func (c *cursor) u32(at int) uint32 { return binary.LittleEndian.Uint32(c.p.b[at:]) }

// record parses and renders the Binary XML of one record, appending the
// XML to out.
func (p *parser) record(out []byte, start, end int) ([]byte, error) {
	p.nest, p.depth = 0, 0
	c := &cursor{p: p, pos: start, end: end}
	nodes, err := c.seq(true)
	if err != nil {
		return out, err
	}
	r := renderer{p: p, out: out}
	if err := r.nodes(nodes, nil); err != nil {
		return out, err
	}
	if len(r.out) == len(out) {
		return out, errAt(start, "record holds no XML")
	}
	return r.out, nil
}

// seq parses a token sequence up to EOF or the end: fragment headers,
// elements, template instances and content. dep says whether element
// starts carry a dependency identifier (they do except, sometimes, in
// Binary XML values); both forms are recognised.
func (c *cursor) seq(dep bool) ([]node, error) {
	var nodes []node
	for c.pos < c.end {
		if c.p.work++; c.p.work > maxWork {
			return nil, errTooComplex
		}
		tok := c.p.b[c.pos]
		switch tok &^ tokMore {
		case tokEOF:
			c.pos++
			return nodes, nil
		case tokFragmentHead:
			if err := c.need(4); err != nil {
				return nil, err
			}
			c.pos += 4
		case tokOpenStart:
			n, err := c.element(dep)
			if err != nil {
				return nil, err
			}
			nodes = append(nodes, n)
		case tokTemplate:
			n, err := c.instance()
			if err != nil {
				return nil, err
			}
			nodes = append(nodes, n)
		default:
			n, err := c.content()
			if err != nil {
				return nil, err
			}
			nodes = append(nodes, n)
		}
	}
	return nodes, nil
}

// name reads the name at chunk offset off; when off is where the cursor
// is, the name is stored inline and the cursor moves past it.
func (c *cursor) name(off uint32) (string, error) {
	inline := int(off) == c.pos
	s, size, err := c.p.nameAt(off)
	if err != nil {
		return "", err
	}
	if inline {
		if err := c.need(size); err != nil {
			return "", err
		}
		c.pos += size
	}
	return s, nil
}

// nameAt reads a name structure (4 unknown bytes, hash, character count,
// UTF-16 text, NUL) and returns it with its size.
func (p *parser) nameAt(off uint32) (string, int, error) {
	o := int(off)
	if o+8 > len(p.b) {
		return "", 0, errAt(o, "name outside the chunk")
	}
	n := int(binary.LittleEndian.Uint16(p.b[o+6:]))
	size := 8 + 2*n + 2
	if o+size > len(p.b) {
		return "", 0, errAt(o, "name outside the chunk")
	}
	if s, ok := p.names[off]; ok {
		return s, size, nil
	}
	p.buf = appendUTF16(p.buf[:0], p.b[o+8:o+8+2*n], escNone)
	s := string(p.buf)
	p.names[off] = s
	return s, size, nil
}

// plausibleName reports whether off can be a name offset for a token whose
// fixed part ends at here: inline (off == here) or earlier in the chunk,
// after the chunk header.
func (c *cursor) plausibleName(off uint32, here int) bool {
	return int(off) == here || (int(off) >= chunkHeaderSize && int(off) < here && int(off)+8 <= len(c.p.b))
}

// element parses an element: start tag, attributes, content, end tag.
func (c *cursor) element(dep bool) (node, error) {
	start := c.pos
	tok := c.p.b[c.pos]
	c.p.depth++
	defer func() { c.p.depth-- }()
	if c.p.depth > maxElementDepth {
		return node{}, errAt(start, "elements nested too deep")
	}
	// token, [dependency id (2)], data size (4), name offset (4)
	withDep, without := start+11, start+9
	var off uint32
	switch {
	case dep && withDep <= c.end && c.plausibleName(c.u32(start+7), withDep):
		off, c.pos = c.u32(start+7), withDep
	case without <= c.end && c.plausibleName(c.u32(start+5), without):
		off, c.pos = c.u32(start+5), without
	case !dep && withDep <= c.end && c.plausibleName(c.u32(start+7), withDep):
		off, c.pos = c.u32(start+7), withDep
	default:
		return node{}, errAt(start, "bad element start")
	}
	name, err := c.name(off)
	if err != nil {
		return node{}, err
	}
	n := node{kind: kElem, name: name}
	if tok&tokMore != 0 {
		if err := c.need(4); err != nil {
			return node{}, err
		}
		c.pos += 4 // attribute list size
		for c.pos < c.end && c.p.b[c.pos]&^tokMore == tokAttribute {
			if err := c.need(5); err != nil {
				return node{}, err
			}
			aoff := c.u32(c.pos + 1)
			c.pos += 5
			aname, err := c.name(aoff)
			if err != nil {
				return node{}, err
			}
			a := attr{name: aname}
			for c.pos < c.end && isValueToken(c.p.b[c.pos]) {
				part, err := c.content()
				if err != nil {
					return node{}, err
				}
				a.parts = append(a.parts, part)
			}
			n.attrs = append(n.attrs, a)
		}
	}
	if err := c.need(1); err != nil {
		return node{}, err
	}
	switch c.p.b[c.pos] {
	case tokCloseEmpty:
		c.pos++
		n.empty = true
		return n, nil
	case tokCloseStart:
		c.pos++
	default:
		return node{}, errAt(c.pos, "unexpected token 0x%02x in a start tag", c.p.b[c.pos])
	}
	for {
		if err := c.need(1); err != nil {
			return node{}, err
		}
		if c.p.work++; c.p.work > maxWork {
			return node{}, errTooComplex
		}
		tok := c.p.b[c.pos]
		switch tok &^ tokMore {
		case tokEnd:
			c.pos++
			return n, nil
		case tokOpenStart:
			k, err := c.element(dep)
			if err != nil {
				return node{}, err
			}
			n.kids = append(n.kids, k)
		case tokTemplate:
			k, err := c.instance()
			if err != nil {
				return node{}, err
			}
			n.kids = append(n.kids, k)
		default:
			k, err := c.content()
			if err != nil {
				return node{}, err
			}
			n.kids = append(n.kids, k)
		}
	}
}

func isValueToken(tok byte) bool {
	switch tok &^ tokMore {
	case tokValue, tokSubst, tokOptSubst, tokCharRef, tokEntityRef:
		return true
	}
	return false
}

// content parses one content token: text, substitution, character or
// entity reference, CDATA section, processing instruction.
func (c *cursor) content() (node, error) {
	start := c.pos
	tok := c.p.b[c.pos]
	switch tok &^ tokMore {
	case tokValue:
		if err := c.need(4); err != nil {
			return node{}, err
		}
		if t := c.p.b[c.pos+1]; t != typeString {
			// Value text is a string; other fixed-size types are read as
			// what they hold.
			size := fixedSize(t)
			if size == 0 {
				return node{}, errAt(start, "value text of type 0x%02x", t)
			}
			c.pos += 2
			if err := c.need(size); err != nil {
				return node{}, err
			}
			c.p.buf = appendValue(c.p.buf[:0], t, c.p.b[c.pos:c.pos+size], escNone)
			c.pos += size
			return node{kind: kText, text: string(c.p.buf)}, nil
		}
		n := int(c.u16(c.pos + 2))
		c.pos += 4
		if err := c.need(2 * n); err != nil {
			return node{}, err
		}
		c.p.buf = appendUTF16(c.p.buf[:0], c.p.b[c.pos:c.pos+2*n], escNone)
		c.pos += 2 * n
		return node{kind: kText, text: string(c.p.buf)}, nil
	case tokSubst, tokOptSubst:
		if err := c.need(4); err != nil {
			return node{}, err
		}
		n := node{kind: kSubst, opt: tok == tokOptSubst, sub: c.u16(c.pos + 1), vtype: c.p.b[c.pos+3]}
		c.pos += 4
		return n, nil
	case tokCharRef:
		if err := c.need(3); err != nil {
			return node{}, err
		}
		n := node{kind: kCharRef, char: c.u16(c.pos + 1)}
		c.pos += 3
		return n, nil
	case tokEntityRef:
		if err := c.need(5); err != nil {
			return node{}, err
		}
		off := c.u32(c.pos + 1)
		c.pos += 5
		name, err := c.name(off)
		if err != nil {
			return node{}, err
		}
		return node{kind: kEntity, name: name}, nil
	case tokCDATA, tokPIData:
		if err := c.need(3); err != nil {
			return node{}, err
		}
		n := int(c.u16(c.pos + 1))
		c.pos += 3
		if err := c.need(2 * n); err != nil {
			return node{}, err
		}
		c.p.buf = appendUTF16(c.p.buf[:0], c.p.b[c.pos:c.pos+2*n], escNone)
		c.pos += 2 * n
		if tok&^tokMore == tokPIData {
			return node{kind: kPI, text: string(c.p.buf)}, nil
		}
		return node{kind: kCDATA, text: string(c.p.buf)}, nil
	case tokPITarget:
		if err := c.need(5); err != nil {
			return node{}, err
		}
		off := c.u32(c.pos + 1)
		c.pos += 5
		name, err := c.name(off)
		if err != nil {
			return node{}, err
		}
		n := node{kind: kPI, name: name}
		if c.pos < c.end && c.p.b[c.pos] == tokPIData {
			d, err := c.content()
			if err != nil {
				return node{}, err
			}
			n.text = d.text
		}
		return n, nil
	}
	return node{}, errAt(start, "unexpected token 0x%02x", tok)
}
