package macros

import (
	"slices"
	"strconv"
	"strings"
)

// Macro is one definition, keyed by name and arity.
type Macro struct {
	Name       string   // macro name, without arity
	Args       []string // argument names, in call order
	Definition string   // expansion text with $arg$ placeholders
	Loc        Location // where the definition text starts (after an opening quote; first content line of a block scalar)
	Builtin    bool     // provided by this package, not loaded

	// IsEval marks an eval-based macro (macros.conf iseval = true): the
	// definition, after $arg$ substitution, is an eval expression whose
	// string value is the expansion. Expanding one needs
	// Options.EvalString.
	IsEval bool
	// Validation is an eval expression checked against the arguments
	// (after $arg$ substitution) before expanding; "" for none. Checking
	// it needs Options.Validate.
	Validation string
	ErrorMsg   string // macros.conf errormsg: the message when a Boolean Validation fails
	// Description is the macro's description (macros.conf description,
	// security_content YAML description); informational only.
	Description string
	// App names the Splunk app that ships the macro when this is a
	// stand-in for a known app macro (see Options.AppMacros); "" otherwise.
	App string
}

// stanza returns the macros.conf stanza name: `name` or `name(N)`.
func (m Macro) stanza() string { return stanzaName(m.Name, len(m.Args)) }

func stanzaName(name string, arity int) string {
	if arity == 0 {
		return name
	}
	return name + "(" + strconv.Itoa(arity) + ")"
}

type key struct {
	name  string
	arity int
}

// entry is a stored macro plus what the source map needs about it.
type entry struct {
	m   Macro
	pos posMap // offset in m.Definition -> Location in its file
}

// Library holds macros keyed by (name, arity). Later Add wins.
// A Library may be used by concurrent Expand calls once loading is done.
type Library struct {
	m map[key]*entry
}

// Built-in definitions (security_content relies on them but does not ship
// them; the CIM app defines drop_dm_object_name).
const (
	dropDMName       = "drop_dm_object_name"
	dropDMDefinition = "rename $object$.* AS *"
	filterSuffix     = "_filter"
	filterDefinition = "search *"
	builtinFile      = "<builtin>"
)

// NewLibrary returns a library holding only the built-ins:
// drop_dm_object_name(1) and the `<name>_filter` fallback. Len counts
// drop_dm_object_name; the fallback is synthesised on lookup.
func NewLibrary() *Library {
	l := &Library{m: make(map[key]*entry)}
	l.Add(Macro{
		Name:       dropDMName,
		Args:       []string{"object"},
		Definition: dropDMDefinition,
		Loc:        Location{File: builtinFile, Line: 1, Col: 1},
		Builtin:    true,
	})
	return l
}

// Add stores m under (m.Name, len(m.Args)), replacing any earlier
// definition with that name and arity, built-ins included. Positions inside
// the definition are computed from m.Loc, advancing lines at newlines.
// Add on a nil Library does nothing.
func (l *Library) Add(m Macro) {
	if l == nil {
		return
	}
	l.add(&entry{m: cloneMacro(m), pos: textPosMap(m.Definition, m.Loc)})
}

func (l *Library) add(e *entry) {
	if l.m == nil {
		l.m = make(map[key]*entry)
	}
	l.m[key{e.m.Name, len(e.m.Args)}] = e
}

// Lookup returns the macro called name with arity arguments. Undefined
// 0-argument names ending in "_filter" resolve to the built-in `search *`.
func (l *Library) Lookup(name string, arity int) (Macro, bool) {
	e := l.lookup(name, arity)
	if e == nil {
		return Macro{}, false
	}
	return cloneMacro(e.m), true
}

func (l *Library) lookup(name string, arity int) *entry {
	if l == nil {
		return nil
	}
	if e, ok := l.m[key{name, arity}]; ok {
		return e
	}
	if arity == 0 && strings.HasSuffix(name, filterSuffix) && len(name) > len(filterSuffix) {
		m := Macro{Name: name, Definition: filterDefinition, Loc: Location{File: builtinFile, Line: 1, Col: 1}, Builtin: true}
		return &entry{m: m, pos: textPosMap(m.Definition, m.Loc)}
	}
	return nil
}

// arities returns the arities defined for name, ascending.
func (l *Library) arities(name string) []int {
	if l == nil {
		return nil
	}
	var out []int
	for k := range l.m {
		if k.name == name {
			out = append(out, k.arity)
		}
	}
	slices.Sort(out)
	return out
}

// Len returns the number of stored definitions (built-in
// drop_dm_object_name included, the synthesised _filter fallback not).
func (l *Library) Len() int {
	if l == nil {
		return 0
	}
	return len(l.m)
}

func cloneMacro(m Macro) Macro {
	if m.Args != nil {
		m.Args = append([]string(nil), m.Args...)
	}
	return m
}
