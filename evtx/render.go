package evtx

import (
	"errors"
	"strconv"
)

var errTooLong = errors.New("rendered record too long")

// renderer writes parsed Binary XML as Windows renders it.
type renderer struct {
	p   *parser
	out []byte
}

// override binds substitution sub to one item of an array value while an
// element is repeated for each item.
type override struct {
	sub uint16
	v   value
}

func (r *renderer) nodes(ns []node, vals []value) error {
	for i := range ns {
		if err := r.node(&ns[i], vals, nil); err != nil {
			return err
		}
	}
	return nil
}

func lookup(n *node, vals []value, ov *override) value {
	if ov != nil && ov.sub == n.sub {
		return ov.v
	}
	if int(n.sub) < len(vals) {
		return vals[n.sub]
	}
	return value{}
}

func (r *renderer) node(n *node, vals []value, ov *override) error {
	if r.p.work++; r.p.work > maxWork {
		return errTooComplex
	}
	switch n.kind {
	case kElem:
		if ov == nil {
			for i := range n.kids {
				k := &n.kids[i]
				if k.kind != kSubst {
					continue
				}
				v := lookup(k, vals, nil)
				if v.typ&0x80 == 0 {
					continue
				}
				items := r.p.split(v)
				if len(items) == 0 {
					return r.element(n, vals, &override{sub: k.sub})
				}
				for _, it := range items {
					if err := r.element(n, vals, &override{sub: k.sub, v: it}); err != nil {
						return err
					}
				}
				return nil
			}
		}
		return r.element(n, vals, ov)
	case kText:
		r.out = appendEscaped(r.out, n.text, escText)
	case kSubst:
		return r.value(lookup(n, vals, ov), escText)
	case kCharRef:
		r.out = append(r.out, "&#"...)
		r.out = strconv.AppendUint(r.out, uint64(n.char), 10)
		r.out = append(r.out, ';')
	case kEntity:
		r.out = append(r.out, '&')
		r.out = append(r.out, n.name...)
		r.out = append(r.out, ';')
	case kCDATA:
		r.out = append(r.out, "<![CDATA["...)
		r.out = append(r.out, n.text...)
		r.out = append(r.out, "]]>"...)
	case kPI:
		r.out = append(r.out, "<?"...)
		r.out = append(r.out, n.name...)
		if n.text != "" {
			r.out = append(r.out, ' ')
			r.out = append(r.out, n.text...)
		}
		r.out = append(r.out, "?>"...)
	case kTemplate:
		if n.inst.t.err != nil {
			return n.inst.t.err
		}
		return r.nodes(n.inst.t.nodes, n.inst.vals)
	}
	if len(r.out) > r.p.max {
		return errTooLong
	}
	return nil
}

// element writes one element. An attribute whose value is made only of
// NULL substitutions is left out, as Windows does (a bare
// <EventID> with no empty Qualifiers attribute).
func (r *renderer) element(n *node, vals []value, ov *override) error {
	r.out = append(r.out, '<')
	r.out = append(r.out, n.name...)
	for i := range n.attrs {
		a := &n.attrs[i]
		mark := len(r.out)
		r.out = append(r.out, ' ')
		r.out = append(r.out, a.name...)
		r.out = append(r.out, "='"...)
		null := len(a.parts) > 0
		for j := range a.parts {
			if r.p.work++; r.p.work > maxWork {
				return errTooComplex
			}
			part := &a.parts[j]
			if part.kind == kSubst {
				v := lookup(part, vals, ov)
				if v.typ != 0 || v.n != 0 {
					null = false
				}
				if err := r.value(v, escAttr); err != nil {
					return err
				}
				continue
			}
			null = false
			if part.kind == kText {
				r.out = appendEscaped(r.out, part.text, escAttr)
			} else if err := r.node(part, vals, ov); err != nil {
				return err
			}
		}
		if null {
			r.out = r.out[:mark]
			continue
		}
		r.out = append(r.out, '\'')
	}
	if n.empty && len(n.kids) == 0 {
		r.out = append(r.out, "/>"...)
		return nil
	}
	r.out = append(r.out, '>')
	for i := range n.kids {
		if err := r.node(&n.kids[i], vals, ov); err != nil {
			return err
		}
	}
	r.out = append(r.out, "</"...)
	r.out = append(r.out, n.name...)
	r.out = append(r.out, '>')
	if len(r.out) > r.p.max {
		return errTooLong
	}
	return nil
}

// value writes a substitution value. Binary XML values are parsed and
// rendered in place; arrays outside an element of their own are written
// as their items separated by ", ".
func (r *renderer) value(v value, esc escMode) error {
	if v.off < 0 || v.n < 0 || v.off+v.n > len(r.p.b) {
		return errAt(v.off, "value outside the chunk")
	}
	data := r.p.b[v.off : v.off+v.n]
	switch {
	case v.typ == typeBinXML:
		if v.n == 0 {
			return nil
		}
		r.p.nest++
		defer func() { r.p.nest-- }()
		if r.p.nest > maxNesting {
			return errAt(v.off, "Binary XML values nested too deep")
		}
		c := &cursor{p: r.p, pos: v.off, end: v.off + v.n}
		depth := r.p.depth
		r.p.depth = 0
		nodes, err := c.seq(false)
		r.p.depth = depth
		if err != nil {
			return err
		}
		return r.nodes(nodes, nil)
	case v.typ&0x80 != 0:
		for i, it := range r.p.split(v) {
			if i > 0 {
				r.out = append(r.out, ", "...)
			}
			r.out = appendValue(r.out, it.typ, r.p.b[it.off:it.off+it.n], esc)
		}
	default:
		r.out = appendValue(r.out, v.typ, data, esc)
	}
	if len(r.out) > r.p.max {
		return errTooLong
	}
	return nil
}
