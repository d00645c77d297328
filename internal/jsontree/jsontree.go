// Package jsontree parses JSON into a tree that keeps the order of object
// members and the original text of objects and arrays, as SPL's spath and
// fromjson need: a container is returned as written, not re-encoded.
package jsontree

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/spelunk-dev/spelunk/internal/numsyntax"
)

// Kinds of Node.
const (
	Object  byte = 'o' // an object: Keys and Kids hold its members in order
	Array   byte = 'a' // an array: Kids holds its elements
	String  byte = 's' // a string: Text is the decoded value
	Literal byte = 'n' // a number, true, false or null: Text is the literal as written
)

// Node is a parsed JSON value.
type Node struct {
	// Kind is Object, Array, String or Literal.
	Kind byte
	// Text is, for scalars, the value (strings decoded); for containers,
	// the raw text of the object or array as written in the input.
	Text string
	// Keys are an object's member names, in order, duplicates kept.
	Keys []string
	// Kids are an object's member values (parallel to Keys) or an array's
	// elements.
	Kids []*Node
}

// MaxDepth bounds nesting so hostile input cannot exhaust the stack; deeper
// input is ErrNotJSON.
const MaxDepth = 512

// ErrNotJSON is the error for input that is not exactly one JSON value.
var ErrNotJSON = errors.New("not JSON")

// Parse parses s, which must hold exactly one JSON value (spaces around it
// allowed). Numbers follow SPL's decimal syntax (numsyntax.IsDecimal).
func Parse(s string) (*Node, error) {
	p := &jparser{s: s}
	p.space()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(s) {
		return nil, ErrNotJSON
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

func (p *jparser) value(depth int) (*Node, error) {
	if p.i >= len(p.s) || depth > MaxDepth {
		return nil, ErrNotJSON
	}
	start := p.i
	switch c := p.s[p.i]; {
	case c == '{':
		n := &Node{Kind: Object}
		return p.members(n, start, '}', func() error {
			k, err := p.str()
			if err != nil {
				return err
			}
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return ErrNotJSON
			}
			p.i++
			p.space()
			v, err := p.value(depth + 1)
			if err != nil {
				return err
			}
			n.Keys, n.Kids = append(n.Keys, k), append(n.Kids, v)
			return nil
		})
	case c == '[':
		n := &Node{Kind: Array}
		return p.members(n, start, ']', func() error {
			v, err := p.value(depth + 1)
			if err != nil {
				return err
			}
			n.Kids = append(n.Kids, v)
			return nil
		})
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: String, Text: s}, nil
	default:
		for p.i < len(p.s) && strings.IndexByte(",]} \t\r\n", p.s[p.i]) < 0 {
			p.i++
		}
		lit := p.s[start:p.i]
		if lit == "true" || lit == "false" || lit == "null" || numsyntax.IsDecimal(lit) {
			return &Node{Kind: Literal, Text: lit}, nil
		}
		return nil, ErrNotJSON
	}
}

// members reads an object's or array's members, from its opening byte at
// p.i through its closing byte, reading each member with member; it sets
// n.Text to the container's raw text, which begins at start.
func (p *jparser) members(n *Node, start int, closing byte, member func() error) (*Node, error) {
	p.i++
	p.space()
	if p.i < len(p.s) && p.s[p.i] == closing {
		p.i++
		n.Text = p.s[start:p.i]
		return n, nil
	}
	for {
		p.space()
		if err := member(); err != nil {
			return nil, err
		}
		more, err := p.next(closing)
		if err != nil {
			return nil, err
		}
		if !more {
			n.Text = p.s[start:p.i]
			return n, nil
		}
	}
}

// str reads a JSON string literal and returns it decoded.
func (p *jparser) str() (string, error) {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return "", ErrNotJSON
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
				return "", ErrNotJSON
			}
			return out, nil
		}
		p.i++
	}
	return "", ErrNotJSON
}

// next reads what follows a member of an object or array: a comma (more
// members follow) or the closing byte, which it consumes.
func (p *jparser) next(closing byte) (more bool, err error) {
	p.space()
	if p.i >= len(p.s) {
		return false, ErrNotJSON
	}
	switch p.s[p.i] {
	case ',':
		p.i++
		return true, nil
	case closing:
		p.i++
		return false, nil
	}
	return false, ErrNotJSON
}
