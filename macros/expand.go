package macros

import (
	"fmt"
	"strings"

	"github.com/spelunk-dev/spelunk/diag"
)

// Options configure one expansion. Zero limits mean the defaults (MaxDepth
// 50, MaxSize 1 MiB of expanded text, MaxCalls 10000).
type Options struct {
	MaxDepth int // deepest nesting of macro calls inside definitions
	MaxSize  int // bytes of expanded text (and of any substituted definition)
	MaxCalls int // macro expansions in total

	// AppMacros makes calls to known app macros (KnownAppMacros) that the
	// library does not define expand to an AppMacroPlaceholder and add a
	// Warning to the Expansion, instead of failing as unknown macros.
	AppMacros bool

	// EvalString evaluates the definition of an eval-based macro
	// (Macro.IsEval) and returns its string value, which is then expanded
	// like any definition. expr is the definition with $arg$ already
	// replaced by the call's arguments as written (as Splunk does); args
	// maps the argument names to the same values. A returned error fails
	// the expansion at the call. When nil, calling an iseval macro is an
	// error ("iseval macros need an evaluator").
	EvalString func(expr string, args map[string]string) (string, error)

	// Validate evaluates a macro's validation expression (Macro.Validation),
	// with $arg$ replaced as for EvalString, before the macro is expanded.
	// Per macros.conf: a Boolean expression passes when true (false or
	// NULL fail, with the macro's errormsg); a non-Boolean one passes when
	// NULL, and otherwise its string value is the error message. The hook
	// reports that as ok, and msg for the string case; err is for
	// expressions that cannot be evaluated. When nil, calling a macro with a
	// validation expression is an error ("macro validation needs an
	// evaluator").
	Validate func(expr string, args map[string]string) (ok bool, msg string, err error)
}

// Default limits applied when an Options field is zero (or negative).
const (
	DefaultMaxDepth = 50
	DefaultMaxSize  = 1 << 20
	DefaultMaxCalls = 10000
)

func (o Options) withDefaults() Options {
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.MaxCalls <= 0 {
		o.MaxCalls = DefaultMaxCalls
	}
	return o
}

// Expansion is the result of Expand: the expanded text and how it was made.
type Expansion struct {
	Text     string    // fully expanded search text
	Calls    []Call    // every expansion performed, outermost first (pre-order)
	Warnings []Warning // app macros expanded to placeholders (Options.AppMacros), in call order

	pcs      []piece  // source map of Text
	parents  []int    // per call: index of the call whose definition contained it, -1 for the searched text
	entries  []*entry // per call: the definition used
	callRefs []ref    // per call: where its opening backtick was written
	top      locator  // positions in the searched text
}

// Call is one macro expansion.
type Call struct {
	Name  string   // macro name as called
	Args  []string // arguments as written (trimmed), in call order
	Macro Macro    // the definition used
	Start int      // span of the expansion in Expansion.Text
	End   int
	Loc   Location // where the call (its opening backtick) was written
	Depth int      // 0 for calls written in the searched text, n+1 inside a depth-n call's definition
}

// source is a text being scanned for calls, with its own source map.
type source struct {
	text  string
	pcs   []piece
	depth int // Depth of the calls found in text
	owner int // index of the call whose expansion text is, -1 for the searched text
}

type expander struct {
	lib   *Library
	opts  Options
	out   []byte
	x     *Expansion
	stack []string // stanza names of the macros being expanded, outermost first
	keys  []key
}

// Expand expands every backtick macro call in text, recursively. at is where
// text[0] sits in its file (e.g. the detection YAML's search line); newlines
// in text advance the line. Errors are *Error values located at the call
// that failed, mapped through the source map.
func (l *Library) Expand(text string, at Location, opts Options) (*Expansion, error) {
	if l == nil {
		return nil, errNilLibrary("Expand")
	}
	return l.expandAt(text, newLineIndex(text, at), opts)
}

// ExpandFunc is Expand with an arbitrary map from byte offsets of text to
// Locations: locate(off) says where text[off] was written (off may equal
// len(text), just past the end). Use it for text whose bytes are not laid
// out line by line from one start, such as a folded or quoted multi-line
// YAML scalar (see YAMLLocator). A nil locate yields empty Locations.
func (l *Library) ExpandFunc(text string, locate func(off int) Location, opts Options) (*Expansion, error) {
	if l == nil {
		return nil, errNilLibrary("ExpandFunc")
	}
	if locate == nil {
		return l.expandAt(text, newLineIndex(text, Location{}), opts)
	}
	return l.expandAt(text, funcLocator(locate), opts)
}

// funcLocator adapts a function to the locator interface.
type funcLocator func(off int) Location

func (f funcLocator) loc(off int) Location { return f(off) }

// expandAt is Expand with an arbitrary map from offsets of text to
// Locations.
func (l *Library) expandAt(text string, top locator, opts Options) (*Expansion, error) {
	ex := &expander{
		lib:  l,
		opts: opts.withDefaults(),
		x:    &Expansion{top: top},
	}
	ex.out = make([]byte, 0, min(len(text)+len(text)/2, ex.opts.MaxSize))
	src := &source{text: text, pcs: []piece{{at: 0, ref: ref{call: -1}}}, owner: -1}
	if err := ex.expand(src); err != nil {
		return nil, err
	}
	ex.x.Text = string(ex.out)
	return ex.x, nil
}

// errorAt returns an *Error for byte p of src.
func (ex *expander) errorAt(src *source, p int, code diag.Code, format string, a ...any) *Error {
	loc, macro := ex.x.locate(refAt(src.pcs, p))
	return &Error{Loc: loc, Macro: macro, Code: code, Msg: fmt.Sprintf(format, a...)}
}

// tooLarge reports the size limit at the innermost call being expanded, or
// at byte a of the searched text.
func (ex *expander) tooLarge(src *source, a int) *Error {
	if k := src.owner; k >= 0 {
		c := ex.x.Calls[k]
		_, macro := ex.x.locate(ex.x.callRefs[k])
		return &Error{Loc: c.Loc, Macro: macro, Code: diag.CodeMacroLimit, Msg: fmt.Sprintf("expanded search too large (more than %d bytes)", ex.opts.MaxSize)}
	}
	return ex.errorAt(src, a, diag.CodeMacroLimit, "expanded search too large (more than %d bytes)", ex.opts.MaxSize)
}

// emit copies src.text[a:b] to the output.
func (ex *expander) emit(src *source, a, b int) error {
	if a >= b {
		return nil
	}
	if len(ex.out)+b-a > ex.opts.MaxSize {
		return ex.tooLarge(src, a)
	}
	ex.x.pcs = appendRange(ex.x.pcs, len(ex.out), src.pcs, a, b)
	ex.out = append(ex.out, src.text[a:b]...)
	return nil
}

func (ex *expander) expand(src *source) error {
	for i := 0; ; {
		c, found, closed := findCall(src.text, i)
		if !found {
			return ex.emit(src, i, len(src.text))
		}
		if err := ex.emit(src, i, c.start); err != nil {
			return err
		}
		if !closed {
			return ex.errorAt(src, c.start, diag.CodeMacroSyntax, "unterminated macro call %s", quoteCall(src.text[c.start:c.end]))
		}
		if err := ex.call(src, c); err != nil {
			return err
		}
		i = c.end
	}
}

// call expands the call at span c of src into the output.
func (ex *expander) call(src *source, c span) error {
	name, args, msg := parseCall(src.text, c)
	if msg != "" {
		return ex.errorAt(src, c.start, diag.CodeMacroSyntax, "%s", msg)
	}
	e := ex.lib.lookup(name, len(args))
	var app *AppMacro
	if e == nil {
		if a, ok := appMacros[key{name, len(args)}]; ok {
			if !ex.opts.AppMacros {
				err := ex.errorAt(src, c.start, diag.CodeUnknownMacro, "unknown macro `%s` (%s): %s", name, plural(len(args), "argument"), appMacroMsg(a))
				err.Called = name
				return err
			}
			app = &a
		} else if ar := ex.lib.arities(name); len(ar) > 0 {
			return ex.errorAt(src, c.start, diag.CodeMacroArity, "wrong number of arguments to macro `%s`: called with %d, defined with %s",
				name, len(args), joinArities(ar))
		} else {
			err := ex.errorAt(src, c.start, diag.CodeUnknownMacro, "unknown macro `%s` (%s)", name, plural(len(args), "argument"))
			err.Called = name
			return err
		}
	}
	k := key{name, len(args)}
	for i, s := range ex.keys {
		if s == k {
			chain := append(append([]string(nil), ex.stack[i:]...), stanzaName(name, len(args)))
			return ex.errorAt(src, c.start, diag.CodeMacroCycle, "macro cycle: `%s`", strings.Join(chain, "` → `"))
		}
	}
	if src.depth >= ex.opts.MaxDepth {
		return ex.errorAt(src, c.start, diag.CodeMacroLimit, "macros nested too deeply (more than %d levels)", ex.opts.MaxDepth)
	}
	if len(ex.x.Calls) >= ex.opts.MaxCalls {
		return ex.errorAt(src, c.start, diag.CodeMacroLimit, "too many macro expansions (more than %d)", ex.opts.MaxCalls)
	}
	idx := len(ex.x.Calls)
	cref := refAt(src.pcs, c.start)
	loc, _ := ex.x.locate(cref)
	if app != nil {
		e = ex.placeholder(*app, loc)
	}
	argText := make([]string, len(args))
	for i, a := range args {
		argText[i] = src.text[a.start:a.end]
	}
	ex.x.Calls = append(ex.x.Calls, Call{
		Name: name, Args: argText, Macro: cloneMacro(e.m),
		Start: len(ex.out), Loc: loc, Depth: src.depth,
	})
	ex.x.parents = append(ex.x.parents, src.owner)
	ex.x.entries = append(ex.x.entries, e)
	ex.x.callRefs = append(ex.x.callRefs, cref)

	var body *source
	var err error
	switch {
	case app != nil:
		body = generated(e.m.Definition, idx, src.depth)
	case e.m.IsEval || e.m.Validation != "":
		body, err = ex.evaluated(e, idx, src, c, args)
	default:
		body, err = ex.substitute(e, idx, src, c, args)
	}
	if err != nil {
		return err
	}
	ex.stack = append(ex.stack, e.m.stanza())
	ex.keys = append(ex.keys, k)
	err = ex.expand(body)
	ex.stack = ex.stack[:len(ex.stack)-1]
	ex.keys = ex.keys[:len(ex.keys)-1]
	if err != nil {
		return err
	}
	ex.x.Calls[idx].End = len(ex.out)
	return nil
}

// generated returns a source for text that call idx produced rather than
// copied from a definition (a placeholder or an iseval result); its bytes
// map through the call's entry, whose posMap is fixed.
func generated(text string, idx, depth int) *source {
	return &source{text: text, pcs: []piece{{at: 0, ref: ref{call: idx}}}, depth: depth + 1, owner: idx}
}
