package eval

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// xnode is an XML element: its attributes in order, child elements and the
// text directly inside it.
type xnode struct {
	name     string
	attrs    []xml.Attr
	kids     []*xnode
	text     strings.Builder
	inner    string // the raw text between the start and end tags
	innerOff int    // where inner starts in the input (while parsing)
}

// maxXMLDepth bounds nesting.
const maxXMLDepth = 256

// parseXMLTree parses s as XML and returns its root elements (usually
// one). Namespaces prefixes are dropped from names; entities are decoded.
// Malformed XML is an error.
func parseXMLTree(s string) ([]*xnode, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var roots, stack []*xnode
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
			if len(stack) >= maxXMLDepth {
				return nil, errors.New("XML nested too deeply")
			}
			n := &xnode{name: t.Name.Local, innerOff: int(d.InputOffset())}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: a.Name.Local}, Value: a.Value})
			}
			if len(stack) == 0 {
				roots = append(roots, n)
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errors.New("unbalanced XML")
			}
			n := stack[len(stack)-1]
			if end := strings.LastIndex(s[:int(d.InputOffset())], "</"); end >= n.innerOff {
				n.inner = s[n.innerOff:end]
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

// value is what spath returns for an element: its text when it has no
// child elements, else its inner XML.
func (n *xnode) value() string {
	if len(n.kids) == 0 {
		return strings.TrimSpace(n.text.String())
	}
	return strings.TrimSpace(n.inner)
}
