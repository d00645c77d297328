package eval

import (
	"encoding/json"
	"errors"
	"strings"
)

// jnode is a parsed JSON value that keeps key order and the original text
// of objects and arrays (spath returns a container as written).
type jnode struct {
	kind byte   // 'o' object, 'a' array, 's' string, 'n' number/true/false/null
	text string // scalars: the value (strings decoded); containers: the raw text
	keys []string
	kids []*jnode
}

// maxJSONDepth bounds nesting so hostile input cannot exhaust the stack.
const maxJSONDepth = 512

var errNotJSON = errors.New("not JSON")

// parseJSONTree parses s, which must hold exactly one JSON value (spaces
// around it allowed).
func parseJSONTree(s string) (*jnode, error) {
	p := &jparser{s: s}
	p.space()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(s) {
		return nil, errNotJSON
	}
	return n, nil
}

type jparser struct {
	s string
	i int
}

func (p *jparser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jparser) value(depth int) (*jnode, error) {
	if p.i >= len(p.s) || depth > maxJSONDepth {
		return nil, errNotJSON
	}
	start := p.i
	switch c := p.s[p.i]; {
	case c == '{':
		n := &jnode{kind: 'o'}
		p.i++
		p.space()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			n.text = p.s[start:p.i]
			return n, nil
		}
		for {
			p.space()
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return nil, errNotJSON
			}
			p.i++
			p.space()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			n.keys, n.kids = append(n.keys, k), append(n.kids, v)
			more, err := p.next('}')
			if err != nil {
				return nil, err
			}
			if more {
				continue
			}
			n.text = p.s[start:p.i]
			return n, nil
		}
	case c == '[':
		n := &jnode{kind: 'a'}
		p.i++
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			n.text = p.s[start:p.i]
			return n, nil
		}
		for {
			p.space()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, v)
			more, err := p.next(']')
			if err != nil {
				return nil, err
			}
			if more {
				continue
			}
			n.text = p.s[start:p.i]
			return n, nil
		}
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &jnode{kind: 's', text: s}, nil
	default:
		for p.i < len(p.s) && strings.IndexByte(",]} \t\r\n", p.s[p.i]) < 0 {
			p.i++
		}
		lit := p.s[start:p.i]
		if lit == "true" || lit == "false" || lit == "null" || isNumber(lit) {
			return &jnode{kind: 'n', text: lit}, nil
		}
		return nil, errNotJSON
	}
}

// str reads a JSON string literal and returns it decoded.
func (p *jparser) str() (string, error) {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return "", errNotJSON
	}
	start := p.i
	p.i++
	escaped := false
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case '\\':
			escaped = true
			p.i += 2
			continue
		case '"':
			p.i++
			lit := p.s[start:p.i]
			if !escaped {
				return lit[1 : len(lit)-1], nil
			}
			var out string
			if err := json.Unmarshal([]byte(lit), &out); err != nil {
				return "", errNotJSON
			}
			return out, nil
		}
		p.i++
	}
	return "", errNotJSON
}

// next reads what follows a member of an object or array: a comma (more
// members follow) or the closing byte, which it consumes.
func (p *jparser) next(closing byte) (more bool, err error) {
	p.space()
	if p.i >= len(p.s) {
		return false, errNotJSON
	}
	switch p.s[p.i] {
	case ',':
		p.i++
		return true, nil
	case closing:
		p.i++
		return false, nil
	}
	return false, errNotJSON
}
