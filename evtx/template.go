package evtx

import "encoding/binary"

// instance parses a template instance: the template (defined here or
// earlier in the chunk) and its substitution values.
func (c *cursor) instance() (node, error) {
	start := c.pos
	if err := c.need(10); err != nil {
		return node{}, err
	}
	def := c.u32(c.pos + 6)
	c.pos += 10
	if int(def) == c.pos {
		if err := c.need(24); err != nil {
			return node{}, err
		}
		size := int(c.u32(c.pos + 20))
		if err := c.need(24 + size); err != nil {
			return node{}, errAt(start, "template definition cut short")
		}
		c.pos += 24 + size
	}
	t, err := c.p.template(def)
	if err != nil {
		return node{}, err
	}
	if err := c.need(4); err != nil {
		return node{}, err
	}
	count := int(c.u32(c.pos))
	c.pos += 4
	if count > (c.end-c.pos)/4 {
		return node{}, errAt(start, "%d substitution values do not fit", count)
	}
	vals := make([]value, count)
	data := c.pos + 4*count
	for i := range vals {
		d := c.pos + 4*i
		vals[i] = value{typ: c.p.b[d+2], off: data, n: int(c.u16(d))}
		data += vals[i].n
	}
	if data > c.end {
		return node{}, errAt(start, "substitution values cut short")
	}
	c.pos = data
	return node{kind: kTemplate, inst: &instance{t: t, vals: vals}}, nil
}

// template returns the template defined at chunk offset off, parsing it
// the first time.
func (p *parser) template(off uint32) (*template, error) {
	if t, ok := p.tmpls[off]; ok {
		return t, t.err
	}
	o := int(off)
	if o < chunkHeaderSize || o+24 > len(p.b) {
		return nil, errAt(o, "template definition outside the chunk")
	}
	size := int(binary.LittleEndian.Uint32(p.b[o+20:]))
	if size > len(p.b)-o-24 {
		return nil, errAt(o, "template definition cut short")
	}
	t := &template{err: errAt(o, "template defined in terms of itself")}
	p.tmpls[off] = t
	p.nest++
	defer func() { p.nest-- }()
	if p.nest > maxNesting {
		t.err = errAt(o, "templates nested too deep")
		return nil, t.err
	}
	c := &cursor{p: p, pos: o + 24, end: o + 24 + size}
	depth := p.depth
	p.depth = 0
	nodes, err := c.seq(true)
	p.depth = depth
	t.nodes, t.err = nodes, err
	return t, err
}
