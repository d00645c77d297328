package macros

import (
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/diag"
)

// substitute returns the definition of e with its $arg$ placeholders
// replaced by the call's arguments (spans of src), as the source to expand
// for call idx. Substitution is one left-to-right pass, global, and ignores
// quoting; `$x$` where x is not an argument name stays as written.
func (ex *expander) substitute(e *entry, idx int, src *source, c span, args []span) (*source, error) {
	d := e.m.Definition
	out := &source{depth: src.depth + 1, owner: idx}
	if len(args) == 0 || !strings.Contains(d, "$") {
		out.text = d
		out.pcs = []piece{{at: 0, ref: ref{call: idx}}}
		return out, nil
	}
	vals := bindArgs(src.text, e.m.Args, args)
	if e.m.Builtin {
		for i, v := range vals {
			vals[i] = stripQuotes(src.text, v)
		}
	}
	var b strings.Builder
	var pcs []piece
	lit := 0
	for i := 0; i < len(d); {
		if d[i] != '$' {
			i++
			continue
		}
		j := strings.IndexByte(d[i+1:], '$')
		if j < 0 {
			break
		}
		k := argIndex(e.m.Args, d[i+1:i+1+j])
		if k < 0 {
			i++
			continue
		}
		v := vals[k]
		if b.Len()+(i-lit)+(v.end-v.start) > ex.opts.MaxSize {
			return nil, ex.errorAt(src, c.start, diag.CodeMacroLimit, "expanded search too large (more than %d bytes)", ex.opts.MaxSize)
		}
		pcs = addPiece(pcs, b.Len(), ref{call: idx, off: lit})
		b.WriteString(d[lit:i])
		pcs = appendRange(pcs, b.Len(), src.pcs, v.start, v.end)
		b.WriteString(src.text[v.start:v.end])
		i += j + 2
		lit = i
	}
	if b.Len()+len(d)-lit > ex.opts.MaxSize {
		return nil, ex.errorAt(src, c.start, diag.CodeMacroLimit, "expanded search too large (more than %d bytes)", ex.opts.MaxSize)
	}
	if lit < len(d) {
		pcs = addPiece(pcs, b.Len(), ref{call: idx, off: lit})
		b.WriteString(d[lit:])
	}
	out.text, out.pcs = b.String(), pcs
	return out, nil
}

func argIndex(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// bindArgs returns the argument value spans in the order of names. The named
// form `m(b=2, a=1)` is used when every argument is `name=value` and the
// names are exactly the macro's argument names; otherwise arguments are
// positional.
func bindArgs(s string, names []string, args []span) []span {
	vals := make([]span, len(names))
	named := make([]bool, len(names))
	for _, a := range args {
		eq := strings.IndexByte(s[a.start:a.end], '=')
		if eq < 0 {
			return append(vals[:0], args...)
		}
		n := trimSpan(s, span{a.start, a.start + eq})
		k := argIndex(names, s[n.start:n.end])
		if k < 0 || named[k] {
			return append(vals[:0], args...)
		}
		named[k] = true
		vals[k] = trimSpan(s, span{a.start + eq + 1, a.end})
	}
	return vals
}

// stripQuotes removes one pair of enclosing double quotes from v.
func stripQuotes(s string, v span) span {
	if v.end-v.start >= 2 && s[v.start] == '"' && s[v.end-1] == '"' {
		return span{v.start + 1, v.end - 1}
	}
	return v
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// joinArities renders [1 2 3] as "1, 2 or 3 arguments".
func joinArities(ar []int) string {
	var b strings.Builder
	for i, a := range ar {
		switch {
		case i == 0:
		case i == len(ar)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(a))
	}
	if len(ar) == 1 && ar[0] == 1 {
		b.WriteString(" argument")
	} else {
		b.WriteString(" arguments")
	}
	return b.String()
}
