package eval

import (
	"context"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/jsontree"
	"github.com/spelunk-dev/spelunk/internal/xmltree"
)

// spathStage is `spath [input=f] [output=o] [path=p | p]` [D S-spath]:
// reads JSON or XML from f (default _raw).
//
//   - With a path, the values at the path go to o (default: the path
//     itself as the field name). Path steps are separated by '.'; `name{}`
//     steps into every element of an array, `name{N}` into element N,
//     counted from 1 [I: Splunk's examples use 1-based indexes]; `{@a}`
//     reads attribute a of an XML element. A scalar gives its value (JSON
//     strings decoded, numbers/true/false/null as written); an object or
//     array gives its JSON text as written. Several values form a
//     multivalue. A path that is not found leaves o unchanged [I].
//   - Without a path every scalar is extracted into a field named by its
//     path: `a.b`, array elements as `a{}` (so `a{}.b`), several values a
//     multivalue; XML elements as `root.child`, attributes as
//     `root.child{@attr}` [D].
//   - Input that is neither JSON (an object or array) nor XML extracts
//     nothing; a null input field too. Extracted fields overwrite existing
//     ones. Splunk stops auto-extracting after 5,000 characters by
//     default (limits.conf extraction_cutoff); spelunk reads it all [U].
type spathStage struct {
	loc    ast.Span
	input  string
	output string
	path   []spathStep // nil: extract everything
}

type spathStep struct {
	name string
	subs []int  // per {} / {N} suffix: 0 = every element, N = element N
	attr string // {@attr}
}

func compileSpath(c *ast.SpathCommand, e *errs) stage {
	st := &spathStage{loc: c.Loc, input: "_raw"}
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "input":
			st.input = o.Value.Value()
		case "output":
			st.output = o.Value.Value()
		case "path":
		default:
			e.addf(o.Loc, "unknown spath option %q (known: input, output, path)", o.Key)
			return nil
		}
	}
	if p, ok := c.PathValue(); ok {
		steps, err := parseSpath(p)
		if err != nil {
			e.addf(c.Loc, "spath path %q: %v", p, err)
			return nil
		}
		st.path = steps
		if st.output == "" {
			st.output = p
		}
	} else if st.output != "" {
		e.addf(c.Loc, "spath output=%s needs a path", st.output)
		return nil
	}
	return st
}

type spathErr string

func (e spathErr) Error() string { return string(e) }

// parseSpath splits a path into steps.
func parseSpath(p string) ([]spathStep, error) {
	if p == "" {
		return nil, spathErr("empty path")
	}
	var steps []spathStep
	for _, part := range strings.Split(p, ".") {
		var st spathStep
		i := strings.IndexByte(part, '{')
		if i < 0 {
			i = len(part)
		}
		st.name = part[:i]
		rest := part[i:]
		for rest != "" {
			if rest[0] != '{' {
				return nil, spathErr("text after }")
			}
			j := strings.IndexByte(rest, '}')
			if j < 0 {
				return nil, spathErr("missing }")
			}
			in := rest[1:j]
			switch {
			case in == "":
				st.subs = append(st.subs, 0)
			case strings.HasPrefix(in, "@"):
				st.attr = in[1:]
			default:
				n, err := strconv.Atoi(in)
				if err != nil || n < 1 {
					return nil, spathErr("index {" + in + "} is not a number from 1")
				}
				st.subs = append(st.subs, n)
			}
			rest = rest[j+1:]
		}
		if st.name == "" && len(st.subs) == 0 && st.attr == "" {
			return nil, spathErr("empty step")
		}
		steps = append(steps, st)
	}
	return steps, nil
}

func (s *spathStage) name() string   { return "spath" }
func (s *spathStage) span() ast.Span { return s.loc }

func (s *spathStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	g := &cellGuard{span: s.loc, name: "spath", env: env}
	out := &rowSet{fields: in.fields, rows: in.rows}
	src := out.col(s.input)
	if src < 0 {
		return out, len(in.rows), nil
	}
	var dst int
	if s.path != nil {
		dst = out.addFields(s.output)[0]
	}
	for n := range out.rows {
		if n&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		v := out.rows[n][src]
		if v.IsNull() {
			continue
		}
		text := v.Strings()[0]
		if s.path != nil {
			if vals := spathValues(text, s.path); len(vals) > 0 {
				out.rows[n][dst] = Multi(vals...)
			}
			continue
		}
		names, vals := spathAll(text)
		if len(names) == 0 {
			continue
		}
		cols, ok := g.add(out, names...)
		if !ok {
			return nil, 0, g.err
		}
		row := out.rows[n]
		for i, c := range cols {
			row[c] = Multi(vals[i]...)
		}
	}
	return out, len(in.rows), nil
}

// structured reports which parser applies: 'j' JSON, 'x' XML, 0 neither.
func structured(text string) byte {
	t := strings.TrimLeft(text, " \t\r\n")
	if t == "" {
		return 0
	}
	switch t[0] {
	case '{', '[':
		return 'j'
	case '<':
		return 'x'
	}
	return 0
}

// spathValues evaluates a path over text.
func spathValues(text string, path []spathStep) []string {
	switch structured(text) {
	case 'j':
		root, err := jsontree.Parse(text)
		if err != nil {
			return nil
		}
		return jsonPath(root, path)
	case 'x':
		roots, err := xmltree.Parse(text)
		if err != nil {
			return nil
		}
		return xmlPath(roots, path)
	}
	return nil
}

func jsonPath(root *jsontree.Node, path []spathStep) []string {
	cur := []*jsontree.Node{root}
	for _, st := range path {
		var next []*jsontree.Node
		for _, n := range cur {
			if st.name != "" {
				if n.Kind != jsontree.Object {
					continue
				}
				for i, k := range n.Keys {
					if k == st.name {
						next = append(next, n.Kids[i])
						break
					}
				}
			} else {
				next = append(next, n)
			}
		}
		for _, sub := range st.subs {
			var exp []*jsontree.Node
			for _, n := range next {
				if n.Kind != jsontree.Array {
					continue
				}
				if sub == 0 {
					exp = append(exp, n.Kids...)
				} else if sub <= len(n.Kids) {
					exp = append(exp, n.Kids[sub-1])
				}
			}
			next = exp
		}
		if st.attr != "" {
			return nil
		}
		cur = next
	}
	out := make([]string, 0, len(cur))
	for _, n := range cur {
		out = append(out, n.Text)
	}
	return out
}

func xmlPath(roots []*xmltree.Node, path []spathStep) []string {
	// The first step names the root element.
	var cur []*xmltree.Node
	for i, st := range path {
		var next []*xmltree.Node
		pick := func(cands []*xmltree.Node) {
			var same []*xmltree.Node
			for _, k := range cands {
				if st.name == "" || k.Name == st.name {
					same = append(same, k)
				}
			}
			for _, sub := range st.subs {
				if sub > 0 {
					if sub <= len(same) {
						same = []*xmltree.Node{same[sub-1]}
					} else {
						same = nil
					}
				}
			}
			next = append(next, same...)
		}
		if i == 0 {
			pick(roots)
		} else {
			for _, n := range cur {
				pick(n.Kids)
			}
		}
		if st.attr != "" {
			if i != len(path)-1 {
				return nil
			}
			var out []string
			for _, n := range next {
				for _, a := range n.Attrs {
					if a.Name.Local == st.attr {
						out = append(out, a.Value)
					}
				}
			}
			return out
		}
		cur = next
	}
	out := make([]string, 0, len(cur))
	for _, n := range cur {
		out = append(out, n.Value())
	}
	return out
}

// spathAll auto-extracts every value of text: field names in order of
// first appearance and each field's values.
func spathAll(text string) ([]string, [][]string) {
	acc := &fieldAcc{idx: map[string]int{}}
	switch structured(text) {
	case 'j':
		root, err := jsontree.Parse(text)
		if err != nil {
			return nil, nil
		}
		flattenJSON(root, "", acc)
	case 'x':
		roots, err := xmltree.Parse(text)
		if err != nil {
			return nil, nil
		}
		for _, r := range roots {
			flattenXML(r, r.Name, acc)
		}
	}
	return acc.names, acc.vals
}

// fieldAcc collects multivalued fields in order of first appearance.
type fieldAcc struct {
	names []string
	vals  [][]string
	idx   map[string]int
}

func (a *fieldAcc) add(name, v string) {
	i, ok := a.idx[name]
	if !ok {
		i = len(a.names)
		a.idx[name] = i
		a.names = append(a.names, name)
		a.vals = append(a.vals, nil)
	}
	a.vals[i] = append(a.vals[i], v)
}

func flattenJSON(n *jsontree.Node, prefix string, acc *fieldAcc) {
	switch n.Kind {
	case jsontree.Object:
		for i, k := range n.Keys {
			name := k
			if prefix != "" {
				name = prefix + "." + k
			}
			flattenJSON(n.Kids[i], name, acc)
		}
	case jsontree.Array:
		for _, k := range n.Kids {
			flattenJSON(k, prefix+"{}", acc)
		}
	default:
		if prefix != "" {
			acc.add(prefix, n.Text)
		}
	}
}

func flattenXML(n *xmltree.Node, path string, acc *fieldAcc) {
	for _, a := range n.Attrs {
		acc.add(path+"{@"+a.Name.Local+"}", a.Value)
	}
	if len(n.Kids) == 0 {
		if t := strings.TrimSpace(n.Text()); t != "" {
			acc.add(path, t)
		}
		return
	}
	for _, k := range n.Kids {
		flattenXML(k, path+"."+k.Name, acc)
	}
}
