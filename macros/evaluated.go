package macros

import (
	"maps"
	"strings"

	"github.com/spelunk-dev/spelunk/diag"
)

// placeholder records a Warning for the undefined app macro a called at
// Location at, and returns the entry that stands in for it: its definition
// is a.placeholder text, in command form when the call stands where a
// command is expected, and all its bytes map to the call.
func (ex *expander) placeholder(a AppMacro, at Location) *entry {
	ex.x.Warnings = append(ex.x.Warnings, Warning{Loc: at, Macro: a.Stanza(), App: a.App, Msg: appMacroMsg(a)})
	m := Macro{
		Name: a.Name, Args: append([]string(nil), a.Args...),
		Definition: a.placeholder(ex.atCommandStart()),
		Loc:        at, Builtin: true, App: a.App,
	}
	return &entry{m: m, pos: fixedPosMap(at)}
}

// atCommandStart reports whether the output so far ends, blanks aside, in
// '|': the next text is a command, not search terms.
func (ex *expander) atCommandStart() bool {
	for i := len(ex.out) - 1; i >= 0; i-- {
		switch ex.out[i] {
		case ' ', '\t', '\n', '\r':
			continue
		case '|':
			return true
		}
		return false
	}
	return false
}

// evaluated checks e's validation expression and, for an iseval macro,
// evaluates its definition, through the Options hooks. It returns the
// source to expand for call idx at span c of src.
func (ex *expander) evaluated(e *entry, idx int, src *source, c span, args []span) (*source, error) {
	stanza := e.m.stanza()
	names := e.m.Args
	spans := bindArgs(src.text, names, args)
	vals := make(map[string]string, len(names))
	for i, n := range names {
		vals[n] = src.text[spans[i].start:spans[i].end]
	}
	if v := e.m.Validation; v != "" {
		if ex.opts.Validate == nil {
			return nil, ex.errorAt(src, c.start, diag.CodeMacroError, "macro validation needs an evaluator: macro `%s` has a validation expression", stanza)
		}
		expr, ok := substituteText(v, names, vals, ex.opts.MaxSize)
		if !ok {
			return nil, ex.errorAt(src, c.start, diag.CodeMacroLimit, "expanded search too large (more than %d bytes)", ex.opts.MaxSize)
		}
		pass, msg, err := ex.opts.Validate(expr, maps.Clone(vals))
		if err != nil {
			return nil, ex.errorAt(src, c.start, diag.CodeMacroError, "validating the arguments of macro `%s`: %v", stanza, err)
		}
		if !pass {
			if msg == "" {
				msg = e.m.ErrorMsg
			}
			if msg == "" {
				msg = "validation failed"
			}
			return nil, ex.errorAt(src, c.start, diag.CodeMacroError, "invalid arguments to macro `%s`: %s", stanza, msg)
		}
	}
	if !e.m.IsEval {
		return ex.substitute(e, idx, src, c, args)
	}
	if ex.opts.EvalString == nil {
		return nil, ex.errorAt(src, c.start, diag.CodeMacroError, "iseval macros need an evaluator: macro `%s` is eval-based (iseval = true)", stanza)
	}
	expr, ok := substituteText(e.m.Definition, names, vals, ex.opts.MaxSize)
	if !ok {
		return nil, ex.errorAt(src, c.start, diag.CodeMacroLimit, "expanded search too large (more than %d bytes)", ex.opts.MaxSize)
	}
	out, err := ex.opts.EvalString(expr, maps.Clone(vals))
	if err != nil {
		return nil, ex.errorAt(src, c.start, diag.CodeMacroError, "evaluating macro `%s` (iseval = true): %v", stanza, err)
	}
	if len(out) > ex.opts.MaxSize {
		return nil, ex.errorAt(src, c.start, diag.CodeMacroLimit, "expanded search too large (more than %d bytes)", ex.opts.MaxSize)
	}
	// The result was computed, not written: its bytes map to the start of
	// the definition.
	ex.x.entries[idx] = &entry{m: e.m, pos: fixedPosMap(e.pos.loc(0))}
	return generated(out, idx, src.depth), nil
}

// substituteText replaces $name$ in s by vals[name] for the argument names,
// in one left-to-right pass like substitute. ok is false when the result
// would exceed limit bytes.
func substituteText(s string, names []string, vals map[string]string, limit int) (string, bool) {
	var b strings.Builder
	lit := 0
	for i := 0; i < len(s); {
		if s[i] != '$' {
			i++
			continue
		}
		j := strings.IndexByte(s[i+1:], '$')
		if j < 0 {
			break
		}
		if argIndex(names, s[i+1:i+1+j]) < 0 {
			i++
			continue
		}
		v := vals[s[i+1:i+1+j]]
		if b.Len()+(i-lit)+len(v) > limit {
			return "", false
		}
		b.WriteString(s[lit:i])
		b.WriteString(v)
		i += j + 2
		lit = i
	}
	if b.Len()+len(s)-lit > limit {
		return "", false
	}
	b.WriteString(s[lit:])
	return b.String(), true
}
