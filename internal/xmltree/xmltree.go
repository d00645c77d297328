// Package xmltree parses XML into a tree of elements for SPL's spath: each
// element keeps its attributes in order, its child elements, the text
// directly inside it and the raw text between its tags.
package xmltree

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// Node is an XML element.
type Node struct {
	// Name is the element's local name (without a namespace prefix).
	Name string
	// Attrs are its attributes in order, names without namespace, xmlns
	// declarations left out.
	Attrs []xml.Attr
	// Kids are its child elements in order.
	Kids []*Node
	// Inner is the raw text between the start and end tags.
	Inner    string
	text     strings.Builder
	innerOff int // where Inner starts in the input (while parsing)
}

// MaxDepth bounds nesting; deeper input is an error.
const MaxDepth = 256

// Parse parses s as XML and returns its root elements (usually one).
// Namespace prefixes are dropped from names; entities (HTML's included) are
// decoded; parsing is lenient about unclosed HTML elements. Malformed XML
// is an error.
func Parse(s string) ([]*Node, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var roots, stack []*Node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= MaxDepth {
				return nil, errors.New("XML nested too deeply")
			}
			n := &Node{Name: t.Name.Local, innerOff: int(d.InputOffset())}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				n.Attrs = append(n.Attrs, xml.Attr{Name: xml.Name{Local: a.Name.Local}, Value: a.Value})
			}
			if len(stack) == 0 {
				roots = append(roots, n)
			} else {
				p := stack[len(stack)-1]
				p.Kids = append(p.Kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errors.New("unbalanced XML")
			}
			n := stack[len(stack)-1]
			if end := strings.LastIndex(s[:int(d.InputOffset())], "</"); end >= n.innerOff {
				n.Inner = s[n.innerOff:end]
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	if len(roots) == 0 || len(stack) != 0 {
		return nil, errors.New("not XML")
	}
	return roots, nil
}

// Text is the character data directly inside the element (not inside its
// children), entities decoded, as written (spaces kept).
func (n *Node) Text() string {
	if n == nil {
		return ""
	}
	return n.text.String()
}

// Value is what spath returns for an element: its text when it has no
// child elements, else its inner XML, spaces trimmed on both sides.
func (n *Node) Value() string {
	if n == nil {
		return ""
	}
	if len(n.Kids) == 0 {
		return strings.TrimSpace(n.text.String())
	}
	return strings.TrimSpace(n.Inner)
}
